import type { CustomerIndexes } from "~/db/select-by-customer.server";

import type { CustomerRefs } from "./customer-refs";

/** Every (shop, blind index) pair that names these customers, each once. */
export function listCustomerIndexes(customers: ReadonlyArray<{ shopId: string; knownAs: readonly CustomerRefs[] }>): CustomerIndexes {
  const customerRefs = new Map<string, [string, string]>();
  const emailRefs = new Map<string, [string, string]>();
  for (const { shopId, knownAs } of customers) {
    for (const refs of knownAs) {
      if (refs.customerRef) customerRefs.set(`${shopId}\n${refs.customerRef}`, [shopId, refs.customerRef]);
      if (refs.emailRef) emailRefs.set(`${shopId}\n${refs.emailRef}`, [shopId, refs.emailRef]);
    }
  }
  return { customerRefs: [...customerRefs.values()], emailRefs: [...emailRefs.values()] };
}
