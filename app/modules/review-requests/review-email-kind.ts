/** A review request's first email, or its single reminder. */
export type ReviewEmailKind = "request" | "reminder";
