import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';
import { CadenceSchema } from './storage-audit';
import { PHASES } from '../domain/lifecycle';
import { OrganizationSchema, OrganizationsSchema, SaveOrganizationInput } from './directory';

export const LIST_SUPPORT_LEVELS = ['joint', 'async', 'out-of-scope', 'untriaged'] as const;
export const LIST_PHASES = [...PHASES, 'none'] as const;
export const CLOCK_STATES = ['none', 'running', 'breached', 'acknowledged', 'acknowledged-late'] as const;

export const ListInput = v.strictObject({
  order: v.optional(v.picklist(['due', 'updated'], 'Sort by due date or by last update'), 'due'),
  supportLevel: v.optional(v.picklist(LIST_SUPPORT_LEVELS, 'Choose a support level from the list')),
  phase: v.optional(v.picklist(LIST_PHASES, 'Choose a phase from the list')),
  clock: v.optional(v.picklist(CLOCK_STATES, 'Choose a clock state from the list')),
  appId: v.optional(v.pipe(v.string(), v.uuid('Choose an app from the inventory'))),
  search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'Search with at most 100 characters'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous page returned'))),
  pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'Ask for 1 to 50 rows'), v.maxValue(50, 'Ask for 1 to 50 rows')), 25),
});
export type ListRequest = v.InferOutput<typeof ListInput>;

export const IncidentRowSchema = v.object({
  issueId: v.string(),
  issueKey: v.string(),
  summary: v.string(),
  appName: v.string(),
  supportLevel: v.picklist(LIST_SUPPORT_LEVELS),
  phase: v.string(),
  clock: v.picklist(CLOCK_STATES),
  ackDueAt: v.string(),
  nextPartnerDue: v.string(),
  nextDeletionDue: v.string(),
  updatedAt: v.string(),
});
export type IncidentRow = v.InferOutput<typeof IncidentRowSchema>;

export const ListPageSchema = v.object({ rows: v.array(IncidentRowSchema), cursor: v.optional(v.string()) });

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

export const GlobalLoadSchema = v.object({
  viewer: ViewerSchema,
  serverNow: v.string(),
  /** The app filter: IR staff get every partner's apps (first page of the directory), a partner its own, a viewer none. */
  apps: v.array(v.object({ appId: v.string(), name: v.string() })),
  firstPage: ListPageSchema,
  /** IR staff only: the storage audit-log import cadence, for the overdue warning. */
  cadence: v.nullable(CadenceSchema),
});

/** The global page's functions (module `incidents-page`). Rows are only those Jira lets the viewer browse. */
export const GLOBAL = {
  load: fn(NoInput, GlobalLoadSchema),
  list: fn(ListInput, ListPageSchema),
  stats: fn(NoInput, StatsSchema),
  /** A partner's own people: their organization's contacts and coverage (never tier or inventory). */
  organization: fn(NoInput, OrganizationsSchema),
  saveOrganization: fn(SaveOrganizationInput, OrganizationSchema),
};
