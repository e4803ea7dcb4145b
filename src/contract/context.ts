import * as v from 'valibot';
import { fn } from './fn';
import { IssueRefSchema, NoInput, ViewerSchema } from './common';
import { ObligationsViewSchema } from './incident';
import { PHASES } from '../domain/lifecycle';

const Str = v.string();
const OutreachSchema = ObligationsViewSchema.entries.outreaches.item;

/** What Jira's right-hand column shows: the acknowledgment clock and what is owed, in one small load. */
export const ContextLoadSchema = v.object({
  viewer: ViewerSchema,
  issue: IssueRefSchema,
  serverNow: Str,
  clock: ObligationsViewSchema.entries.clock,
  /** The outreach whose clock matters now (the oldest unacknowledged, else the latest); null before any. */
  outreach: v.nullable(OutreachSchema),
  owed: v.array(v.object({ key: Str, label: Str, status: v.picklist(['open', 'overdue']), dueAt: v.nullable(Str) })),
  phase: v.nullable(v.picklist(PHASES)),
  closed: v.boolean(),
  /** IR staff only: the incident's partner organization. */
  partnerName: v.nullable(Str),
});

/** The issue context module's functions (module `incident-context`); the issue comes from the trusted context. */
export const CONTEXT = {
  load: fn(NoInput, ContextLoadSchema),
};
