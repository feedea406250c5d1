import type { RetentionCategory } from "./shop-settings-schema";

export interface RetentionWindowNote {
  label: string;
  /** What the records are. */
  what: string;
  /** When the window starts, and what is never removed early. */
  countedFrom: string;
  /** What happens when the window ends. */
  atTheEnd: string;
  /** Why the default and the bounds are what they are, in plain words (docs/decisions/009-retention-purge.md has the full reasoning). */
  why: string;
}

/** The settings screen's explanation of each retention window. */
export const RETENTION_WINDOW_NOTES: Record<RetentionCategory, RetentionWindowNote> = {
  reviewRequests: {
    label: "Review requests",
    what: "Which orders and products were asked about, and when.",
    countedFrom: "Counted from the request's last step: sent, reminded, cancelled or failed. A request still waiting to be sent, or with its reminder still to come, is never removed.",
    atTheEnd: "Deleted, with its products, its send log and its queue messages; its review link then stops working.",
    why: "A year lets you answer a customer who asks about an email and keeps “one request per order” working through late shipments and returns. At least 30 days, so the reminder and the review link can do their work; at most three years, the usual period in which a claim about it could be brought.",
  },
  sendLog: {
    label: "Send log",
    what: "Each attempt to send a review email, and its outcome (never the address).",
    countedFrom: "Counted from the attempt. It also goes with its review request if that is removed first.",
    atTheEnd: "Deleted.",
    why: "90 days covers bounce and complaint reports and looking into delivery problems. At least a week, for bounces to come back; at most a year.",
  },
  reviewerDisplayNames: {
    label: "Reviewers' display names",
    what: "The name shown with a review.",
    countedFrom: "Counted from when the review was submitted.",
    atTheEnd: "The name is replaced by “Verified buyer”; the rating and text stay published.",
    why: "Three years keeps a review's author visible while the review is current and then stops tying it to a person. At least 30 days; at most ten years.",
  },
  consentLedger: {
    label: "Consent records",
    what: "When a customer agreed to or declined emails.",
    countedFrom: "Counted from each record. Opt-outs themselves are kept as long as Candor is installed, so a customer who said no is never asked again.",
    atTheEnd: "Deleted.",
    why: "Five years lets you prove consent (GDPR Art. 7) for as long as a complaint or claim about an email could come. At least a year; at most ten.",
  },
  auditLog: {
    label: "Audit log",
    what: "Actions taken in Candor, such as settings changes and exports.",
    countedFrom: "Counted from each action.",
    atTheEnd: "Deleted.",
    why: "Two years covers the access reviews and audits the log is for. At least a year; at most seven, for shops whose auditors ask for more.",
  },
  webhookDedupeKeys: {
    label: "Webhook delivery keys",
    what: "Keys that stop a notification Shopify sends twice from being handled twice.",
    countedFrom: "Counted from when the notification arrived.",
    atTheEnd: "Deleted.",
    why: "Shopify retries a notification for a few hours; a week is ample and keeps little. At least a day; at most 30 days.",
  },
  dataRequestReceipts: {
    label: "Data-request receipts",
    what: "Proof that customers' access and erasure requests were answered (counts, never the data).",
    countedFrom: "Counted from when the request was answered; a request not yet answered is never removed.",
    atTheEnd: "Deleted.",
    why: "Three years lets you show a supervisory authority that a request was answered in time, for as long as a complaint about it could be made. At least a year; at most ten.",
  },
};
