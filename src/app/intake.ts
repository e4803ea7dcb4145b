import type { Call } from './session';
import type { ReportIncidentRequest } from '../contract/global';
import { findPartnerApp, type Partner } from '../domain/partner';
import { intakeReport, INTAKE_SCHEMA_VERSION, type Intake } from '../domain/intake';
import { EMPTY_REPORT, reportChanges } from '../domain/report';
import { emptyIncident } from '../domain/incident';
import { jiraSearch } from '../adapters/jira/search';
import { EMPTY_HEAD } from '../adapters/kvs/versioned-store';
import type { IncidentState } from '../adapters/kvs/incident-repo';
import { AppError, invalid } from './errors';
import { commit } from './incident';

const UNKNOWN_TICKETS = (project: string, type: string) =>
  `The incident project ${project} or its issue type \u201c${type}\u201d no longer exists in Jira. Ask a Jira admin to update \u201cIncident tickets\u201d in the app settings; nothing was created.`;

/** The partner the caller reports for: IR staff name any partner of the directory; a partner member only their own. */
async function reportingPartner(call: Call, input: ReportIncidentRequest): Promise<Partner> {
  if (call.role === 'ir') {
    if (!input.partnerId) throw invalid({ partnerId: 'Choose the partner the incident is about' });
    const p = await call.session.partner(input.partnerId);
    if (!p) throw invalid({ partnerId: 'There is no such partner in the directory' });
    return p.doc;
  }
  if (input.atlassianInitiated) throw invalid({ atlassianInitiated: 'Only IR staff report on a partner\u2019s behalf' });
  const mine = (await call.session.myPartners()).map((p) => p.doc);
  const p = input.partnerId ? mine.find((m) => m.id === input.partnerId) : mine.length === 1 ? mine[0] : undefined;
  if (!p) throw invalid({ partnerId: input.partnerId ? 'You can report incidents only for your own organization' : 'Choose your organization' });
  return p;
}

/**
 * Reports an incident: a ticket in the site's incident project and issue type, created as the user and restricted
 * to IR staff and the partner (its issue security level), carrying the intake as an issue property; then the
 * app's record, linked to the partner. If the record cannot be written, the next load of the page writes it from
 * the property, so nothing typed is lost.
 */
export async function reportIncident(call: Call, input: ReportIncidentRequest) {
  const settings = (await call.session.settings()).doc;
  const partner = await reportingPartner(call, input);
  if (input.appId && !findPartnerApp(partner, input.appId)) throw invalid({ appId: `This app is not in ${partner.name}\u2019s app inventory; choose one of its apps` });
  if (!partner.securityLevelId) throw invalid({ partnerId: `${partner.name} has no issue security level in the partner directory, so its ticket would not be restricted. Ask a Jira admin to set one; nothing was created.` });
  const project = settings.incidents.projects[0]!;
  const issueType = settings.incidents.issueTypes[0]!;
  const meta = await jiraSearch.project(project);
  if (!meta || !meta.issueTypes.some((t) => t.toLowerCase() === issueType.toLowerCase())) throw new AppError('INVALID_INPUT', UNKNOWN_TICKETS(project, issueType), { project: UNKNOWN_TICKETS(project, issueType) });
  const intake: Intake = {
    schemaVersion: INTAKE_SCHEMA_VERSION,
    partnerId: partner.id,
    appId: input.appId,
    summary: input.summary,
    timeline: input.timeline,
    contacts: input.contacts,
    notify: input.notify,
    atlassianInitiated: call.role === 'ir' && input.atlassianInitiated,
    by: call.session.accountId,
    at: call.now.toISOString(),
  };
  const origin = intake.atlassianInitiated ? `Atlassian initiated this incident for ${partner.name}.` : `Reported by ${partner.name}.`;
  const created = await jiraSearch.create({ project: meta.key, issueType, summary: input.title, description: `${input.summary.whatHappened}\n\n${origin} Recorded with the Partner Incident Response app.`, securityLevelId: partner.securityLevelId, intake });
  if (!created.ok) {
    const jiraFields = Object.fromEntries(Object.entries(created.fields).map(([k, m]) => [k === 'summary' ? 'title' : `jira.${k}`, m]));
    throw new AppError('INVALID_INPUT', `Jira did not create the ticket: ${[...created.messages, ...Object.values(created.fields)].join(' ') || `status ${created.status}`}`, jiraFields);
  }
  const issue = { id: String(created.data.id), key: created.data.key };
  let recorded = true;
  try {
    await recordFromIntake(call, issue, input.title, intake, partner);
  } catch (e) {
    // The ticket exists and holds the intake: the page's next load writes the record.
    console.error('The incident record could not be written after the ticket was created', e);
    recorded = false;
  }
  return { issueId: issue.id, issueKey: issue.key, recorded };
}

/** The incident's first record from its intake: the report, the partner link and the reporter's notify checklist. */
export async function recordFromIntake(call: Call, issue: { id: string; key: string }, summary: string, intake: Intake, partner: Partner | null) {
  const state: IncidentState = { record: { version: 0, doc: { ...emptyIncident(issue.key), partnerId: intake.partnerId, summary }, head: EMPTY_HEAD } };
  const report = intakeReport(intake, partner);
  const link = { at: intake.at, by: intake.by, via: intake.atlassianInitiated ? ('ir' as const) : ('member' as const) };
  const record = { notify: intake.notify, atlassianInitiated: intake.atlassianInitiated, by: intake.by, at: intake.at };
  return commit(call, issue, state, { report, partnerId: intake.partnerId, partnerLink: link, intake: record }, 'incident.report', [
    ...reportChanges(EMPTY_REPORT, report),
    { path: 'partnerId', after: intake.partnerId },
    { path: 'intake', after: record },
  ]);
}
