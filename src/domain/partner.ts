// The partner directory's entry: one Marketplace partner organization the IR team works with (seed 000,
// "Maintain current incident contacts", "Eligibility"): its tier, the Jira groups whose members are its
// people, its incident contacts and coverage, when they were last reviewed, and its app inventory.
// Everything partner-specific about an incident (prefill, clock, reminders, footprint) comes from here.
import * as v from 'valibot';
import { ContactSchema, timeZoneField } from './contacts';
import { PARTNER_TIERS, type PartnerTier } from './eligibility';
import type { CoverageCalendar } from './ack-timer';
import { appsField, normalizeAppId, type AppEntry } from './inventory';
import { calendarDate, objectMessage, requiredText, uniqueGroups, wholeNumber, fieldsOf } from './schema-kit';

/** The shape version of a partner record; records of an older shape upgrade on read. */
export const PARTNER_SCHEMA_VERSION = 1;
export const MAX_MEMBER_GROUPS = 20;
/** Jira's limit for a group name. */
export const MAX_GROUP_NAME_LENGTH = 255;
export const DEFAULT_REVIEW_DAYS = 90;
export const MAX_REVIEW_DAYS = 365;
export const COVERAGE_CALENDARS = ['24x7', '24x5'] as const satisfies readonly CoverageCalendar[];

/** A partner's stable id: lower-case letters, digits and hyphens (KVS keys and URLs take it as is). */
export const PARTNER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const PartnerIdSchema = v.pipe(v.string('Choose a partner'), v.regex(PARTNER_ID, 'Choose a partner from the directory'));

/** Jira account IDs: the 24-hex-digit form or `<digits>:<uuid>`. */
const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d{1,10}:[0-9a-f-]{36})$/i;
const accountIdField = v.pipe(v.string(), v.trim(), v.regex(ACCOUNT_ID, 'Enter a Jira account ID, for example 5b10ac8d82e05b22cc7d4ef5'));

/** A directory contact: the report's fields, a time zone, and optionally the Jira account reminders mention. */
export const PartnerContactSchema = v.strictObject(
  { ...ContactSchema.entries, accountId: v.optional(v.union([v.literal(''), accountIdField], 'Enter a Jira account ID, or leave it empty'), '') },
  objectMessage('contact', { name: 'Enter the name', role: 'Enter the role', email: 'Enter an email address', phone: 'Enter a phone number', timeZone: 'Choose a time zone' }),
);
export type PartnerContact = v.InferOutput<typeof PartnerContactSchema>;

export const PartnerContactsSchema = v.strictObject(
  { primary: PartnerContactSchema, secondary: PartnerContactSchema },
  objectMessage('incident contacts', {
    primary: 'Add a primary contact',
    secondary: 'Add a secondary contact: the program asks for at least one primary and one secondary contact',
  }),
);
export type PartnerContacts = v.InferOutput<typeof PartnerContactsSchema>;

/** When the contacts answer: the 24x5 weekend (Saturday and Sunday) is counted in `timeZone`. */
export const CoverageSchema = v.strictObject(
  { calendar: v.picklist(COVERAGE_CALENDARS, 'Choose the coverage: 24x7 or 24x5'), timeZone: timeZoneField },
  objectMessage('coverage', { calendar: 'Choose the coverage: 24x7 or 24x5', timeZone: 'Choose a time zone' }),
);
export type Coverage = v.InferOutput<typeof CoverageSchema>;

export const MEMBER_GROUPS_MESSAGE = 'Add at least one Jira group whose members are this partner\u2019s people';
/** Member groups; `min` 0 only for a partner made from the previous version, which knew none. */
export const memberGroupsField = (min: 0 | 1) =>
  v.pipe(
    v.array(requiredText('group name', MAX_GROUP_NAME_LENGTH), 'List the Jira groups whose members are this partner\u2019s people'),
    v.minLength(min, MEMBER_GROUPS_MESSAGE),
    v.maxLength(MAX_MEMBER_GROUPS, `List at most ${MAX_MEMBER_GROUPS} groups`),
    uniqueGroups,
  );
const groupsField = memberGroupsField(1);

/** What an admin edits about a partner (the id is the app's; the contacts' update stamp is the app's). */
export const PartnerInputSchema = v.strictObject(
  {
    name: requiredText('partner name'),
    tier: v.picklist(PARTNER_TIERS, 'Choose the partner tier: Platinum or other'),
    memberGroups: groupsField,
    contacts: v.nullable(PartnerContactsSchema),
    coverage: CoverageSchema,
    lastReviewedOn: v.nullable(calendarDate),
    reviewIntervalDays: wholeNumber('days', 1, MAX_REVIEW_DAYS),
    apps: appsField,
    /** The issue security level (its Jira id) that restricts this partner's new tickets to IR staff and its people. */
    securityLevelId: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'Choose an issue security level from the list')))),
  },
  objectMessage('partner', {
    name: 'Enter the partner name',
    tier: 'Choose the partner tier: Platinum or other',
    memberGroups: 'Add at least one Jira group whose members are this partner\u2019s people',
    contacts: 'Add the incident contacts, or null when none are known yet',
    coverage: 'Add the coverage',
    lastReviewedOn: 'Enter the date the contacts were last reviewed, or null',
    reviewIntervalDays: 'Enter after how many days the contacts need a review',
    apps: 'List the apps (an empty list when there are none)',
  }),
);
export type PartnerInput = v.InferOutput<typeof PartnerInputSchema>;

/** What a partner's own people may change about their organization: contacts and coverage, nothing else. */
export const PartnerSelfServiceSchema = v.strictObject(
  { contacts: PartnerContactsSchema, coverage: CoverageSchema },
  objectMessage('organization', { contacts: 'Add the incident contacts', coverage: 'Add the coverage' }),
);
export type PartnerSelfService = v.InferOutput<typeof PartnerSelfServiceSchema>;

/** Who last changed the contacts: IR see "contacts updated by the partner on …". */
export interface ContactsUpdate {
  at: string;
  by: string;
  byPartner: boolean;
}

/** A stored partner: the admin's fields, its stable id, and the stamp of the last contacts change. */
export interface Partner extends PartnerInput {
  schemaVersion: number;
  id: string;
  contactsUpdated: ContactsUpdate | null;
  /** Set on the partner made from the previous version's single settings until an admin names its groups. */
  needsMemberGroups?: boolean;
}

export function validatePartnerInput(input: unknown): { ok: true; partner: PartnerInput } | { ok: false; fields: Record<string, string> } {
  const r = v.safeParse(PartnerInputSchema, input);
  return r.success ? { ok: true, partner: r.output } : { ok: false, fields: fieldsOf(r.issues, '') };
}

/** A partner record as today's code reads it, whatever shape version wrote it. */
export function upgradePartner(stored: Partial<Partner> & { id: string }): Partner {
  return {
    name: stored.name ?? stored.id,
    tier: stored.tier ?? 'other',
    memberGroups: stored.memberGroups ?? [],
    contacts: stored.contacts ?? null,
    coverage: stored.coverage ?? { calendar: '24x7', timeZone: 'UTC' },
    lastReviewedOn: stored.lastReviewedOn ?? null,
    reviewIntervalDays: stored.reviewIntervalDays ?? DEFAULT_REVIEW_DAYS,
    apps: stored.apps ?? [],
    securityLevelId: stored.securityLevelId ?? null,
    contactsUpdated: stored.contactsUpdated ?? null,
    ...(stored.needsMemberGroups ? { needsMemberGroups: true } : {}),
    id: stored.id,
    schemaVersion: PARTNER_SCHEMA_VERSION,
  };
}

/** Jira compares group names case-insensitively: the directory's index keys groups this way. */
export const normalizeGroup = (name: string): string => name.trim().toLowerCase();

/** A stable id for a new partner from its name, unique against `taken` (e.g. "Acme Apps" → "acme-apps"). */
export function partnerIdFor(name: string, taken: (id: string) => boolean): string {
  const base = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'partner';
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken(id)) return id;
  }
}

/** Whether someone with these Jira groups is one of the partner's people. */
export function isMember(p: Pick<Partner, 'memberGroups'>, groups: readonly string[]): boolean {
  const mine = new Set(groups.map(normalizeGroup));
  return p.memberGroups.some((g) => mine.has(normalizeGroup(g)));
}

/** The partner's entry for a Forge app ID, in any case, with or without the ARI prefix. */
export function findPartnerApp(p: Pick<Partner, 'apps'> | null, appId: string): AppEntry | undefined {
  if (!p || !appId) return undefined;
  const wanted = normalizeAppId(appId);
  return p.apps.find((a) => a.appId === wanted);
}

/** Groups and app IDs as the directory's index keys them: what a save adds and releases. */
export function claimsOf(p: Pick<PartnerInput, 'memberGroups' | 'apps'>): { groups: string[]; apps: string[] } {
  return { groups: [...new Set(p.memberGroups.map(normalizeGroup))], apps: [...new Set(p.apps.map((a) => normalizeAppId(a.appId)))] };
}

export function claimChanges(before: Pick<PartnerInput, 'memberGroups' | 'apps'> | null, after: Pick<PartnerInput, 'memberGroups' | 'apps'>) {
  const b = before ? claimsOf(before) : { groups: [], apps: [] };
  const a = claimsOf(after);
  const minus = (x: string[], y: string[]) => x.filter((k) => !y.includes(k));
  return { addGroups: minus(a.groups, b.groups), dropGroups: minus(b.groups, a.groups), addApps: minus(a.apps, b.apps), dropApps: minus(b.apps, a.apps) };
}

/** The clock the partner's acknowledgment deadlines run on. */
export const partnerCalendar = (p: Pick<Partner, 'coverage'> | null): { calendar: CoverageCalendar; timeZone: string } =>
  p ? { calendar: p.coverage.calendar, timeZone: p.coverage.timeZone } : { calendar: '24x7', timeZone: 'UTC' };

/** One row of the directory's list: enough to find and open a partner, nothing more. */
export interface PartnerSummary {
  id: string;
  name: string;
  tier: PartnerTier;
  memberGroups: string[];
  appCount: number;
  needsMemberGroups: boolean;
  contactsUpdated: ContactsUpdate | null;
}

export const summaryOf = (p: Partner): PartnerSummary => ({
  id: p.id,
  name: p.name,
  tier: p.tier,
  memberGroups: p.memberGroups,
  appCount: p.apps.length,
  needsMemberGroups: p.needsMemberGroups === true,
  contactsUpdated: p.contactsUpdated,
});
