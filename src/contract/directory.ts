// The partner directory's requests and answers: the settings page's Partners section (Jira admins), and the
// global page's "Your organization" (a partner's own people: contacts and coverage only).
import * as v from 'valibot';
import { PartnerIdSchema, PartnerInputSchema, PartnerSelfServiceSchema } from '../domain/partner';
import { PARTNER_TIERS } from '../domain/eligibility';
import { ContactsStatusSchema } from './contacts-status';

const VersionField = v.pipe(v.number('Send the version you loaded'), v.integer(), v.minValue(0));
const Cursor = v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous page returned')));

const ContactsUpdateSchema = v.nullable(v.object({ at: v.string(), by: v.string(), byPartner: v.boolean() }));

/** A stored partner as admins see it (a partner made from the previous version may lack member groups). */
export const PartnerDocSchema = v.object({
  ...PartnerInputSchema.entries,
  memberGroups: v.array(v.string()),
  id: v.string(),
  schemaVersion: v.number(),
  contactsUpdated: ContactsUpdateSchema,
  needsMemberGroups: v.optional(v.boolean()),
});
export type PartnerDoc = v.InferOutput<typeof PartnerDocSchema>;

export const PartnerSummarySchema = v.object({
  id: v.string(),
  name: v.string(),
  tier: v.picklist(PARTNER_TIERS),
  memberGroups: v.array(v.string()),
  appCount: v.number(),
  needsMemberGroups: v.boolean(),
  contactsUpdated: ContactsUpdateSchema,
});
export type PartnerSummaryView = v.InferOutput<typeof PartnerSummarySchema>;

export const PartnerListInput = v.strictObject({
  search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'Search with at most 100 characters'))),
  cursor: Cursor,
});
export const PartnerListSchema = v.object({ partners: v.array(PartnerSummarySchema), cursor: v.optional(v.string()) });

export const PartnerGetInput = v.strictObject({ id: PartnerIdSchema });
export const PartnerViewSchema = v.object({ version: v.number(), partner: PartnerDocSchema, contactsStatus: ContactsStatusSchema });
export type PartnerView = v.InferOutput<typeof PartnerViewSchema>;

/** `id` null creates a partner (the app gives it its id); `fromPreviousVersion` saves the partner the old settings described. */
export const SavePartnerInput = v.strictObject({
  id: v.nullable(PartnerIdSchema),
  version: VersionField,
  partner: PartnerInputSchema,
  fromPreviousVersion: v.optional(v.boolean(), false),
});

export const PartnerHistoryInput = v.strictObject({ id: PartnerIdSchema, cursor: Cursor });

export const ExportPageInput = v.strictObject({ cursor: Cursor });
export const ExportPageSchema = v.object({ partners: v.array(PartnerDocSchema), cursor: v.optional(v.string()) });

/** A partner's own organization, as its people see it on the global page: no tier, no inventory. */
export const OrganizationSchema = v.object({
  id: v.string(),
  name: v.string(),
  version: v.number(),
  contacts: v.nullable(PartnerSelfServiceSchema.entries.contacts),
  coverage: PartnerSelfServiceSchema.entries.coverage,
  lastReviewedOn: v.nullable(v.string()),
  reviewIntervalDays: v.number(),
  contactsStatus: ContactsStatusSchema,
  contactsUpdated: ContactsUpdateSchema,
});
export type Organization = v.InferOutput<typeof OrganizationSchema>;
export const OrganizationsSchema = v.object({ organizations: v.array(OrganizationSchema) });

export const SaveOrganizationInput = v.strictObject({ partnerId: PartnerIdSchema, version: VersionField, ...PartnerSelfServiceSchema.entries });
