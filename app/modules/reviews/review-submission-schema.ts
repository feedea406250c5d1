import { z } from "zod";

/** Limits shown on the form and enforced here; the form's messages name the same numbers. */
export const REVIEW_LIMITS = { titleMax: 120, bodyMin: 10, bodyMax: 5_000, displayNameMax: 60 } as const;

const text = (max: number) => z.string().trim().max(max);

/**
 * What the storefront form posts. Messages are codes: the page turns them into the customer's
 * language. Text is kept exactly as written (trimmed); it is escaped wherever it is shown.
 */
export const reviewSubmissionSchema = z.object({
  rating: z.coerce.number({ message: "rating" }).int("rating").min(1, "rating").max(5, "rating"),
  title: text(REVIEW_LIMITS.titleMax)
    .optional()
    .transform((value) => (value ? value : null)),
  body: z.string().trim().min(REVIEW_LIMITS.bodyMin, "body_short").max(REVIEW_LIMITS.bodyMax, "body_long"),
  displayName: z.string().trim().min(1, "display_name").max(REVIEW_LIMITS.displayNameMax, "display_name"),
});

export type ReviewSubmission = z.output<typeof reviewSubmissionSchema>;
export type ReviewFieldError = "rating" | "body_short" | "body_long" | "display_name" | "title_long";
