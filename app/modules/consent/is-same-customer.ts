import type { CustomerRefs } from "./customer-refs";

/** Whether a row of `row.shopId` belongs to this shop's customer, known by any of these indexes. */
export function isSameCustomer(row: { shopId: string } & CustomerRefs, shopId: string, knownAs: readonly CustomerRefs[]): boolean {
  if (row.shopId !== shopId) return false;
  return knownAs.some(
    (refs) => (row.customerRef !== null && row.customerRef === refs.customerRef) || (row.emailRef !== null && row.emailRef === refs.emailRef),
  );
}
