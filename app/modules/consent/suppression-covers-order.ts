/**
 * Whether a suppression stops a request for an order placed at `orderPlacedAt`. An erasure that
 * lets new orders be asked covers only orders placed before it; an unknown order date counts
 * as before, the safe side.
 */
export function suppressionCoversOrder(suppression: { appliesToOrdersBefore: Date | null }, orderPlacedAt: Date | null): boolean {
  return suppression.appliesToOrdersBefore === null || orderPlacedAt === null || orderPlacedAt < suppression.appliesToOrdersBefore;
}
