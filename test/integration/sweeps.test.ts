import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset, setQuota } from '../support/client';
import { configureSite } from '../support/directory';
import { GENESIS_HASH } from '../../src/domain/audit-trail';
import { USER_BUDGET_BYTES } from '../../src/adapters/kvs/versioned-store';
import { PARTNER_REPORT } from '../support/payloads';
import type { SweepResult } from '../../src/app/reminders-engine';

interface View {
  version: number;
  obligations: { outreaches: { id: string }[] };
}
interface Comment {
  id: string;
  author: string;
  properties: { key: string; value: { reminder: string } }[];
}
interface Stored {
  ackCheckAt?: string;
  ackFailures?: number;
  sweepError?: string;
  orphanedAt?: string;
  dueSort?: string;
  version: number;
  doc: Record<string, unknown>;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const START = '2026-11-23T09:00:00.000Z'; // a Monday
const APP_ACCOUNT = '557058:f1c2d3e4-app0-4000-8000-00000000a991';

const setClock = (now: string | number) => control('/__local/clock', { now: new Date(now).toISOString() });
const advance = (ms: number) => control('/__local/clock', { advanceMs: ms });
async function trigger(): Promise<{ ack: SweepResult; retention: SweepResult }> {
  const r = await control<{ result: { statusCode: number; body: string } }>('/__local/triggers/timers', {});
  expect(r.status).toBe(200);
  expect(r.body.result.statusCode).toBe(204);
  return JSON.parse(r.body.result.body) as { ack: SweepResult; retention: SweepResult };
}
// The host's clock keeps running after it is set: instants are compared to within a few seconds.
const near = (iso: string | undefined, ms: number) => expect(Math.abs(Date.parse(iso ?? '') - ms)).toBeLessThan(5_000);
const comments = async (issueKey = 'SEC-1') => (await control<Comment[]>(`/__local/jira/comments?issueKey=${issueKey}`)).body;
const reminderKeys = (list: Comment[]) => list.filter((c) => c.author === APP_ACCOUNT).map((c) => c.properties.find((p) => p.key === 'incident-response-reminder')?.value.reminder);
const stored = async (id: string) => (await control<Stored>(`/__local/store/get?entityName=incident&key=${id}`)).body;
const plant = (id: string, value: unknown) => control('/__local/store/put', { key: id, entityName: 'incident', value });
const asUser = (as: string, method: string, path: string, body?: unknown) => control<{ status: number; body: unknown }>('/__local/jira/rest', { as, method, path, body });

/** A partner's comment carrying the app's reminder property, posted through Jira's REST API as they could. */
async function forgeReminder(reminder: string): Promise<void> {
  const r = await asUser('partner-acme', 'POST', '/rest/api/3/issue/SEC-1/comment', {
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Already reminded' }] }] },
    properties: [{ key: 'incident-response-reminder', value: { reminder } }],
  });
  expect(r.body.status).toBe(201);
}

async function outreach(issueKey = 'SEC-1', at = START): Promise<View> {
  const r = await panel<View>('ir-analyst', 'recordOutreach', { version: 0, at, channel: 'email', message: 'Please confirm you are investigating' }, issueKey);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.data!;
}

/** A record as an older version of the app (or a hand) might have left it, due for a look at `checkAt`. */
function raw(issueId: string, issueKey: string, doc: Record<string, unknown>, checkAt: string) {
  return { issueId, issueKey, version: 1, doc, auditSeq: 0, auditHash: GENESIS_HASH, updatedAt: START, ackCheckAt: checkAt };
}
const oldOutreach = (id: string, at: string) => ({ id, at, channel: 'email', message: 'Written by an older version', by: 'someone', ack: null, posted: [] });

/** A record exactly at the user budget: what a partner can reach with ordinary saves. */
function atBudget(issueId: string, issueKey: string, checkAt: string) {
  const value = raw(issueId, issueKey, { issueKey, report: { ...PARTNER_REPORT, attachments: [], summary: { whatHappened: '', actionsTaken: '', currentStatus: '' } }, outreaches: [{ ...oldOutreach('budg0001', '2026-11-23T03:00:00.000Z'), claims: {} }] }, checkAt);
  const size = Buffer.byteLength(JSON.stringify(value));
  (value.doc.report as { summary: { whatHappened: string } }).summary.whatHappened = 'w'.repeat(USER_BUDGET_BYTES - size);
  expect(Buffer.byteLength(JSON.stringify(value))).toBe(USER_BUDGET_BYTES);
  return value;
}

beforeEach(async () => {
  await reset();
  // Acme in the directory: its people are partners on SEC-1 (the incident becomes Acme's on their first save).
  await configureSite({ link: false });
  await setClock(START);
});

describe('the scheduled sweeps with bad records first in the index', () => {
  it('post the other incidents’ due reminders, and IR’s global page loads', async () => {
    await outreach('SEC-1');
    // First in the index: an incident whose Jira issue is gone, one of an older shape (an outreach without
    // claims, a report without attachments), and one filled to the user budget.
    await plant('99999', raw('99999', 'SEC-99999', { issueKey: 'SEC-99999', summary: 'Deleted ticket', outreaches: [{ ...oldOutreach('orph0001', '2026-11-23T01:00:00.000Z'), claims: {} }] }, '2026-11-23T01:00:00.000Z'));
    await plant('10002', raw('10002', 'SEC-2', { issueKey: 'SEC-2', report: { summary: { whatHappened: 'Old shape' } }, outreaches: [oldOutreach('part0001', '2026-11-23T02:00:00.000Z')] }, '2026-11-23T02:00:00.000Z'));
    await plant('10003', atBudget('10003', 'SEC-3', '2026-11-23T03:00:00.000Z'));

    await setClock(Date.parse(START) + 4 * HOUR + MINUTE);
    const run = await trigger();
    // A catch-up posts one reminder per incident, the latest reached: SEC-1's 50%, SEC-2's and SEC-3's deadline.
    expect(run.ack).toMatchObject({ checked: 4, failed: 0, orphaned: 1, posted: 3 });
    expect(run.retention.error).toBeUndefined();
    const sec1 = await panel<{ incident: View }>('ir-analyst', 'load');
    const id = sec1.data!.incident.obligations.outreaches[0]!.id;
    expect(reminderKeys(await comments('SEC-1'))).toEqual([`${id}:50`]);
    // The older shape and the full record got theirs too: the full one through the space kept for the app.
    expect(reminderKeys(await comments('SEC-2'))).toEqual(['part0001:deadline']);
    expect(reminderKeys(await comments('SEC-3'))).toEqual(['budg0001:deadline']);
    // The orphan is marked, out of the sweeps' indexes, and listed to IR staff.
    const orphan = await stored('99999');
    near(orphan.orphanedAt, Date.parse(START) + 4 * HOUR + MINUTE);
    expect(orphan.ackCheckAt).toBeUndefined();
    const load = await invoke<{ page: { rows: { issueKey: string }[] } }>('ir-analyst', MODULES.global, 'load');
    expect(load.ok, JSON.stringify(load.error)).toBe(true);
    expect(load.data!.page.rows.map((r) => r.issueKey).sort()).toEqual(['SEC-1', 'SEC-2', 'SEC-3']);
    const stats = await invoke<{ orphaned: { issueKey: string; summary: string }[] }>('ir-analyst', MODULES.global, 'stats');
    expect(stats.data?.orphaned).toEqual([expect.objectContaining({ issueKey: 'SEC-99999', summary: 'Deleted ticket' })]);
    expect((await invoke('partner-acme', MODULES.global, 'load')).ok).toBe(true);

    // Nothing twice; the orphan is not looked at again; every trail the sweep wrote verifies.
    const again = await trigger();
    expect(again.ack).toMatchObject({ posted: 0, failed: 0, orphaned: 0 });
    for (const key of ['SEC-1', 'SEC-2', 'SEC-3']) expect((await panel('ir-analyst', 'verifyHistory', {}, key)).data, key).toMatchObject({ ok: true });
  });

  it('read a log request of an older shape for the retention reminders', async () => {
    const closedAt = '2026-08-01T00:00:00.000Z'; // delete-by 90 days later: overdue by now
    const request = { id: 'req00001', category: 'runtime-deployment-webhook', appKey: 'acme-timesheets', environment: 'production', state: 'delivered', delivery: { reference: 'SFX-1', at: '2026-07-20T00:00:00.000Z', by: 'ir' } };
    const { ackCheckAt: _none, ...value } = raw('10002', 'SEC-2', { issueKey: 'SEC-2', report: {}, phases: [{ phase: 'closed', at: closedAt, by: 'ir' }], logSharing: { requests: [request] } }, '');
    await plant('10002', { ...value, retentionCheckAt: '2026-10-30T00:00:00.000Z' });
    const run = await trigger();
    expect(run.retention).toMatchObject({ checked: 1, posted: 1, failed: 0 });
    expect(reminderKeys(await comments('SEC-2'))).toEqual(['retention:req00001:2026-10-30T00:00:00.000Z:overdue']);
    expect((await trigger()).retention).toMatchObject({ posted: 0, failed: 0 });
    expect((await panel('ir-analyst', 'verifyHistory', {}, 'SEC-2')).data).toMatchObject({ ok: true });
  });

  it('back off an incident that keeps failing, later each time, while the others are still posted', async () => {
    await outreach('SEC-1');
    // Triage of a shape nothing can read: every write of this incident fails.
    await plant('10002', raw('10002', 'SEC-2', { issueKey: 'SEC-2', triage: { notify: 'unreadable' }, outreaches: [{ ...oldOutreach('pois0001', '2026-11-23T01:00:00.000Z'), claims: {} }] }, '2026-11-23T01:00:00.000Z'));
    await setClock(Date.parse(START) + 4 * HOUR + MINUTE);
    const first = await trigger();
    expect(first.ack).toMatchObject({ checked: 2, posted: 1, failed: 1, backedOff: 1 });
    expect(first.retention).toMatchObject({ failed: 0 });
    expect(first.retention.error).toBeUndefined();
    let poison = await stored('10002');
    const t1 = Date.parse(START) + 4 * HOUR + MINUTE;
    expect(poison.ackFailures).toBe(1);
    near(poison.ackCheckAt, t1 + MINUTE);
    expect(poison.sweepError).toMatch(/^ack: /);
    expect(poison.version).toBe(1);
    // Not looked at before its time; then again, and the next wait is longer.
    expect((await trigger()).ack.checked).toBe(0);
    await advance(MINUTE);
    expect((await trigger()).ack).toMatchObject({ checked: 1, failed: 1, backedOff: 1 });
    poison = await stored('10002');
    expect(poison.ackFailures).toBe(2);
    near(poison.ackCheckAt, t1 + 3 * MINUTE);
    expect(await comments('SEC-2')).toHaveLength(0);
  });
});

describe('what a sweep reads', () => {
  /** One run's read units in Forge's quota, for SEC-1 due a reminder while holding `count` long indicators. */
  async function reminderRunReadUnits(count: number): Promise<number> {
    await reset();
    await configureSite({ link: false });
    await setClock(START);
    // Pasting the indicators is not what is measured.
    await setQuota({ unlimited: true });
    // Acme's first save makes SEC-1 Acme's, so both runs read the same partner.
    let version = (await panel<View>('partner-acme', 'saveReport', { version: 0, report: PARTNER_REPORT })).data!.version;
    const lines = Array.from({ length: count }, (_, i) => `https://exfil-${i}.example.com/`.padEnd(2048, 'a'));
    for (let at = 0; at < lines.length; at += 150) {
      const r = await panel<{ incident: View }>('partner-acme', 'addIndicators', { version, text: lines.slice(at, at + 150).join('\n') });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      version = r.data!.incident.version;
    }
    expect((await panel('ir-analyst', 'recordOutreach', { version, at: START, channel: 'email', message: 'Please confirm' })).ok).toBe(true);
    await setClock(Date.parse(START) + 4 * HOUR + MINUTE);
    const r = await control<{ result: { body: string }; counts: { kvsReadUnits: number } }>('/__local/triggers/timers', {});
    expect((JSON.parse(r.body.result.body) as { ack: SweepResult }).ack).toMatchObject({ checked: 1, posted: 1, failed: 0 });
    return r.body.counts.kvsReadUnits;
  }

  it('reads a due incident’s record, never its indicators: a reminder costs the same with 300 long indicators as with none', async () => {
    const none = await reminderRunReadUnits(0);
    const many = await reminderRunReadUnits(300);
    // 300 indicators of 2,048 characters fill 12 chunks of ~50 KB: reading them would cost ~70 units more.
    expect(many).toBe(none);
    expect(none).toBeLessThanOrEqual(30);
  }, 60_000);
});

describe('a record filled to the user budget with ordinary saves', () => {
  it('still gets its reminders: the app’s own writes fit in the space kept for them', async () => {
    let { version } = await outreach('SEC-1');
    const long = '€'.repeat(10_000);
    const report = { ...PARTNER_REPORT, summary: { whatHappened: long, actionsTaken: long, currentStatus: long }, impact: { ...PARTNER_REPORT.impact, dataExposureDetail: long } };
    version = (await panel<View>('partner-acme', 'saveReport', { version, report })).data!.version;
    version = (await panel<View>('ir-analyst', 'saveIrNotes', { version, irNotes: long })).data!.version;
    // The largest list of mitigations that saves, then the longest last description that still does.
    const step = (i: number, chars = 1000) => ({ id: `step-${i}`, kind: 'patching', description: '€'.repeat(chars), owner: 'Sam', dueOn: '2026-12-01', status: 'planned' });
    const save = async (mitigations: unknown[]) => {
      const r = await panel<View>('partner-acme', 'saveMitigations', { version, mitigations });
      if (r.ok) version = r.data!.version;
      else expect(r.error?.fields?.record).toMatch(/may hold 208 KB/);
      return r.ok;
    };
    let n = 0;
    while (n < 50 && (await save(Array.from({ length: n + 1 }, (_, i) => step(i))))) n++;
    let lo = 1;
    let hi = 1000;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (await save([...Array.from({ length: n }, (_, i) => step(i)), step(n, mid)])) lo = mid;
      else hi = mid - 1;
    }
    const full = Buffer.byteLength(JSON.stringify(await stored('10001')));
    expect(full).toBeGreaterThan(USER_BUDGET_BYTES - 16);
    expect(full).toBeLessThanOrEqual(USER_BUDGET_BYTES);

    await setClock(Date.parse(START) + 8 * HOUR + MINUTE);
    const run = await trigger();
    // Past the deadline in one run: the deadline reminder alone (the catch-up rule), written in the kept space.
    expect(run.ack).toMatchObject({ checked: 1, posted: 1, failed: 0 });
    expect(reminderKeys(await comments())).toHaveLength(1);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toMatchObject({ ok: true });
  });
});

describe('reminders already posted', () => {
  it('count only when the app wrote them: a partner’s forged comments do not suppress reminders', async () => {
    const view = await outreach('SEC-1');
    const id = view.obligations.outreaches[0]!.id;
    for (const stage of ['50', '75', 'deadline']) await forgeReminder(`${id}:${stage}`);
    for (const [hours, expected] of [[4, 1], [6, 2], [8, 3]] as const) {
      await setClock(Date.parse(START) + hours * HOUR + MINUTE);
      await trigger();
      expect(reminderKeys(await comments()), `after ${hours} h`).toHaveLength(expected);
    }
    expect(reminderKeys(await comments())).toEqual([`${id}:50`, `${id}:75`, `${id}:deadline`]);
    // The trail names the app's comment for each reminder it records as posted.
    const history = await panel<{ entries: { action: string; changes: { path: string; after?: string }[] }[] }>('ir-analyst', 'history');
    const posted = history.data!.entries.filter((e) => e.action === 'clock.reminder').map((e) => e.changes.find((c) => c.path.endsWith('.comment'))?.after);
    const mine = (await comments()).filter((c) => c.author === APP_ACCOUNT).map((c) => c.id);
    expect([...posted].sort()).toEqual([...mine].sort());
    // The documented property endpoint answers what the app tagged.
    const prop = await asUser('ir-analyst', 'GET', `/rest/api/3/comment/${mine[0]}/properties/incident-response-reminder`);
    expect(prop.body).toMatchObject({ status: 200, body: { value: { reminder: `${id}:50` } } });
  });

  it('count only when the app wrote them, also for a run taking over from one that died after claiming', async () => {
    const view = await outreach('SEC-1');
    const id = view.obligations.outreaches[0]!.id;
    await forgeReminder(`${id}:50`);
    // A run claimed the 50% reminder and died: its claim has expired, so the next run looks for a posted comment.
    const record = await stored('10001');
    const outreaches = (record.doc.outreaches as { claims: Record<string, string> }[]).map((o) => ({ ...o, claims: { [`${id}:50`]: START } }));
    await plant('10001', { ...record, doc: { ...record.doc, outreaches } });
    await setClock(Date.parse(START) + 4 * HOUR + MINUTE);
    expect((await trigger()).ack).toMatchObject({ posted: 1, failed: 0 });
    expect(reminderKeys(await comments())).toEqual([`${id}:50`]);
  });
});

describe('closing an incident', () => {
  it('stops its clocks: no reminders, and it leaves the at-risk order', async () => {
    const view = await outreach('SEC-1');
    const closed = await panel<View>('ir-analyst', 'closeIncident', { version: view.version, resolution: 'resolved', summary: 'Contained' });
    expect(closed.ok, JSON.stringify(closed.error)).toBe(true);
    const record = await stored('10001');
    expect(record.ackCheckAt).toBeUndefined();
    expect(record.dueSort).toMatch(/^9999-12-31/);
    await outreach('SEC-2');
    await setClock(Date.parse(START) + 9 * HOUR);
    await trigger();
    expect(await comments('SEC-1')).toHaveLength(0);
    // The open incident still gets its reminder: one, the deadline, for a run catching up past it.
    expect(reminderKeys(await comments('SEC-2'))).toHaveLength(1);
    // The queue's at-risk view holds the open, breached incident only; the closed one is under Closed.
    const atRisk = await invoke<{ rows: { issueKey: string }[] }>('ir-analyst', MODULES.global, 'queue', { view: 'at-risk' });
    expect(atRisk.ok, JSON.stringify(atRisk.error)).toBe(true);
    expect(atRisk.data!.rows.map((r) => r.issueKey)).toEqual(['SEC-2']);
    const closedView = await invoke<{ rows: { issueKey: string }[] }>('ir-analyst', MODULES.global, 'queue', { view: 'closed' });
    expect(closedView.data!.rows.map((r) => r.issueKey)).toEqual(['SEC-1']);
  });
});

describe('the JQL mirror', () => {
  it('is restored when a partner rewrites it: on the next save and on the next sweep', async () => {
    await outreach('SEC-1');
    const mirror = async () => (await control<unknown>('/__local/jira/property?issueKey=SEC-1&key=incident-response')).body;
    const truth = await mirror();
    expect(truth).toMatchObject({ ackState: 'running', supportLevel: 'untriaged' });
    const rewrite = async () => expect((await asUser('partner-acme', 'PUT', '/rest/api/3/issue/SEC-1/properties/incident-response', { supportLevel: 'out-of-scope', phase: 'closed', ackState: 'acknowledged' })).body.status).toBe(200);
    await rewrite();
    const load = await panel<{ incident: View }>('partner-acme', 'load');
    const saved = await panel('partner-acme', 'saveReport', { version: load.data!.incident.version, report: PARTNER_REPORT });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    expect(await mirror()).toEqual(truth);
    await rewrite();
    await setClock(Date.parse(START) + 4 * HOUR + MINUTE);
    await trigger();
    expect(await mirror()).toEqual(truth);
  });
});
