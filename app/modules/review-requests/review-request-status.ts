/** `sending` is held only while one worker delivers the email; a crash there ends in `failed`. */
export const REVIEW_REQUEST_STATUSES = ["scheduled", "sending", "sent", "cancelled", "failed"] as const;
export type ReviewRequestStatus = (typeof REVIEW_REQUEST_STATUSES)[number];
