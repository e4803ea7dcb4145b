import * as v from 'valibot';

/** Whether a partner's incident contacts are current (domain/contacts-status.ts), as every module shows it. */
export const ContactsStatusSchema = v.object({
  state: v.picklist(['not-set', 'current', 'review-due', 'incomplete']),
  reviewDueOn: v.nullable(v.string()),
  daysSinceReview: v.nullable(v.number()),
  message: v.string(),
});
