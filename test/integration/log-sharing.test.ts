import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset, type Persona } from '../support/client';
import { configureSite } from '../support/directory';

interface Req {
  id: string;
  state: string;
  legalApprovalRequired: boolean;
  deleteBy: string | null;
  overdue: boolean;
  reminders: { fourteenDaysBefore: string; oneDayBefore: string } | null;
  delivery: { reference: string } | null;
  deletion: { deletedBy: string; method: string } | null;
  legalHold: { since: string; reason?: string } | null;
  internalNotes?: { note: string }[];
  history: { state: string; note?: string }[];
}
interface View {
  version: number;
  logSharing: { requests: Req[]; earliestLogDate: string | null; closedAt: string | null; legalApprovalExpectation: string };
  obligations: { checklist: { items: { key: string; status: string; detail: string }[] } };
}
interface Comment {
  body: { content: { content: { text: string }[] }[] };
  properties: { key: string; value: { reminder: string } }[];
}

const DAY = 86_400_000;
const START = '2026-11-23T09:00:00.000Z';
const FIRST_OBSERVED = '2026-11-20T10:00:00.000Z';
const setClock = (now: string | number) => control('/__local/clock', { now: new Date(now).toISOString() });
const trigger = () => control('/__local/triggers/timers', {});
const comments = async () => (await control<Comment[]>('/__local/jira/comments?issueKey=SEC-1')).body;
const text = (c: Comment) => c.body.content.map((p) => p.content.map((t) => t.text).join('')).join('\n');
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const stored = async () => (await control<{ retentionCheckAt?: string }>('/__local/store/get?entityName=incident&key=10001')).body;

async function ok<T = View>(as: Persona, fn: string, payload: unknown): Promise<T> {
  const r = await panel<T>(as, fn, payload);
  expect(r.ok, `${fn}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.data!;
}
const load = async (as: Persona) => (await ok<{ incident: View }>(as, 'load', {})).incident;

const draft = (over: Record<string, unknown> = {}) => ({
  category: 'runtime-deployment-webhook',
  appKey: 'acme-timesheets',
  environment: 'production',
  windowStart: '2026-11-19T00:00:00Z',
  windowEnd: '2026-11-22T00:00:00Z',
  includes: { accountIds: false, sourceIps: true, emailDomains: false },
  coldStorage: false,
  purpose: 'See which deployments and webhook triggers ran while the OAuth token was stolen',
  ...over,
});

/** An incident with its first-observed time recorded, so log windows have a bound. */
async function incident(): Promise<View> {
  const loaded = await ok<{ incident: View }>('ir-analyst', 'load', {});
  return ok('ir-analyst', 'saveReport', { version: loaded.incident.version, report: { timeline: { firstObservedAt: FIRST_OBSERVED } } });
}

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
  await setClock(START);
});

describe('log-sharing requests', () => {
  it('runs a request from proposal to attested deletion, with legal approval and retention reminders each posted once', async () => {
    let v = await incident();
    v = await ok('partner-acme', 'proposeLogRequest', { version: v.version, request: draft() });
    const req = v.logSharing.requests[0]!;
    expect(req).toMatchObject({ state: 'proposed', legalApprovalRequired: true, deleteBy: null });
    expect(v.logSharing.legalApprovalExpectation).toBe('a few business days');
    expect(v.logSharing.earliestLogDate).toBe('2025-11-20T10:00:00.000Z');
    const id = req.id;

    // Nothing can be delivered before IR accepts it and Legal/Privacy approves.
    const start = await digest();
    const early = await panel('ir-analyst', 'deliverLogRequest', { version: v.version, requestId: id, reference: 'SFX-1' });
    expect(early.error?.code).toBe('CONFLICT');
    v = await ok('ir-analyst', 'decideLogRequest', { version: v.version, requestId: id, decision: 'accept', note: 'Relevant to scoping' });
    const mid = await digest();
    const noLegal = await panel('ir-analyst', 'deliverLogRequest', { version: v.version, requestId: id, reference: 'SFX-1' });
    expect(noLegal.error?.code).toBe('CONFLICT');
    expect(noLegal.error?.message).toMatch(/Legal\/Privacy approval is required first.*a few business days/);
    expect(await digest()).toBe(mid);
    expect(mid).not.toBe(start);

    v = await ok('ir-analyst', 'decideLogRequest', { version: v.version, requestId: id, decision: 'request-legal-approval', note: 'Asked Legal/Privacy', internalNote: 'Privacy ticket PRIV-4242, reviewer J. Doe' });
    expect(v.logSharing.requests[0]?.state).toBe('legal-requested');
    const tooSoon = await panel('ir-analyst', 'deliverLogRequest', { version: v.version, requestId: id, reference: 'SFX-1' });
    expect(tooSoon.error?.code).toBe('CONFLICT');
    // Approval is evidence, not a click: a bare approve is refused, so is one without approver or reference.
    const beforeLegal = await digest();
    const bare = await panel('ir-analyst', 'decideLogRequest', { version: v.version, requestId: id, decision: 'approve-legal' });
    expect(bare.error?.code).toBe('INVALID_INPUT');
    expect(bare.error?.fields?.decision).toMatch(/approver, day and reference/);
    const noRef = await panel('ir-analyst', 'recordLegalDecision', { version: v.version, requestId: id, decision: 'approved', approver: { kind: 'external', name: 'J. Doe (Privacy)' }, decidedOn: '2026-11-23', reference: '' });
    expect(noRef.error?.code).toBe('INVALID_INPUT');
    expect(noRef.error?.fields?.reference).toMatch(/reference of the decision/);
    const nobody = await panel('ir-analyst', 'recordLegalDecision', { version: v.version, requestId: id, decision: 'approved', approver: { kind: 'jira-user', accountId: '712020:no-such-person' }, decidedOn: '2026-11-23', reference: 'LEGAL-77' });
    expect(nobody.error?.fields?.['approver.accountId']).toMatch(/not found/);
    expect(await digest()).toBe(beforeLegal);
    const found = await ok<{ users: { accountId: string; displayName: string }[] }>('ir-analyst', 'findUsers', { query: 'ada' });
    expect(found.users.map((u) => u.displayName)).toEqual(['Ada Admin']);
    v = await ok('ir-analyst', 'recordLegalDecision', { version: v.version, requestId: id, decision: 'approved', approver: { kind: 'jira-user', accountId: found.users[0]!.accountId }, decidedOn: '2026-11-23', reference: 'LEGAL-77' });
    expect(v.logSharing.requests[0]).toMatchObject({ state: 'legal-approved', legalDecision: { decision: 'approved', approver: { name: 'Ada Admin' }, decidedOn: '2026-11-23', reference: 'LEGAL-77' } });
    v = await ok('ir-analyst', 'deliverLogRequest', { version: v.version, requestId: id, reference: 'https://sfx.atlassian.example/d/8841' });
    expect(v.logSharing.requests[0]).toMatchObject({ state: 'delivered', delivery: { reference: 'https://sfx.atlassian.example/d/8841' } });
    expect(v.logSharing.requests[0]?.internalNotes?.[0]?.note).toMatch(/PRIV-4242/);

    // The partner never sees IR-internal notes, in the view or in the history.
    for (const fn of ['load', 'history']) {
      const seen = await panel('partner-acme', fn);
      expect(seen.ok).toBe(true);
      expect(JSON.stringify(seen)).not.toContain('PRIV-4242');
    }
    const irHistory = await panel('ir-analyst', 'history');
    expect(JSON.stringify(irHistory)).toContain('PRIV-4242');

    // Receipt needs the RESTRICTED acknowledgment; deletion needs the receipt.
    const before = await digest();
    expect((await panel('partner-acme', 'attestLogDeletion', { version: v.version, requestId: id, deletedBy: 'Priya', deletedAt: START, method: 'shred' })).error?.code).toBe('CONFLICT');
    expect((await panel('partner-acme', 'acknowledgeLogReceipt', { version: v.version, requestId: id, restrictedHandlingAcknowledged: false })).error?.code).toBe('INVALID_INPUT');
    expect((await panel('ir-analyst', 'acknowledgeLogReceipt', { version: v.version, requestId: id, restrictedHandlingAcknowledged: true })).error?.code).toBe('FORBIDDEN');
    expect(await digest()).toBe(before);
    v = await ok('partner-acme', 'acknowledgeLogReceipt', { version: v.version, requestId: id, restrictedHandlingAcknowledged: true });
    expect(v.logSharing.requests[0]?.state).toBe('received');
    expect(v.obligations.checklist.items.find((i) => i.key === 'shared-data-handled')?.status).toBe('open');
    expect((await stored()).retentionCheckAt).toBeUndefined();

    // Closure gives the delivered request its delete-by date, 90 days on.
    await setClock(Date.parse(START) + DAY);
    v = await ok('ir-analyst', 'closeIncident', { version: v.version, resolution: 'resolved', summary: 'Contained and remediated' });
    // The host's clock moves on a little with every call: the closure is what the record says.
    const closedAt = Date.parse(v.logSharing.closedAt!);
    const deleteBy = new Date(closedAt + 90 * DAY).toISOString();
    expect(v.logSharing.requests[0]).toMatchObject({ deleteBy, overdue: false, reminders: { fourteenDaysBefore: new Date(closedAt + 76 * DAY).toISOString(), oneDayBefore: new Date(closedAt + 89 * DAY).toISOString() } });
    expect((await stored()).retentionCheckAt).toBe(new Date(closedAt + 76 * DAY).toISOString());
    await trigger();
    expect(await comments()).toHaveLength(0);
    await setClock(closedAt + 76 * DAY - 60_000);
    await trigger();
    expect(await comments(), 'a minute before the 14-day reminder').toHaveLength(0);

    for (const [days, expected] of [[76, 1], [89, 2], [91, 3]] as const) {
      await setClock(closedAt + days * DAY + 60_000);
      await trigger();
      await trigger();
      expect(await comments(), `after closure + ${days} days`).toHaveLength(expected);
    }
    const posted = await comments();
    expect(posted.map((c) => c.properties[0]?.value.reminder.split(':').at(-1))).toEqual(['14d', '1d', 'overdue']);
    expect(text(posted[0]!)).toMatch(/14 days left/);
    expect(text(posted[1]!)).toMatch(/1 day left/);
    expect(text(posted[2]!)).toMatch(/^Overdue/);
    expect(text(posted[2]!)).toContain(deleteBy.slice(0, 10));
    expect((await stored()).retentionCheckAt).toBeUndefined();

    const partnerView = await load('partner-acme');
    expect(partnerView.logSharing.requests[0]?.overdue).toBe(true);
    expect(partnerView.obligations.checklist.items.find((i) => i.key === 'shared-data-handled')?.status).toBe('overdue');

    // A deletion cannot be dated in the future; the attestation names who, when and how.
    const future = await panel('partner-acme', 'attestLogDeletion', { version: partnerView.version, requestId: id, deletedBy: 'Priya Acheson', deletedAt: new Date(closedAt + 100 * DAY).toISOString(), method: 'Shredded' });
    expect(future.error?.fields?.deletedAt).toMatch(/future/);
    v = await ok('partner-acme', 'attestLogDeletion', { version: partnerView.version, requestId: id, deletedBy: 'Priya Acheson', deletedAt: new Date(closedAt + 91 * DAY).toISOString(), method: 'Secure erase of the encrypted bucket; key destroyed' });
    expect(v.logSharing.requests[0]).toMatchObject({ state: 'deleted', overdue: false, deleteBy: null, deletion: { deletedBy: 'Priya Acheson' } });
    expect(v.obligations.checklist.items.find((i) => i.key === 'shared-data-handled')?.status).toBe('done');
    await setClock(closedAt + 200 * DAY);
    await trigger();
    expect(await comments()).toHaveLength(3);
    const trail = await ok<{ entries: { action: string }[] }>('ir-analyst', 'history', {});
    expect(trail.entries.filter((e) => e.action === 'retention.reminder')).toHaveLength(3);
    expect(await ok<{ ok: boolean }>('ir-analyst', 'verifyHistory', {})).toMatchObject({ ok: true });
  });

  it('keeps logs under a legal hold without reminders, and reminds once the hold is lifted', async () => {
    let v = await incident();
    v = await ok('ir-analyst', 'proposeLogRequest', { version: v.version, request: draft({ includes: { accountIds: false, sourceIps: false, emailDomains: false } }) });
    const id = v.logSharing.requests[0]!.id;
    expect(v.logSharing.requests[0]?.legalApprovalRequired).toBe(false);
    const noNeed = await panel('ir-analyst', 'decideLogRequest', { version: v.version, requestId: id, decision: 'request-legal-approval' });
    expect(noNeed.error?.code).toBe('CONFLICT');
    v = await ok('ir-analyst', 'decideLogRequest', { version: v.version, requestId: id, decision: 'accept' });
    v = await ok('ir-analyst', 'deliverLogRequest', { version: v.version, requestId: id, reference: 'SFX-77' });
    const reason = 'Litigation hold LH-9 from Atlassian Legal';
    v = await ok('ir-analyst', 'setLegalHold', { version: v.version, requestId: id, hold: true, reason });
    await setClock(Date.parse(START) + DAY);
    v = await ok('ir-analyst', 'closeIncident', { version: v.version, resolution: 'resolved', summary: 'Contained and remediated' });
    // The host's clock moves on a little with every call: the closure is what the record says.
    const closedAt = Date.parse(v.logSharing.closedAt!);
    expect(v.logSharing.requests[0]).toMatchObject({ deleteBy: null, legalHold: { reason } });
    const partner = await load('partner-acme');
    expect(partner.logSharing.requests[0]?.legalHold).not.toBeNull();
    expect(JSON.stringify(partner)).not.toContain('LH-9');
    expect(JSON.stringify(await panel('partner-acme', 'history'))).not.toContain('LH-9');

    await setClock(closedAt + 91 * DAY);
    await trigger();
    expect(await comments()).toHaveLength(0);
    v = await ok('partner-acme', 'acknowledgeLogReceipt', { version: partner.version, requestId: id, restrictedHandlingAcknowledged: true });
    const before = await digest();
    const held = await panel('partner-acme', 'attestLogDeletion', { version: v.version, requestId: id, deletedBy: 'Sam', deletedAt: new Date(closedAt + 91 * DAY).toISOString(), method: 'rm' });
    expect(held.error?.code).toBe('CONFLICT');
    expect(held.error?.message).toMatch(/legal hold/);
    expect(await digest()).toBe(before);
    expect((await panel('ir-analyst', 'setLegalHold', { version: v.version, requestId: id, hold: true, reason: 'again' })).error?.code).toBe('CONFLICT');
    v = await ok('ir-analyst', 'setLegalHold', { version: v.version, requestId: id, hold: false, reason: 'LH-9 released' });
    expect(v.logSharing.requests[0]).toMatchObject({ deleteBy: new Date(closedAt + 90 * DAY).toISOString(), overdue: true });
    await trigger();
    await trigger();
    const posted = await comments();
    // Past the deadline, only the overdue notice is posted: "14 days left" would mislead.
    expect(posted.map((c) => c.properties[0]?.value.reminder.split(':').at(-1))).toEqual(['overdue']);
  });

  it('refuses requests and steps the program does not allow, and nothing changes', async () => {
    const v = await incident();
    const start = await digest();
    const refused = async (as: Persona, fn: string, payload: unknown) => {
      const r = await panel(as, fn, payload);
      expect(['INVALID_INPUT', 'CONFLICT'], `${fn}: ${JSON.stringify(r)}`).toContain(r.error?.code);
      return r.error!;
    };

    // Older than 12 months: the error names the earliest allowed date.
    const old = await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ windowStart: '2025-11-20T09:59:59Z' }) });
    expect(old.fields?.['request.windowStart']).toMatch(/2025-11-20 10:00:00 UTC/);
    expect(old.fields?.['request.windowStart']).toMatch(/12 months/);
    // Outside the incident: ending in the future (the incident is still open).
    const after = await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ windowEnd: '2026-11-23T09:00:01Z' }) });
    expect(after.fields?.['request.windowEnd']).toMatch(/can't end after now/);
    // Cold storage needs confirmed active exploitation of customer data.
    const cold = await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ coldStorage: true }) });
    expect(cold.fields?.['request.coldStorage']).toMatch(/active exploitation of customer data is confirmed/);
    // App activity logs: Premium and Enterprise tenants only.
    const tier = await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ category: 'app-activity' }) });
    expect(tier.fields?.['request.category']).toMatch(/Premium and Enterprise/);
    // Not tied to the incident: no purpose is bulk or monitoring.
    const bulk = await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ purpose: ' ', appKey: '' }) });
    expect(bulk.fields?.['request.purpose']).toMatch(/aren't shared in bulk or for ongoing monitoring/);
    expect(bulk.fields?.['request.appKey']).toBeDefined();
    expect((await refused('partner-acme', 'proposeLogRequest', { version: v.version, request: draft({ category: 'everything' }) })).fields?.['request.category']).toBeDefined();
    // Partners cannot confirm exploitation themselves.
    expect((await panel('partner-acme', 'saveLogSharingFacts', { version: v.version, activeExploitationConfirmed: true, tenantTier: 'enterprise' })).error?.code).toBe('FORBIDDEN');
    expect(await digest()).toBe(start);

    // Once IR confirms exploitation (and the tier), the same requests pass.
    let w = await ok('ir-analyst', 'saveLogSharingFacts', { version: v.version, activeExploitationConfirmed: true, tenantTier: 'premium' });
    w = await ok('partner-acme', 'proposeLogRequest', { version: w.version, request: draft({ coldStorage: true, category: 'app-activity', windowStart: '2025-11-20T10:00:00Z' }) });
    const id = w.logSharing.requests[0]!.id;

    // Attestation before delivery, delivery before approval, unknown requests, stale versions.
    const mid = await digest();
    expect((await refused('partner-acme', 'attestLogDeletion', { version: w.version, requestId: id, deletedBy: 'Priya', deletedAt: START, method: 'rm' })).code).toBe('CONFLICT');
    expect((await refused('ir-analyst', 'deliverLogRequest', { version: w.version, requestId: id, reference: 'SFX-3' })).code).toBe('CONFLICT');
    expect((await refused('ir-analyst', 'decideLogRequest', { version: w.version, requestId: 'ffffffff', decision: 'accept' })).fields?.requestId).toMatch(/no such/);
    expect((await refused('ir-analyst', 'decideLogRequest', { version: w.version - 1, requestId: id, decision: 'accept' })).code).toBe('CONFLICT');
    expect((await refused('ir-analyst', 'setLegalHold', { version: w.version, requestId: id, hold: true, reason: 'x' })).code).toBe('CONFLICT');
    expect((await panel('partner-acme', 'decideLogRequest', { version: w.version, requestId: id, decision: 'accept' })).error?.code).toBe('FORBIDDEN');
    expect(await digest()).toBe(mid);

    // After closure the window cannot reach past the incident's end.
    await setClock(Date.parse(START) + DAY);
    const closed = await ok('ir-analyst', 'closeIncident', { version: w.version, resolution: 'resolved', summary: 'Contained and remediated' });
    await setClock(Date.parse(START) + 2 * DAY);
    const end = await digest();
    const pastClose = await refused('partner-acme', 'proposeLogRequest', { version: closed.version, request: draft({ windowEnd: new Date(Date.parse(closed.logSharing.closedAt!) + 1).toISOString() }) });
    expect(pastClose.fields?.['request.windowEnd']).toMatch(/can't end after the incident ended/);
    expect(await digest()).toBe(end);
    // Ending exactly at the closure is inside the incident.
    await ok('partner-acme', 'proposeLogRequest', { version: closed.version, request: draft({ windowEnd: closed.logSharing.closedAt }) });
  });

  it('asks for the incident start before any request', async () => {
    const { incident: fresh } = await ok<{ incident: View }>('ir-analyst', 'load', {});
    const start = await digest();
    const r = await panel('partner-acme', 'proposeLogRequest', { version: fresh.version, request: draft() });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields?.['request.windowStart']).toMatch(/first observed/);
    expect(await digest()).toBe(start);
  });
});
