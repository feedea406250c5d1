/** What a signed link lets its holder do; a token signed for one purpose is refused for another. */
export type LinkTokenPurpose = "review" | "unsubscribe";

/** The claims of a link token: identifiers only, never anything about the customer. */
export interface LinkTokenClaims {
  shop: string;
  reviewRequestId: string;
  purpose: LinkTokenPurpose;
  expiresAt: Date;
}
