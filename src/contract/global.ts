import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';
import { CadenceSchema } from './storage-audit';
import { PHASES } from '../domain/lifecycle';
import { OrganizationSchema, OrganizationsSchema, SaveOrganizationInput } from './directory';
import { QUEUE_VIEWS, SORT_FIELDS, searchProblem } from '../domain/queue';
import { IncidentTicketsSchema } from '../domain/site-settings';
import { ReportSchema } from '../domain/report';
import { NotifyChecklistSchema } from '../domain/triage';
import { PartnerIdSchema } from '../domain/partner';
import { SEVERITIES } from '../domain/eligibility';

export const LIST_SUPPORT_LEVELS = ['joint', 'async', 'out-of-scope', 'untriaged'] as const;
export const LIST_PHASES = [...PHASES, 'none'] as const;
export const CLOCK_STATES = ['none', 'running', 'breached', 'acknowledged', 'acknowledged-late'] as const;

export const StatsSchema = v.object({
  byPhase: v.record(v.string(), v.number()),
  bySupportLevel: v.record(v.string(), v.number()),
  /** Outreaches of the last 90 days by how their acknowledgment went. */
  ackCompliance: v.object({ onTime: v.number(), late: v.number(), breached: v.number(), running: v.number() }),
  incidents: v.number(),
  /** True when the count stopped at the cap rather than at the last incident. */
  capped: v.boolean(),
  /** Incidents whose Jira issue is gone: the sweeps skip them; IR staff decide what to keep. */
  orphaned: v.array(v.object({ issueId: v.string(), issueKey: v.string(), summary: v.string(), orphanedAt: v.string() })),
});

export const QUEUE_PAGE_SIZE = 25;
const searchField = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(100, 'Search with at most 100 characters'),
  v.check((s) => s === '' || searchProblem(s) === null, (i) => searchProblem(String(i.input)) ?? 'Search with letters or digits'),
);

/** One queue view as the page's URL carries it: the view, its filters, the sort, and Jira's page token. */
export const QueueInput = v.strictObject({
  view: v.optional(v.picklist(QUEUE_VIEWS, 'Choose a view: Needs triage, Open, Needs my action, Breached or at risk or Closed'), 'triage'),
  sort: v.optional(v.strictObject({ field: v.picklist(SORT_FIELDS, 'Sort by one of the table\u2019s columns'), dir: v.picklist(['asc', 'desc'], 'Sort ascending or descending') })),
  supportLevel: v.optional(v.picklist(LIST_SUPPORT_LEVELS, 'Choose a support level from the list')),
  phase: v.optional(v.picklist(LIST_PHASES, 'Choose a phase from the list')),
  search: v.optional(searchField),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous page returned'))),
});
export type QueueRequest = v.InferOutput<typeof QueueInput>;

/** What an incident still needs from its partner (partners only; empty for everyone else). */
export const NeedSchema = v.object({ label: v.string(), detail: v.string(), dueAt: v.nullable(v.string()), overdue: v.boolean() });

export const QueueRowSchema = v.object({
  issueId: v.string(),
  issueKey: v.string(),
  summary: v.string(),
  created: v.string(),
  /** False while the app holds no record of the ticket: it needs triage. */
  hasRecord: v.boolean(),
  supportLevel: v.picklist(LIST_SUPPORT_LEVELS),
  phase: v.string(),
  severity: v.union([v.literal(''), v.picklist(SEVERITIES)]),
  /** IR staff only: the partner organization's name ('' when unassigned or for other viewers). */
  partnerName: v.string(),
  appName: v.string(),
  clock: v.picklist(CLOCK_STATES),
  ackDueAt: v.string(),
  nextPartnerDue: v.string(),
  nextDeletionDue: v.string(),
  needs: v.array(NeedSchema),
});
export type QueueRow = v.InferOutput<typeof QueueRowSchema>;

export const QueuePageSchema = v.object({
  rows: v.array(QueueRowSchema),
  cursor: v.optional(v.string()),
  /** The view's JQL, for "Open in Jira search". */
  jql: v.string(),
  /** Why Jira could not run the view (e.g. a configured project that no longer exists); null when it ran. */
  problem: v.nullable(v.string()),
});

/** A partner the viewer may report for: its apps and its contacts as the report's prefill. */
export const ReportablePartnerSchema = v.object({
  id: v.string(),
  name: v.string(),
  apps: v.array(v.object({ appId: v.string(), name: v.string() })),
  contacts: ReportSchema.entries.contacts,
});

export const GlobalLoadSchema = v.object({
  viewer: ViewerSchema,
  serverNow: v.string(),
  tickets: IncidentTicketsSchema,
  page: QueuePageSchema,
  /** Partners the viewer may report an incident for (IR staff: the directory's first partners). */
  /** A partner's own organizations to report for (IR staff find any partner with `reportPartners`). */
  reportable: v.array(ReportablePartnerSchema),
  cadence: v.nullable(CadenceSchema),
});

export const ReportIncidentInput = v.strictObject({
  /** IR staff choose the partner; a partner member may only name their own (or leave it out). */
  partnerId: v.optional(PartnerIdSchema),
  title: v.pipe(v.string('Enter a title'), v.trim(), v.minLength(1, 'Enter a title for the ticket'), v.maxLength(200, 'Use at most 200 characters for the title')),
  /** '' = not known yet; otherwise an app of the partner's inventory. */
  appId: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.uuid('Choose an app from the partner\u2019s inventory'))]), ''),
  summary: ReportSchema.entries.summary,
  timeline: ReportSchema.entries.timeline,
  contacts: ReportSchema.entries.contacts,
  notify: NotifyChecklistSchema,
  /** IR staff reporting for a partner: "Atlassian initiated" (seed 000). */
  atlassianInitiated: v.optional(v.boolean(), false),
});
export type ReportIncidentRequest = v.InferOutput<typeof ReportIncidentInput>;

export const ReportedSchema = v.object({ issueId: v.string(), issueKey: v.string(), recorded: v.boolean() });

/** The global page's functions (module `incidents-page`). Rows are only those Jira lets the viewer browse. */
export const GLOBAL = {
  load: fn(v.strictObject({ queue: v.optional(QueueInput) }), GlobalLoadSchema),
  queue: fn(QueueInput, QueuePageSchema),
  report: fn(ReportIncidentInput, ReportedSchema),
  stats: fn(NoInput, StatsSchema),
  /** IR staff: look again at an incident the sweeps could not see; its reminders resume when the app sees it now. */
  /** IR staff: the directory's partners to report an incident for, by name, a page of 20 at a time. */
  reportPartners: fn(v.strictObject({ search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'Use at most 100 characters'))) }), v.object({ partners: v.array(ReportablePartnerSchema), more: v.boolean() })),
  recheckOrphan: fn(v.strictObject({ issueId: v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'An issue id is digits')) }), v.object({ visible: v.boolean() })),
  /** A partner's own people: their organization's contacts and coverage (never tier or inventory). */
  organization: fn(NoInput, OrganizationsSchema),
  saveOrganization: fn(SaveOrganizationInput, OrganizationSchema),
};
