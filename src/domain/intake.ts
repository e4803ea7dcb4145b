// An incident reported from the app (seed 000, "Where to report"; "Atlassian may also initiate this process on
// your behalf"): the short first report, stored with the new ticket as an issue property so that what the
// reporter typed survives even if the app's own record could not be written yet. The record is built from it.
import * as v from 'valibot';
import { ReportSchema, EMPTY_REPORT, type Report } from './report';
import { NotifyChecklistSchema, type NotifyChecklist } from './triage';
import { findPartnerApp, PartnerIdSchema, type Partner } from './partner';

export const INTAKE_SCHEMA_VERSION = 1;

export const IntakeSchema = v.object({
  schemaVersion: v.literal(INTAKE_SCHEMA_VERSION),
  partnerId: PartnerIdSchema,
  appId: v.string(),
  summary: ReportSchema.entries.summary,
  timeline: ReportSchema.entries.timeline,
  contacts: ReportSchema.entries.contacts,
  notify: NotifyChecklistSchema,
  atlassianInitiated: v.boolean(),
  /** Who reported and when (ISO instant). */
  by: v.string(),
  at: v.string(),
});
export type Intake = v.InferOutput<typeof IntakeSchema>;

/** What the incident record keeps of its intake: who started it, and the reporter's notify checklist until IR triage. */
export interface IntakeRecord {
  notify: NotifyChecklist;
  atlassianInitiated: boolean;
  by: string;
  at: string;
}

export function parseIntake(value: unknown): Intake | null {
  const r = v.safeParse(IntakeSchema, value);
  return r.success ? r.output : null;
}

/** The report the intake starts: the reporter's text, the app's details from the partner's inventory, the contacts. */
export function intakeReport(intake: Intake, partner: Partner | null): Report {
  const app = findPartnerApp(partner, intake.appId);
  return {
    ...EMPTY_REPORT,
    summary: intake.summary,
    timeline: intake.timeline,
    contacts: intake.contacts,
    app: app ? { name: app.name, appKey: app.appKey, appId: app.appId, environment: app.environments.length === 1 ? app.environments[0]! : '', distribution: app.distribution } : EMPTY_REPORT.app,
  } as Report;
}
