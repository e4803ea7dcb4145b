import { mergePartnerEdit, missingReportFields, reportChanges, type PartnerReport, type Report, type StoredIndicator } from '../domain/report';
import { indicatorId, parseIndicatorLines } from '../domain/indicators';
import { MAX_INDICATORS } from '../domain/report';
import { isStricterTlp, TLP_LABELS, type Tlp } from '../domain/tlp';
import type { Settings } from '../domain/settings';
import { supportPrefill, reportContactsOf, appPickerOf, reportHasContacts } from '../domain/prefill';
import { partnerContactsStatus } from '../domain/contacts-status';
import { partnerHistory, partnerTriage, reportFor, type IncidentDoc } from '../domain/incident';
import { findPartnerApp, type Partner } from '../domain/partner';
import { normalizeAppId } from '../domain/inventory';
import { checkPhaseMove, defaultTriage, triageOutcome, type ChannelRecord, type Triage } from '../domain/triage';
import type { Channel } from '../domain/eligibility';
import type { CloseResolution, Phase } from '../domain/lifecycle';
import { canonicalJson, diffFields } from '../domain/audit-trail';
import type { FieldChange, UnsealedEntry } from '../domain/audit-trail';
import { incidentRepo, incidentStream, type IncidentIndex, type IncidentState, type IndicatorEdit } from '../adapters/kvs/incident-repo';
import { incidentMarks } from '../adapters/kvs/incident-marks';
import { appClaimKey, partnerRepo } from '../adapters/kvs/partner-repo';
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
import { Session, type Call } from './session';
import { logSharingView, retentionIndex } from './log-sharing-view';
import { findPartners } from './partners';

// The partner picker lists this many matches of a search.
const PICKER_MATCHES = 20;

const STALE = 'Someone else saved this incident since you opened it. Their version is shown; your changes were not saved.';

function issueOf(call: Call) {
  const issue = call.session.call.issue;
  if (!issue) throw notFound('This panel has no issue.');
  return issue;
}

/** The directory's partner as this viewer may use it: a read-only viewer gets nothing from the directory. */
const visiblePartner = (call: Call, partner: Partner | null) => (call.role === 'ir' || call.role === 'partner' ? partner : null);

/** Triage as this viewer may see it: the override's reason is IR-internal; untriaged inputs come from the incident's partner. */
function triageView(doc: IncidentDoc, partner: Partner | null, call: Call) {
  const prefilled = defaultTriage(supportPrefill(visiblePartner(call, partner), doc.report.app.appId || undefined));
  // Until IR triage, the checklist shows what the reporter ticked when reporting from the global page.
  const inputs = doc.triage ?? (doc.intake ? { ...prefilled, notify: doc.intake.notify } : prefilled);
  const shown = call.role === 'ir' ? inputs : partnerTriage(inputs);
  return { inputs: shown, saved: doc.triage !== null, outcome: triageOutcome(inputs), channels: doc.channels, phases: doc.phases };
}

/** The incident as this viewer may see it: partners and viewers never receive IR-internal fields. */
export function incidentView(state: IncidentState, call: Call, settings: Settings, partner: Partner | null) {
  const { version, doc } = state.record;
  const report: PartnerReport & { irNotes?: string } = reportFor(call.role === 'ir' ? 'ir' : 'partner', doc.report);
  return {
    triage: triageView(doc, partner, call),
    obligations: obligationsView(doc, settings, visiblePartner(call, partner), call.now),
    logSharing: logSharingView(doc, call.role, call.now),
    version,
    report,
    attachmentNames: doc.attachmentNames,
    indicatorCount: doc.indicatorCount,
    missing: missingReportFields(doc.report, doc.indicatorCount),
    updatedAt: doc.updatedAt,
  };
}
export type IncidentView = ReturnType<typeof incidentView>;

/** What the incident's partner prefills: contacts, the app picker, whether the contacts are current. */
function prefillOf(call: Call, doc: IncidentDoc, partner: Partner | null, suggestion: { id: string; name: string; why: string } | null) {
  const p = visiblePartner(call, partner);
  const tz = p?.coverage.timeZone ?? 'UTC';
  return {
    contacts: reportContactsOf(p),
    apps: appPickerOf(p),
    contactsStatus: partnerContactsStatus(p, dayIn(call.now, tz)),
    partner: p ? { id: p.id, name: p.name, contactsUpdated: p.contactsUpdated ? { at: p.contactsUpdated.at, byPartner: p.contactsUpdated.byPartner } : null, newerContacts: doc.updatedAt !== '' && !reportHasContacts(doc.report, p) } : null,
    suggestion: call.role === 'ir' ? suggestion : null,
  };
}

/** IR's suggestion for an unassigned incident: the partner that owns the report's app ID. */
async function suggestionFor(call: Call, appOwnerId: string | null) {
  if (call.role !== 'ir' || !appOwnerId) return null;
  const p = await call.session.partner(appOwnerId);
  return p ? { id: p.doc.id, name: p.doc.name, why: 'Its app inventory lists the report\u2019s Forge app ID.' } : null;
}

export async function loadIncident(call: Call) {
  const [read, settings] = await Promise.all([call.session.incident(), call.session.settings()]);
  const partner = read.partner?.doc ?? null;
  const suggestion = await suggestionFor(call, read.appOwnerId);
  return { incident: incidentView(read.state, call, settings.doc, partner), prefill: prefillOf(call, read.state.record.doc, partner, suggestion) };
}

/** The incident as read in this invocation, checked against the version the caller edited. */
export async function current(call: Call, version: number) {
  const issue = issueOf(call);
  const { state } = await call.session.incident();
  if (state.record.version !== version) throw conflict(STALE);
  return { issue, state };
}

function listingIndex(f: IncidentFacts, issue: { id: string; key: string }, summary: string, partnerId: string | null | undefined) {
  const { supportLevel, phase, appId, ackState, ackDueAt } = f;
  return { dueSort: dueSortKey(f, issue.id), supportLevel, phase, appId, ackState, ackDueAt, ...(partnerId ? { partnerId } : {}), searchText: `${issue.key} ${summary}`.toLowerCase() };
}

/**
 * Keeps the JQL-searchable issue property in step with the record. It is written after the record's
 * transaction (Jira and KVS cannot share one); a failure is logged, and the property catches up with the next
 * save or sweep. Anyone who can edit the issue can rewrite the property, so it is compared with what Jira has,
 * not with what the app last wrote, and restored when it differs.
 */
export async function restoreMirror(issue: { id: string; key: string }, doc: IncidentDoc, settings: Settings, partner: Partner | null, now: Date): Promise<void> {
  const value = propertyValue(incidentFacts(doc, settings, partner, now));
  try {
    if (canonicalJson(await issues.property(issue.id)) === canonicalJson(value)) return;
    await issues.setProperty(issue.id, value);
  } catch (e) {
    console.error(`Could not update the incident-response issue property of ${issue.key}`, e);
  }
}

export type DocChange = Partial<Pick<IncidentDoc, 'report' | 'attachmentNames' | 'triage' | 'channels' | 'phases' | 'outreaches' | 'mitigations' | 'customerNotification' | 'rootCause' | 'logSharing' | 'partnerId' | 'partnerLink' | 'intake'>>;

/**
 * A partner member's first save of an unassigned incident makes it their partner's (the one partner whose
 * member groups include them): the link is part of the same write, and IR-internal in the trail.
 */
async function memberLink(call: Call, doc: IncidentDoc): Promise<{ change: DocChange; changes: FieldChange[] }> {
  if (call.role !== 'partner' || doc.partnerId) return { change: {}, changes: [] };
  const id = await call.session.actingPartnerId();
  if (!id) return { change: {}, changes: [] };
  return { change: { partnerId: id, partnerLink: { at: call.now.toISOString(), by: call.session.accountId, via: 'member' } }, changes: [{ path: 'partnerId', after: id }] };
}

/** Saves a change of the indicators (read with `call.session.indicators()`) with its trail entries. */
async function commitIndicators(call: Call, issue: { id: string; key: string }, state: IncidentState, edit: IndicatorEdit, action: string, changes: FieldChange[]) {
  const incident = await commit(call, issue, state, {}, action, changes, undefined, edit);
  return { incident, indicators: changes.length === 0 ? edit.before : edit.after };
}

/** Saves a change of the document (and, with `indicators`, of its indicators) with its trail entries. */
export async function commit(call: Call, issue: { id: string; key: string }, state: IncidentState, change: DocChange, action: string, changes: FieldChange[], note?: string, indicators?: IndicatorEdit) {
  const settings = (await call.session.settings()).doc;
  if (changes.length === 0) return incidentView(state, call, settings, (await call.session.partnerOf(state.record.doc))?.doc ?? null);
  const link = await memberLink(call, state.record.doc);
  const doc: IncidentDoc = {
    ...state.record.doc,
    ...change,
    ...link.change,
    ...(indicators ? { indicatorCount: indicators.after.length } : {}),
    issueKey: issue.key,
    updatedAt: call.now.toISOString(),
  };
  const partner = (await call.session.partnerOf(doc))?.doc ?? null;
  const saved = await persist(call, issue, state, doc, auditEntries(call, action, [...changes, ...link.changes], note), settings, partner, indicators);
  return incidentView({ record: { version: saved.version, doc, head: saved.head } }, call, settings, partner);
}

/** Every index attribute of an incident, recomputed from its document. */
export function incidentIndex(doc: IncidentDoc, settings: Settings, partner: Partner | null, issue: { id: string; key: string }, now: Date): IncidentIndex {
  return { ...ackIndex(doc, settings, partner), ...retentionIndex(doc), ...listingIndex(incidentFacts(doc, settings, partner, now), issue, doc.summary ?? '', doc.partnerId) };
}

/** Writes the record with every index attribute recomputed, then keeps the JQL property in step. */
async function persist(call: Call, issue: { id: string; key: string }, state: IncidentState, doc: IncidentDoc, entries: UnsealedEntry[], settings: Settings, partner: Partner | null, indicators?: IndicatorEdit) {
  doc.summary ??= await issues.summary(issue.id);
  const saved = await incidentRepo.save(issue, state, doc, entries, incidentIndex(doc, settings, partner, issue, call.now), call.system ? 'system' : 'user', indicators);
  await restoreMirror(issue, doc, settings, partner, call.now);
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
  const partner = (await call.session.partnerOf(state.record.doc))?.doc ?? null;
  await incidentMarks.reindex(issue.id, state.record.version, incidentIndex(state.record.doc, settings, partner, issue, call.now));
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
  if (report.app.appId && normalizeAppId(report.app.appId) !== normalizeAppId(before.app.appId)) await checkReportApp(call, state.record.doc, report.app.appId);
  const attachmentNames = await attachmentNamesFor(call, issue.id, before, report, state.record.doc.attachmentNames);
  return commit(call, issue, state, { report, attachmentNames }, 'report.save', reportChanges(before, report));
}

/**
 * A report may not name another partner's app: the app ID must be unclaimed or in the inventory of the
 * partner the incident belongs to (or, on an unassigned incident, the partner the member acts for).
 */
async function checkReportApp(call: Call, doc: IncidentDoc, appId: string) {
  const owner = (await partnerRepo.claims([appClaimKey(appId)])).get(appClaimKey(appId));
  if (!owner) return;
  const mine = doc.partnerId ?? (call.role === 'partner' ? await call.session.actingPartnerId() : null);
  if (mine === null && call.role === 'ir') return;
  if (owner !== mine) throw invalid({ 'report.app.appId': 'This Forge app ID belongs to another partner\u2019s app inventory; enter an app of this incident\u2019s partner' });
}

export async function saveIrNotes(call: Call, input: { version: number; irNotes: string }) {
  const { issue, state } = await current(call, input.version);
  const before = state.record.doc.report;
  const report = { ...before, irNotes: input.irNotes };
  return commit(call, issue, state, { report }, 'report.irNotes', reportChanges(before, report));
}

const indicatorChange = (i: StoredIndicator, kind: 'before' | 'after'): FieldChange => ({ path: `indicators.${i.id}`, [kind]: { type: i.type, value: i.value, note: i.note, firstSeen: i.firstSeen, tlp: i.tlp ?? '' } });

/** The incident's indicators, for the Indicators tab and the exports (the panel's first render leaves them out). */
export async function incidentIndicators(call: Call) {
  const [{ state }, indicators] = await Promise.all([call.session.incident(), call.session.indicators()]);
  return { version: state.record.version, indicators };
}

/** The incident and its indicators as read in this invocation, checked against the version the caller edited. */
async function currentIndicators(call: Call, version: number) {
  const { issue, state } = await current(call, version);
  return { issue, state, indicators: await call.session.indicators() };
}

/** A bulk paste: classified, deduplicated against the paste and what is stored, invalid lines given back. */
export async function addIndicators(call: Call, input: { version: number; text: string }) {
  const { issue, state, indicators: before } = await currentIndicators(call, input.version);
  const existing = new Set(before.map((i) => i.id));
  const parsed = parseIndicatorLines(input.text, { max: Number.POSITIVE_INFINITY });
  const added: StoredIndicator[] = [];
  const alreadyRecorded: { line: number; value: string }[] = [];
  const rejected = [...parsed.rejected];
  for (const a of parsed.accepted) {
    const id = indicatorId(a.type, a.value);
    if (existing.has(id)) alreadyRecorded.push({ line: a.line, value: a.value });
    else if (before.length + added.length >= MAX_INDICATORS) rejected.push({ line: a.line, text: a.value, reason: `over the limit of ${MAX_INDICATORS} indicators per incident` });
    else added.push({ id, type: a.type, value: a.value, note: '', firstSeen: '', tlp: '', addedAt: call.now.toISOString(), addedBy: call.session.accountId });
  }
  rejected.sort((x, y) => x.line - y.line);
  const saved = await commitIndicators(call, issue, state, { before, after: [...before, ...added] }, 'indicators.add', added.map((i) => indicatorChange(i, 'after')));
  return { ...saved, added: added.length, rejected, duplicates: [...parsed.duplicates.map((d) => ({ line: d.line, value: d.value })), ...alreadyRecorded].sort((x, y) => x.line - y.line) };
}

export async function updateIndicator(call: Call, input: { version: number; id: string; note: string; firstSeen: string; tlp?: Tlp | '' }) {
  const { issue, state, indicators: list } = await currentIndicators(call, input.version);
  const at = list.findIndex((i) => i.id === input.id);
  if (at < 0) throw invalid({ id: 'This indicator is not on the incident (it may have been removed)' });
  const before = list[at]!;
  const incidentTlp = state.record.doc.report.tlp;
  // An indicator's own marking can only narrow who may see it; a looser one would be overruled anyway.
  if (input.tlp && input.tlp !== before.tlp && !isStricterTlp(input.tlp, incidentTlp)) {
    throw invalid({ tlp: `Choose a marking stricter than the incident's ${TLP_LABELS[incidentTlp]}, or none to use the incident's` });
  }
  const edited = { ...before, note: input.note, firstSeen: input.firstSeen, tlp: input.tlp ?? before.tlp ?? '' };
  const changed = before.note !== edited.note || before.firstSeen !== edited.firstSeen || (before.tlp ?? '') !== edited.tlp;
  const after = changed ? { ...edited, editedAt: call.now.toISOString() } : edited;
  const indicators = list.map((i, n) => (n === at ? after : i));
  return commitIndicators(call, issue, state, { before: list, after: indicators }, 'indicators.edit', changed ? [{ path: `indicators.${before.id}`, before: indicatorChange(before, 'before').before, after: indicatorChange(after, 'after').after }] : []);
}

export async function removeIndicators(call: Call, input: { version: number; ids: string[] }) {
  const { issue, state, indicators: list } = await currentIndicators(call, input.version);
  const gone = new Set(input.ids);
  const missing = input.ids.findIndex((id) => !list.some((i) => i.id === id));
  if (missing >= 0) throw invalid({ [`ids.${missing}`]: 'This indicator is not on the incident (it may have been removed)' });
  const removed = list.filter((i) => gone.has(i.id));
  return commitIndicators(call, issue, state, { before: list, after: list.filter((i) => !gone.has(i.id)) }, 'indicators.remove', removed.map((i) => indicatorChange(i, 'before')));
}

/** The incident's history; a partner's or viewer's copy leaves out everything tagged IR-internal (domain/visibility.ts). */
export async function incidentHistory(call: Call, cursor?: string) {
  const page = await historyPage(incidentStream(issueOf(call).id), cursor);
  if (call.role === 'ir') return page;
  return { ...page, entries: partnerHistory(page.entries) };
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
  const { outcome } = triageView(state.record.doc, (await call.session.partnerOf(state.record.doc))?.doc ?? null, call);
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
  if (input.phase === 'closed') throw invalid({ phase: 'Close the incident with Close incident: it records a resolution and a summary' });
  const move = checkPhaseMove(history, input.phase, input.reason);
  if (!move.ok) throw invalid({ [/needs a reason/.test(move.message) ? 'reason' : 'phase']: move.message });
  const entry = { phase: input.phase, at: call.now.toISOString(), by: call.session.accountId, ...(input.reason ? { reason: input.reason } : {}) };
  const before = history.at(-1)?.phase;
  return commit(call, issue, state, { phases: [...history, entry] }, 'phase.move', [{ path: 'phase', ...(before ? { before } : {}), after: input.phase }], input.reason || undefined);
}

/**
 * IR staff close the incident with a resolution and a summary. The move to 'closed' stops the acknowledgment
 * clocks (no reminder is indexed any more) and starts the delete-by dates of logs shared with the partner.
 */
export async function closeIncident(call: Call, input: { version: number; resolution: CloseResolution; summary: string }) {
  const { issue, state } = await current(call, input.version);
  const history = state.record.doc.phases;
  if (history.at(-1)?.phase === 'closed') throw invalid({ resolution: 'The incident is already closed' });
  if (history.length >= MAX_PHASE_MOVES) throw invalid({ resolution: `An incident keeps at most ${MAX_PHASE_MOVES} phase moves` });
  const entry = { phase: 'closed' as const, at: call.now.toISOString(), by: call.session.accountId, reason: input.summary, resolution: input.resolution };
  const before = history.at(-1)?.phase;
  return commit(call, issue, state, { phases: [...history, entry] }, 'incident.close', [{ path: 'phase', ...(before ? { before } : {}), after: 'closed' }, { path: 'resolution', after: input.resolution }], input.summary);
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
  const { state, partner } = await call.session.incident();
  const { app, timeline } = state.record.doc.report;
  if (!app.appId || !app.environment) throw invalid({ 'report.app': 'Enter the Forge app ID and the environment first' });
  // A partner's people see the archive of their own apps only.
  if (call.role !== 'ir' && !findPartnerApp(partner?.doc ?? null, app.appId)) throw invalid({ 'report.app.appId': 'The footprint covers the apps of this incident\u2019s partner only; this app is not in its inventory' });
  const tz = partner?.doc.coverage.timeZone ?? (await call.session.settings()).doc.clock.timeZone;
  const today = dayIn(call.now, tz);
  const day = (iso: string) => (iso ? dayIn(new Date(iso), tz) : '');
  const from = day(timeline.firstObservedAt || timeline.detectedAt) || today;
  const to = day(timeline.containmentAt) || today;
  const [sites, c] = await Promise.all([footprintAll({ appId: app.appId, environment: app.environment, from, to }), cadence(call)]);
  return { from, to, sites, archiveOverdue: c.overdue };
}

/** IR staff link the incident to a partner of the directory, or unlink it; the change is IR-internal in the trail. */
export async function setPartner(call: Call, input: { version: number; partnerId: string | null }) {
  const { issue, state } = await current(call, input.version);
  const before = state.record.doc.partnerId ?? null;
  if (input.partnerId !== null && !(await call.session.partner(input.partnerId))) throw invalid({ partnerId: 'There is no partner with this id in the directory' });
  const link = input.partnerId ? { at: call.now.toISOString(), by: call.session.accountId, via: 'ir' as const } : null;
  if (before !== input.partnerId) await commit(call, issue, state, { partnerId: input.partnerId, partnerLink: link }, 'incident.partner', [{ path: 'partnerId', ...(before ? { before } : {}), ...(input.partnerId ? { after: input.partnerId } : {}) }]);
  // Everything partner-specific changes with the partner: the panel reloads from a fresh read.
  const fresh: Call = { ...call, session: new Session(call.session.call) };
  return loadIncident(fresh);
}

/** One page of the directory for IR's partner picker: ids and names only; a search looks past pages with no match. */
export async function partnerOptions(_call: Call, input: { search?: string; cursor?: string }) {
  const page = await findPartners({ search: input.search || undefined, cursor: input.cursor }, PICKER_MATCHES);
  return { partners: page.partners.map((p) => ({ id: p.id, name: p.name })), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
