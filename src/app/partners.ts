// The partner directory's use cases: admins list, open, create and change partners; a partner's own people
// keep their contacts and coverage current. Every change is in that partner's own trail.
import { jiraSearch } from '../adapters/jira/search';
import { claimChanges, isMember, partnerIdFor, type Partner, type PartnerInput, type PartnerSelfService } from '../domain/partner';
import { partnerContactsStatus } from '../domain/contacts-status';
import { summaryOf } from '../domain/partner';
import { diffFields, type FieldChange } from '../domain/audit-trail';
import { appClaimKey, groupClaimKey, PARTNER_PAGE, partnerRepo, partnerStream, type ClaimDelta } from '../adapters/kvs/partner-repo';
import { settingsRepo } from '../adapters/kvs/settings-repo';
import type { Versioned } from '../adapters/kvs/versioned-store';
import { directory } from '../adapters/jira/directory';
import { AppError, conflict, invalid } from './errors';
import { historyPage } from './history';
import { dayIn } from './time';
import { reportContactsOf } from '../domain/prefill';
import { EMPTY_REPORT } from '../domain/report';
import type { Call } from './session';

const STALE = 'This partner changed since you opened it. Reload to see the newer values; nothing was saved.';
// 25 operations per transaction: the record, a trail entry or two, and at most this many claim changes.
const MAX_CLAIM_CHANGES_PER_WRITE = 20;
export const EXPORT_PAGE = 20;

const statusOf = (p: Partner, now: Date) => partnerContactsStatus(p, dayIn(now, p.coverage.timeZone));
const viewOf = (v: Versioned<Partner>, now: Date) => ({ version: v.version, partner: v.doc, contactsStatus: statusOf(v.doc, now) });

export async function listPartners(_call: Call, input: { search?: string; cursor?: string }) {
  const page = await findPartners({ search: input.search || undefined, cursor: input.cursor });
  return { partners: page.partners.map(summaryOf), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

async function existing(id: string): Promise<Versioned<Partner>> {
  const p = await partnerRepo.load(id);
  if (!p) throw invalid({ id: 'There is no partner with this id in the directory' });
  return p;
}

export async function partnerView(call: Call, id: string) {
  return viewOf(await existing(id), call.now);
}

/**
 * What stands in the way of these groups and apps belonging to partner `id`: a group or app another partner
 * claims, or (for groups this save adds) a group that does not exist on the site. Field paths under `prefix`.
 */
export async function checkClaims(_call: Call, id: string | null, p: Pick<PartnerInput, 'memberGroups' | 'apps'>, prefix: string, o: { groupsMustExist: boolean; before?: Partner | null }) {
  const fields: Record<string, string> = {};
  const keys = [...p.memberGroups.map(groupClaimKey), ...p.apps.map((a) => appClaimKey(a.appId))];
  const owners = await partnerRepo.claims(keys);
  const others = [...new Set([...owners.values()].filter((o) => o !== id))];
  const names = others.length ? await partnerRepo.loadMany(others) : new Map<string, Versioned<Partner>>();
  const nameOf = (pid: string) => names.get(pid)?.doc.name ?? pid;
  p.memberGroups.forEach((g, i) => {
    const owner = owners.get(groupClaimKey(g));
    if (owner && owner !== id) fields[`${prefix}memberGroups.${i}`] = `The group "${g}" already belongs to the partner ${nameOf(owner)}`;
  });
  p.apps.forEach((a, i) => {
    const owner = owners.get(appClaimKey(a.appId));
    if (owner && owner !== id) fields[`${prefix}apps.${i}.appId`] = `This Forge app ID is already in the app inventory of the partner ${nameOf(owner)}`;
  });
  if (o.groupsMustExist) {
    const known = new Set((o.before?.memberGroups ?? []).map((g) => g.toLowerCase()));
    await Promise.all(
      p.memberGroups.map(async (g, i) => {
        if (known.has(g.toLowerCase()) || fields[`${prefix}memberGroups.${i}`]) return;
        if (!(await directory.groupExists(g))) fields[`${prefix}memberGroups.${i}`] = `There is no group named "${g}" on this site`;
      }),
    );
  }
  return fields;
}

/**
 * The documents a save passes through so each write changes at most MAX_CLAIM_CHANGES_PER_WRITE claims: new
 * groups and apps are added first (so a partner never has no group), released ones dropped last. Usually one.
 */
function steps(before: Partner | null, after: Partner): { doc: Partner; delta: ClaimDelta }[] {
  const all = claimChanges(before, after);
  const ops: [keyof ClaimDelta, string][] = [...all.addGroups.map((g) => ['addGroups', g] as [keyof ClaimDelta, string]), ...all.addApps.map((a) => ['addApps', a] as [keyof ClaimDelta, string]), ...all.dropGroups.map((g) => ['dropGroups', g] as [keyof ClaimDelta, string]), ...all.dropApps.map((a) => ['dropApps', a] as [keyof ClaimDelta, string])];
  if (ops.length <= MAX_CLAIM_CHANGES_PER_WRITE) return [{ doc: after, delta: all }];
  const out: { doc: Partner; delta: ClaimDelta }[] = [];
  const norm = (s: string) => s.trim().toLowerCase();
  for (let i = 0; i < ops.length; i += MAX_CLAIM_CHANGES_PER_WRITE) {
    const done = ops.slice(0, i + MAX_CLAIM_CHANGES_PER_WRITE);
    const chunk = ops.slice(i, i + MAX_CLAIM_CHANGES_PER_WRITE);
    const has = (kind: keyof ClaimDelta, v: string) => done.some(([k, x]) => k === kind && x === v);
    const last = i + MAX_CLAIM_CHANGES_PER_WRITE >= ops.length;
    const groups = [...after.memberGroups.filter((g) => !all.addGroups.includes(norm(g)) || has('addGroups', norm(g))), ...(before?.memberGroups ?? []).filter((g) => all.dropGroups.includes(norm(g)) && !has('dropGroups', norm(g)))];
    const apps = [...after.apps.filter((a) => !all.addApps.includes(a.appId) || has('addApps', a.appId)), ...(before?.apps ?? []).filter((a) => all.dropApps.includes(a.appId) && !has('dropApps', a.appId))];
    const delta: ClaimDelta = { addGroups: [], dropGroups: [], addApps: [], dropApps: [] };
    for (const [k, v] of chunk) delta[k].push(v);
    out.push({ doc: last ? after : { ...after, memberGroups: groups, apps }, delta });
  }
  return out;
}

/** Writes a partner (in as many transactions as its claim changes need), each write in its trail. */
export async function savePartnerDoc(call: Call, o: { id: string; from: Versioned<Partner> | undefined; input: PartnerInput; needsMemberGroups?: boolean; action: string; contactsUpdated?: Partner['contactsUpdated'] }): Promise<Versioned<Partner>> {
  const before = o.from?.doc ?? null;
  const contactsChanged = JSON.stringify(before?.contacts ?? null) !== JSON.stringify(o.input.contacts);
  const after: Partner = {
    ...o.input,
    schemaVersion: 1,
    id: o.id,
    contactsUpdated: o.contactsUpdated !== undefined ? o.contactsUpdated : contactsChanged && o.input.contacts ? { at: call.now.toISOString(), by: call.session.accountId, byPartner: false } : (before?.contactsUpdated ?? null),
    ...(o.needsMemberGroups && o.input.memberGroups.length === 0 ? { needsMemberGroups: true } : {}),
  };
  let at = o.from;
  const plan = steps(before, after);
  for (const [n, step] of plan.entries()) {
    const changes: FieldChange[] = diffFields(at?.doc ?? {}, step.doc);
    if (changes.length === 0 && at) continue;
    const note = plan.length > 1 ? `Step ${n + 1} of ${plan.length}` : undefined;
    const saved = await partnerRepo.save(step.doc, at, [{ at: call.now.toISOString(), actor: call.session.accountId, action: o.action, changes, ...(note ? { note } : {}) }], step.delta);
    at = { version: saved.version, doc: step.doc, head: saved.head };
  }
  return at ?? { version: 0, doc: after, head: { seq: 0, hash: '' } };
}

/** Admins create or change a partner; nothing is written unless every group and app may be its. */
/** A newly chosen issue security level must be one of the incident project's levels (Jira's answer). */
async function unknownSecurityLevel(call: Call, p: PartnerInput, before: Partner | null): Promise<Record<string, string>> {
  if (!p.securityLevelId || p.securityLevelId === before?.securityLevelId) return {};
  const project = (await call.session.settings()).doc.incidents.projects[0]!;
  const levels = await jiraSearch.securityLevels(project);
  return levels.some((l) => l.id === p.securityLevelId) ? {} : { 'partner.securityLevelId': `Project ${project} has no issue security level with id ${p.securityLevelId}; choose one of its levels` };
}

export async function savePartner(call: Call, input: { id: string | null; version: number; partner: PartnerInput; fromPreviousVersion: boolean }) {
  let id = input.id;
  let from: Versioned<Partner> | undefined;
  if (id === null) {
    if (input.version !== 0) throw invalid({ version: 'A new partner starts at version 0' });
    const taken = new Set<string>();
    for (let tries = 0; tries < 5 && id === null; tries++) {
      const candidate = partnerIdFor(input.partner.name, (x) => taken.has(x));
      if (await partnerRepo.load(candidate)) taken.add(candidate);
      else id = candidate;
    }
    if (id === null) throw conflict('Several partners have this name already; choose a more distinct name.');
  } else {
    from = await existing(id);
    if (from.version !== input.version) throw conflict(STALE);
  }
  const fields = { ...(await checkClaims(call, id, input.partner, 'partner.', { groupsMustExist: true, before: from?.doc ?? null })), ...(await unknownSecurityLevel(call, input.partner, from?.doc ?? null)) };
  if (Object.keys(fields).length) throw invalid(fields);
  const saved = await savePartnerDoc(call, { id, from, input: input.partner, action: from ? 'partner.save' : 'partner.create' });
  // The partner the previous version's settings described is in the directory now: the settings record
  // is rewritten in today's shape, so it is no longer offered.
  if (input.fromPreviousVersion) {
    const s = await settingsRepo.load();
    if (s.reading.storedShape === 1) await settingsRepo.save(s, s.doc, { at: call.now.toISOString(), actor: call.session.accountId, action: 'settings.upgrade', changes: [{ path: 'partner', after: id }] });
  }
  return viewOf(saved, call.now);
}

export const partnerTrail = (id: string, cursor?: string) => historyPage(partnerStream(id), cursor);

/** The directory trail of the incident's partner, for IR staff on the panel: always the incident's own partner. */
export async function incidentPartnerTrail(call: Call, cursor?: string) {
  const { partner } = await call.session.incident();
  if (partner) return partnerTrail(partner.doc.id, cursor);
  // An incident of no partner has no partner's trail, so no page of it to continue either.
  if (cursor !== undefined) throw invalid({ cursor: 'Use the cursor the previous page returned' }, 'This cursor is not one the app handed out.');
  return { entries: [], names: {} };
}

/** One page of whole partners for an export file (the settings page assembles the file). */
export async function exportPage(_call: Call, cursor?: string) {
  const page = await partnerRepo.list({ cursor, limit: EXPORT_PAGE });
  return { partners: page.partners, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

// ---------------------------------------------------------------------------------------------
// A partner's own people
// ---------------------------------------------------------------------------------------------

const organizationOf = (v: Versioned<Partner>, now: Date) => ({
  id: v.doc.id,
  name: v.doc.name,
  version: v.version,
  contacts: v.doc.contacts,
  coverage: v.doc.coverage,
  lastReviewedOn: v.doc.lastReviewedOn,
  reviewIntervalDays: v.doc.reviewIntervalDays,
  contactsStatus: statusOf(v.doc, now),
  contactsUpdated: v.doc.contactsUpdated,
});

/** The organizations the caller belongs to (by their Jira groups): contacts and coverage, no tier, no inventory. */
export async function myOrganizations(call: Call) {
  return { organizations: (await call.session.myPartners()).map((p) => organizationOf(p, call.now)) };
}

/**
 * A partner's own people update its contacts and coverage ("update them whenever your team changes"): the
 * update counts as a review today, and IR staff see it was the partner who made it.
 */
export async function saveMyOrganization(call: Call, input: { partnerId: string; version: number } & PartnerSelfService) {
  const mine = (await call.session.myPartners()).find((p) => p.doc.id === input.partnerId);
  const me = await call.session.myself();
  if (!mine || !isMember(mine.doc, me.groups)) throw new AppError('FORBIDDEN', 'You can update your own organization only.', { partnerId: 'You can update your own organization only' });
  if (mine.version !== input.version) throw conflict(STALE);
  const { id: _id, schemaVersion: _s, contactsUpdated: _c, needsMemberGroups: _n, ...fields } = mine.doc;
  const next: PartnerInput = { ...fields, contacts: input.contacts, coverage: input.coverage, lastReviewedOn: dayIn(call.now, input.coverage.timeZone) };
  const saved = await savePartnerDoc(call, { id: mine.doc.id, from: mine, input: next, action: 'partner.selfService', contactsUpdated: { at: call.now.toISOString(), by: call.session.accountId, byPartner: true } });
  return organizationOf(saved, call.now);
}

// A search of the directory scans it by name a page at a time (KVS filters a page after reading it, so a page may
// hold no match): one call reads on until it has a page of matches, at most this many pages (500 partners of 20).
const SEARCH_PAGES = 25;

/**
 * A page of the directory in name order; with a search, the partners that match, read on past pages that hold
 * none (up to a page of matches), and the cursor to go on from. Every list of the directory pages through this.
 */
export async function findPartners(q: { search?: string; cursor?: string }, want: number = PARTNER_PAGE): Promise<{ partners: Partner[]; cursor?: string }> {
  const partners: Partner[] = [];
  let cursor = q.cursor;
  let pages = 0;
  do {
    const page = await partnerRepo.list({ search: q.search, cursor, limit: want });
    partners.push(...page.partners);
    cursor = page.cursor;
  } while (q.search && cursor && partners.length < want && ++pages < SEARCH_PAGES);
  return cursor ? { partners, cursor } : { partners };
}

// ---------------------------------------------------------------------------------------------
// The global page's report form
// ---------------------------------------------------------------------------------------------

// IR staff find the partner to report for by name, a page at a time (the directory may hold hundreds).
const REPORT_PARTNERS_PAGE = 20;

/** The form's view of a partner: its apps and its incident contacts (the report's prefill). */
const reportableOf = (p: Partner) => ({ id: p.id, name: p.name, apps: p.apps.map((a) => ({ appId: a.appId, name: a.name })), contacts: reportContactsOf(p) ?? EMPTY_REPORT.contacts });

/** A partner's own people report for their organizations (read with their role anyway); IR staff search. */
export async function reportable(call: Call) {
  return call.role === 'partner' ? (await call.session.myPartners()).map((p) => reportableOf(p.doc)) : [];
}

/** IR staff: the directory's partners matching a name, and whether more match than are listed. */
export async function partnersToReportFor(search: string | undefined) {
  const found = await findPartners({ search }, REPORT_PARTNERS_PAGE);
  return { partners: found.partners.slice(0, REPORT_PARTNERS_PAGE).map(reportableOf), more: found.cursor !== undefined || found.partners.length > REPORT_PARTNERS_PAGE };
}
