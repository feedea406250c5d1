/** A customer as Candor knows them: keyed blind indexes of the customer GID and of the email. */
export interface CustomerRefs {
  customerRef: string | null;
  emailRef: string | null;
}

/** The Prisma `OR` that matches rows of the same customer by either blind index. */
export function matchCustomerRefs(refs: CustomerRefs): Array<{ customerRef: string } | { emailRef: string }> {
  const conditions: Array<{ customerRef: string } | { emailRef: string }> = [];
  if (refs.customerRef) conditions.push({ customerRef: refs.customerRef });
  if (refs.emailRef) conditions.push({ emailRef: refs.emailRef });
  return conditions;
}
