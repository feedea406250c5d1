/** A customer as Candor knows them: keyed blind indexes of the customer GID and of the email. */
export interface CustomerRefs {
  customerRef: string | null;
  emailRef: string | null;
}

/**
 * The Prisma `OR` that matches rows of the same customer by either blind index. Given several
 * sets of indexes (stored and current), each distinct index appears once.
 */
export function matchCustomerRefs(refs: CustomerRefs | readonly CustomerRefs[]): Array<{ customerRef: string } | { emailRef: string }> {
  const customerRefs = new Set<string>();
  const emailRefs = new Set<string>();
  for (const known of Array.isArray(refs) ? (refs as readonly CustomerRefs[]) : [refs as CustomerRefs]) {
    if (known.customerRef) customerRefs.add(known.customerRef);
    if (known.emailRef) emailRefs.add(known.emailRef);
  }
  return [...[...customerRefs].map((customerRef) => ({ customerRef })), ...[...emailRefs].map((emailRef) => ({ emailRef }))];
}
