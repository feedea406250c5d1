export const REVIEW_REQUEST_STATUSES = ["scheduled", "sent", "cancelled", "failed"] as const;
export type ReviewRequestStatus = (typeof REVIEW_REQUEST_STATUSES)[number];
