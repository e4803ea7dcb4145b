import { IR_INTERNAL_REPORT_FIELDS, mergePartnerEdit, missingReportFields, reportChanges, toPartnerReport, type PartnerReport, type Report, type StoredIndicator } from '../domain/report';
import { indicatorId, parseIndicatorLines } from '../domain/indicators';
import { MAX_INDICATORS } from '../domain/report';
import { isStricterTlp, TLP_LABELS, type Tlp } from '../domain/tlp';
import { contactsStatus, supportPrefill, type Settings } from '../domain/settings';
import { checkPhaseMove, defaultTriage, triageOutcome, type ChannelRecord, type Triage } from '../domain/triage';
import type { Channel } from '../domain/eligibility';
import type { Phase } from '../domain/lifecycle';
import { canonicalJson, diffFields } from '../domain/audit-trail';
import { toReportContact } from '../domain/contacts';
import type { FieldChange, UnsealedEntry } from '../domain/audit-trail';
import { incidentRepo, incidentStream, type IncidentDoc, type IncidentIndex, type IncidentState } from '../adapters/kvs/incident-repo';
import { incidentMarks } from '../adapters/kvs/incident-marks';
import { listAttachments } from '../adapters/jira/attachments';
import { auditEntries } from './audit';
import { conflict, invalid, notFound } from './errors';
import { historyPage, storedRecordForCheck, verifyTrail } from './history';
import { ENTITIES } from '../adapters/kvs/entities';
import { dayIn } from './time';
import { cadence, footprintAll } from './storage-audit';
import { dueSortKey, incidentFacts, propertyValue, type IncidentFacts } from './listing';
import { issues } from '../adapters/jira/issues';
import { ackIndex, acknowledged, newOutreach, obligationsView, partChanges } from './clock';
import type { Outreach } from '../domain/outreach';
import type { CustomerNotification, Mitigation, RootCause } from '../domain/responsibilities';
import type { Call } from './session';
import { isLogSharingInternalPath, logSharingView, retentionIndex } from './log-sharing-view';

const STALE = 'Someone else saved this incident since you opened it. Their version is shown; your changes were not saved.';

function issueOf(call: Call) {
  const issue = call.session.call.issue;
  if (!issue) throw notFound('This panel has no issue.');
  return issue;
}

/** Triage as this viewer may see it: the override's reason is IR-internal. */
function triageView(doc: IncidentDoc, settings: Settings, call: Call) {
  const inputs = doc.triage ?? defaultTriage(supportPrefill(settings, doc.report.app.appId || undefined));
  const shown = call.role === 'ir' || !inputs.override ? inputs : { ...inputs, override: { ...inputs.override, reason: '' } };
  return { inputs: shown, saved: doc.triage !== null, outcome: triageOutcome(inputs), channels: doc.channels, phases: doc.phases };
}

/** The incident as this viewer may see it: partners never receive IR-internal fields. */
export function incidentView(state: IncidentState, call: Call, settings: Settings) {
  const { version, doc } = state.record;
  const report: PartnerReport & { irNotes?: string } = call.role === 'ir' ? doc.report : toPartnerReport(doc.report);
  return {
    triage: triageView(doc, settings, call),
    obligations: obligationsView(doc, settings, call.now),
    logSharing: logSharingView(doc, call.role, call.now),
    version,
    report,
    attachmentNames: doc.attachmentNames,
    indicators: state.indicators,
    missing: missingReportFields(doc.report, state.indicators.length),
    updatedAt: doc.updatedAt,
  };
}
export type IncidentView = ReturnType<typeof incidentView>;

/** Facts from the settings page the panel uses to prefill: contacts, the app inventory, and whether contacts are current. */
function prefillOf(settings: Settings, now: Date) {
  return {
    contacts: settings.contacts ? { primary: toReportContact(settings.contacts.primary), secondary: toReportContact(settings.contacts.secondary) } : null,
    apps: settings.apps.map((a) => ({ name: a.name, appKey: a.appKey, appId: a.appId, environments: a.environments, distribution: a.distribution, framework: a.framework })),
    contactsStatus: contactsStatus(settings.contacts, dayIn(now, settings.clock.timeZone)),
  };
}

export async function loadIncident(call: Call) {
  const issue = issueOf(call);
  const [state, settings] = await Promise.all([incidentRepo.load(issue), call.session.settings()]);
  return { incident: incidentView(state, call, settings.doc), prefill: prefillOf(settings.doc, call.now) };
}

/** Loads the incident and checks the caller edited the version that is stored. */
export async function current(call: Call, version: number) {
  const issue = issueOf(call);
  const state = await incidentRepo.load(issue);
  if (state.record.version !== version) throw conflict(STALE);
  return { issue, state };
}

function listingIndex(f: IncidentFacts, issue: { id: string; key: string }, summary: string) {
  const { supportLevel, phase, appId, ackState, ackDueAt } = f;
  return { dueSort: dueSortKey(f, issue.id), supportLevel, phase, appId, ackState, ackDueAt, searchText: `${issue.key} ${summary}`.toLowerCase() };
}

/**
 * Keeps the JQL-searchable issue property in step with the record. It is written after the record's
 * transaction (Jira and KVS cannot share one); a failure is logged, and the property catches up with the next
 * save or sweep. Anyone who can edit the issue can rewrite the property, so it is compared with what Jira has,
 * not with what the app last wrote, and restored when it differs.
 */
export async function restoreMirror(issue: { id: string; key: string }, doc: IncidentDoc, settings: Settings, now: Date): Promise<void> {
  const value = propertyValue(incidentFacts(doc, settings, now));
  try {
    if (canonicalJson(await issues.property(issue.id)) === canonicalJson(value)) return;
    await issues.setProperty(issue.id, value);
  } catch (e) {
    console.error(`Could not update the incident-response issue property of ${issue.key}`, e);
  }
}

export type DocChange = Partial<Pick<IncidentDoc, 'report' | 'attachmentNames' | 'triage' | 'channels' | 'phases' | 'outreaches' | 'mitigations' | 'customerNotification' | 'rootCause' | 'logSharing'>> & { indicators?: StoredIndicator[] };

export async function commit(call: Call, issue: { id: string; key: string }, state: IncidentState, change: DocChange, action: string, changes: FieldChange[], note?: string) {
  const settings = (await call.session.settings()).doc;
  if (changes.length === 0) return incidentView(state, call, settings);
  const { indicators: _list, ...parts } = change;
  const doc: IncidentDoc = {
    ...state.record.doc,
    ...parts,
    issueKey: issue.key,
    updatedAt: call.now.toISOString(),
  };
  const indicators = change.indicators ?? state.indicators;
  const saved = await persist(call, issue, state, doc, indicators, auditEntries(call, action, changes, note), settings);
  return incidentView({ record: { version: saved.version, doc: { ...doc, indicatorCount: indicators.length }, head: saved.head }, indicators }, call, settings);
}

/** Every index attribute of an incident, recomputed from its document. */
export function incidentIndex(doc: IncidentDoc, settings: Settings, issue: { id: string; key: string }, now: Date): IncidentIndex {
  return { ...ackIndex(doc, settings), ...retentionIndex(doc), ...listingIndex(incidentFacts(doc, settings, now), issue, doc.summary ?? '') };
}

/** Writes the record with every index attribute recomputed, then keeps the JQL property in step. */
async function persist(call: Call, issue: { id: string; key: string }, state: IncidentState, doc: IncidentDoc, indicators: StoredIndicator[], entries: UnsealedEntry[], settings: Settings) {
  doc.summary ??= await issues.summary(issue.id);
  const saved = await incidentRepo.save(issue, state, doc, indicators, entries, incidentIndex(doc, settings, issue, call.now), call.system ? 'system' : 'user');
  await restoreMirror(issue, doc, settings, call.now);
  return saved;
}

/**
 * Recomputes an incident's index attributes without changing its document (no trail entry): the sweep calls
 * this for an incident an index says is due but that owes nothing, e.g. after the clock settings changed.
 * A save meanwhile recomputed the index itself, so losing that race is fine.
 */
export async function reindexIncident(call: Call, issue: { id: string; key: string }, state: IncidentState): Promise<void> {
  if (state.record.version === 0) return;
  const settings = (await call.session.settings()).doc;
  await incidentMarks.reindex(issue.id, state.record.version, incidentIndex(state.record.doc, settings, issue, call.now));
}

/** Attachments must be this issue's own: checked against Jira's list whenever the selection changes. */
async function attachmentNamesFor(call: Call, issueId: string, before: Report, after: Report, known: Record<string, string>) {
  if (JSON.stringify(before.attachments) === JSON.stringify(after.attachments)) return known;
  const listed = new Map((await listAttachments(issueId)).map((a) => [a.id, a.filename]));
  const fields: Record<string, string> = {};
  const names: Record<string, string> = {};
  after.attachments.forEach((id, i) => {
    const name = listed.get(id);
    if (name === undefined) fields[`report.attachments.${i}`] = `Attachment ${id} is not on this issue`;
    else names[id] = name;
  });
  if (Object.keys(fields).length) throw invalid(fields);
  return names;
}

/** IR staff and partners save the report; IR-internal fields are never taken from this call. */
export async function saveReport(call: Call, input: { version: number; report: PartnerReport }) {
  const { issue, state } = await current(call, input.version);
  const before = state.record.doc.report;
  const report = mergePartnerEdit(before, input.report);
  const attachmentNames = await attachmentNamesFor(call, issue.id, before, report, state.record.doc.attachmentNames);
  return commit(call, issue, state, { report, attachmentNames }, 'report.save', reportChanges(before, report));
}

export async function saveIrNotes(call: Call, input: { version: number; irNotes: string }) {
  const { issue, state } = await current(call, input.version);
  const before = state.record.doc.report;
  const report = { ...before, irNotes: input.irNotes };
  return commit(call, issue, state, { report }, 'report.irNotes', reportChanges(before, report));
}

const indicatorChange = (i: StoredIndicator, kind: 'before' | 'after'): FieldChange => ({ path: `indicators.${i.id}`, [kind]: { type: i.type, value: i.value, note: i.note, firstSeen: i.firstSeen, tlp: i.tlp ?? '' } });

/** A bulk paste: classified, deduplicated against the paste and what is stored, invalid lines given back. */
export async function addIndicators(call: Call, input: { version: number; text: string }) {
  const { issue, state } = await current(call, input.version);
  const existing = new Set(state.indicators.map((i) => i.id));
  const parsed = parseIndicatorLines(input.text, { max: Number.POSITIVE_INFINITY });
  const added: StoredIndicator[] = [];
  const alreadyRecorded: { line: number; value: string }[] = [];
  const rejected = [...parsed.rejected];
  for (const a of parsed.accepted) {
    const id = indicatorId(a.type, a.value);
    if (existing.has(id)) alreadyRecorded.push({ line: a.line, value: a.value });
    else if (state.indicators.length + added.length >= MAX_INDICATORS) rejected.push({ line: a.line, text: a.value, reason: `over the limit of ${MAX_INDICATORS} indicators per incident` });
    else added.push({ id, type: a.type, value: a.value, note: '', firstSeen: '', tlp: '', addedAt: call.now.toISOString(), addedBy: call.session.accountId });
  }
  rejected.sort((x, y) => x.line - y.line);
  const incident = await commit(call, issue, state, { indicators: [...state.indicators, ...added] }, 'indicators.add', added.map((i) => indicatorChange(i, 'after')));
  return { incident, added: added.length, rejected, duplicates: [...parsed.duplicates.map((d) => ({ line: d.line, value: d.value })), ...alreadyRecorded].sort((x, y) => x.line - y.line) };
}

export async function updateIndicator(call: Call, input: { version: number; id: string; note: string; firstSeen: string; tlp?: Tlp | '' }) {
  const { issue, state } = await current(call, input.version);
  const at = state.indicators.findIndex((i) => i.id === input.id);
  if (at < 0) throw invalid({ id: 'This indicator is not on the incident (it may have been removed)' });
  const before = state.indicators[at]!;
  const incidentTlp = state.record.doc.report.tlp;
  // An indicator's own marking can only narrow who may see it; a looser one would be overruled anyway.
  if (input.tlp && input.tlp !== before.tlp && !isStricterTlp(input.tlp, incidentTlp)) {
    throw invalid({ tlp: `Choose a marking stricter than the incident's ${TLP_LABELS[incidentTlp]}, or none to use the incident's` });
  }
  const edited = { ...before, note: input.note, firstSeen: input.firstSeen, tlp: input.tlp ?? before.tlp ?? '' };
  const changed = before.note !== edited.note || before.firstSeen !== edited.firstSeen || (before.tlp ?? '') !== edited.tlp;
  const after = changed ? { ...edited, editedAt: call.now.toISOString() } : edited;
  const indicators = state.indicators.map((i, n) => (n === at ? after : i));
  return commit(call, issue, state, { indicators }, 'indicators.edit', changed ? [{ path: `indicators.${before.id}`, before: indicatorChange(before, 'before').before, after: indicatorChange(after, 'after').after }] : []);
}

export async function removeIndicators(call: Call, input: { version: number; ids: string[] }) {
  const { issue, state } = await current(call, input.version);
  const gone = new Set(input.ids);
  const missing = input.ids.findIndex((id) => !state.indicators.some((i) => i.id === id));
  if (missing >= 0) throw invalid({ [`ids.${missing}`]: 'This indicator is not on the incident (it may have been removed)' });
  const removed = state.indicators.filter((i) => gone.has(i.id));
  return commit(call, issue, state, { indicators: state.indicators.filter((i) => !gone.has(i.id)) }, 'indicators.remove', removed.map((i) => indicatorChange(i, 'before')));
}

// Claims are the sweeps' own bookkeeping; what partners see is the reminder itself.
const IR_ONLY_ACTIONS = new Set(['report.irNotes', 'clock.claim', 'retention.claim']);
const irInternalPath = (path: string) => IR_INTERNAL_REPORT_FIELDS.some((f) => path === f || path.startsWith(`${f}.`)) || path === 'triage.override.reason' || isLogSharingInternalPath(path);
const withoutReason = (x: unknown) => (x && typeof x === 'object' && 'reason' in x ? { ...(x as Record<string, unknown>), reason: undefined } : x);

/** A change as a partner may see it: an override's reason is IR-internal wherever it appears. */
function redactForPartner(c: FieldChange): FieldChange {
  if (c.path !== 'triage' && c.path !== 'triage.override') return c;
  const strip = (x: unknown) => (c.path === 'triage' && x && typeof x === 'object' ? { ...(x as Record<string, unknown>), override: withoutReason((x as Record<string, unknown>).override) } : withoutReason(x));
  return { path: c.path, ...(c.before !== undefined ? { before: strip(c.before) } : {}), ...(c.after !== undefined ? { after: strip(c.after) } : {}) };
}

/** The incident's history; a partner's copy leaves out every change to IR-internal fields. */
export async function incidentHistory(call: Call, cursor?: string) {
  const page = await historyPage(incidentStream(issueOf(call).id), cursor);
  if (call.role === 'ir') return page;
  const entries = page.entries
    .filter((e) => !IR_ONLY_ACTIONS.has(e.action))
    .map((e) => ({ ...e, note: e.action === 'triage.save' ? undefined : e.note, changes: e.changes.filter((c) => !irInternalPath(c.path)).map(redactForPartner) }))
    .filter((e) => e.changes.length > 0 || e.note);
  return { ...page, entries };
}

/** Verifies the trail against the record as stored (not as read with defaults), across calls for long trails. */
export async function verifyIncidentHistory(call: Call, cursor?: string) {
  const issue = issueOf(call);
  return verifyTrail(incidentStream(issue.id), await storedRecordForCheck(ENTITIES.incident, issue.id), cursor);
}

export const issueAttachments = async (call: Call) => ({ attachments: await listAttachments(issueOf(call).id) });

/** IR staff record the notify checklist, the support inputs and any override (its reason lands in the trail). */
export async function saveTriage(call: Call, input: { version: number; triage: Triage }) {
  const { issue, state } = await current(call, input.version);
  const before = state.record.doc.triage;
  const changes = diffFields({ triage: before ?? undefined }, { triage: input.triage });
  return commit(call, issue, state, { triage: input.triage }, 'triage.save', changes, input.triage.override?.reason);
}

/** A collaboration channel's link or reference and when it was set up; only channels the incident qualifies for. */
export async function saveChannel(call: Call, input: { version: number; channel: Channel } & ChannelRecord) {
  const { issue, state } = await current(call, input.version);
  const settings = (await call.session.settings()).doc;
  const { outcome } = triageView(state.record.doc, settings, call);
  if (!outcome.channels.includes(input.channel)) {
    throw invalid({ channel: input.channel === 'live-war-room' ? 'The live war room is only for high-severity events' : 'This incident does not qualify for this channel' });
  }
  const record: ChannelRecord = { reference: input.reference, setUpAt: input.setUpAt };
  const channels = { ...state.record.doc.channels, [input.channel]: record };
  return commit(call, issue, state, { channels }, 'channels.save', diffFields({ channels: state.record.doc.channels }, { channels }));
}

export const MAX_PHASE_MOVES = 100;

/** The incident's phase: forward freely, backwards only with a reason (kept in the trail). */
export async function movePhase(call: Call, input: { version: number; phase: Phase; reason: string }) {
  const { issue, state } = await current(call, input.version);
  const history = state.record.doc.phases;
  if (history.length >= MAX_PHASE_MOVES) throw invalid({ phase: `An incident keeps at most ${MAX_PHASE_MOVES} phase moves` });
  const move = checkPhaseMove(history, input.phase, input.reason);
  if (!move.ok) throw invalid({ [/needs a reason/.test(move.message) ? 'reason' : 'phase']: move.message });
  const entry = { phase: input.phase, at: call.now.toISOString(), by: call.session.accountId, ...(input.reason ? { reason: input.reason } : {}) };
  const before = history.at(-1)?.phase;
  return commit(call, issue, state, { phases: [...history, entry] }, 'phase.move', [{ path: 'phase', ...(before ? { before } : {}), after: input.phase }], input.reason || undefined);
}

/** IR staff record an outreach; its 8-hour acknowledgment clock starts at its time. */
export async function recordOutreach(call: Call, input: { version: number; at: string; channel: Outreach['channel']; message: string }) {
  const { issue, state } = await current(call, input.version);
  const outreaches = newOutreach(call, state.record.doc, input);
  return commit(call, issue, state, { outreaches }, 'outreach.record', [{ path: `outreaches.${outreaches.at(-1)!.id}`, after: { at: input.at, channel: input.channel, message: input.message } }]);
}

export async function acknowledge(call: Call, input: { version: number; outreachId: string; at?: string; note: string }) {
  const { issue, state } = await current(call, input.version);
  const outreaches = acknowledged(call, state.record.doc, input);
  const ack = outreaches.find((o) => o.id === input.outreachId)!.ack;
  return commit(call, issue, state, { outreaches }, 'outreach.acknowledge', [{ path: `outreaches.${input.outreachId}.ack`, after: ack }]);
}

export async function saveMitigations(call: Call, input: { version: number; mitigations: Mitigation[] }) {
  const { issue, state } = await current(call, input.version);
  return commit(call, issue, state, { mitigations: input.mitigations }, 'mitigations.save', partChanges('mitigations', state.record.doc.mitigations, input.mitigations));
}

export async function saveCustomerNotification(call: Call, input: { version: number; customerNotification: CustomerNotification }) {
  const { issue, state } = await current(call, input.version);
  if (new Date(input.customerNotification.notifiedAt).getTime() > call.now.getTime()) throw invalid({ 'customerNotification.notifiedAt': 'Customers cannot have been notified in the future' });
  return commit(call, issue, state, { customerNotification: input.customerNotification }, 'customers.notified', partChanges('customerNotification', state.record.doc.customerNotification, input.customerNotification));
}

export async function saveRootCause(call: Call, input: { version: number; rootCause: RootCause }) {
  const { issue, state } = await current(call, input.version);
  return commit(call, issue, state, { rootCause: input.rootCause }, 'rootCause.save', partChanges('rootCause', state.record.doc.rootCause, input.rootCause));
}

/**
 * The sites that had the incident's app installed (in its environment) during the incident window, from
 * the storage audit-log archive: the window runs from the first observation to containment, or to today.
 */
export async function incidentFootprint(call: Call) {
  const issue = issueOf(call);
  const { record } = await incidentRepo.load(issue);
  const { app, timeline } = record.doc.report;
  if (!app.appId || !app.environment) throw invalid({ 'report.app': 'Enter the Forge app ID and the environment first' });
  const settings = (await call.session.settings()).doc;
  const today = dayIn(call.now, settings.clock.timeZone);
  const day = (iso: string) => (iso ? dayIn(new Date(iso), settings.clock.timeZone) : '');
  const from = day(timeline.firstObservedAt || timeline.detectedAt) || today;
  const to = day(timeline.containmentAt) || today;
  const [sites, c] = await Promise.all([footprintAll({ appId: app.appId, environment: app.environment, from, to }), cadence(call)]);
  return { from, to, sites, archiveOverdue: c.overdue };
}
