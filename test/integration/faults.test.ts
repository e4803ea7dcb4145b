import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { control, hostUrl, invoke, MODULES, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { VALID_SETTINGS } from '../support/fixtures';
import { PARTNER_REPORT } from '../support/payloads';
import type { SweepResult } from '../../src/app/reminders-engine';

interface FaultSpec {
  target: 'kvs' | 'jira';
  nth: number;
  kind: 'rate-limit' | 'server-error' | 'timeout';
  retryAfterSeconds?: number;
  times?: number;
}
interface View {
  version: number;
  report: { summary: Record<string, string> };
  obligations: { outreaches: { id: string; posted?: string[] }[] };
}
interface Comment {
  properties: { key: string; value: { reminder: string } }[];
}
interface TriggerAnswer {
  result?: { statusCode: number; body: string };
  counts?: { kvsOps: number; jiraCalls: number };
}

const KINDS = ['rate-limit', 'server-error', 'timeout'] as const;
const HOUR = 3_600_000;
const START = '2026-11-23T09:00:00.000Z'; // a Monday

const inject = async (spec: FaultSpec) => expect((await control('/__local/faults', spec)).status).toBe(200);
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const expectedCode = (kind: FaultSpec['kind']) => (kind === 'rate-limit' ? 'RATE_LIMITED' : 'INTERNAL');
const trigger = () => control<TriggerAnswer>('/__local/triggers/timers', {});
const comments = async () => (await control<Comment[]>('/__local/jira/comments?issueKey=SEC-1')).body;
const setClock = (now: string) => control('/__local/clock', { now });

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
});
afterEach(async () => {
  await deleteFaults();
});

async function deleteFaults(): Promise<void> {
  expect((await fetch(`${hostUrl()}/__local/faults`, { method: 'DELETE' })).status).toBe(200);
}

async function ir() {
  const r = await panel<{ incident: View }>('ir-analyst', 'load');
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.data!.incident;
}

describe('KVS failures while saving an incident', () => {
  it('answer RATE_LIMITED for a 429 and INTERNAL for a 500 or a timeout, on whichever call they hit, and write all or nothing', async () => {
    // How many KVS calls a clean save makes: the fault walks over each of them.
    const clean = await panel<View>('partner-acme', 'saveReport', { version: 0, report: PARTNER_REPORT });
    expect(clean.ok).toBe(true);
    const calls = clean.kvsOps;
    expect(calls).toBeGreaterThanOrEqual(2);
    let version = 1;
    for (const kind of KINDS) {
      for (let nth = 1; nth <= calls; nth++) {
        const before = await digest();
        await inject({ target: 'kvs', nth, kind });
        const status = `after fault ${kind} #${nth}`;
        const r = await panel<View>('partner-acme', 'saveReport', { version, report: { ...PARTNER_REPORT, summary: { ...PARTNER_REPORT.summary, currentStatus: status } } });
        await deleteFaults();
        const now = await ir();
        if (r.ok) {
          // The fault hit a call the app could retry safely: the save is whole.
          version++;
          expect(now.version).toBe(version);
          expect(now.report.summary.currentStatus).toBe(status);
        } else {
          expect(r.error?.code, `${kind} on KVS call ${nth}`).toBe(expectedCode(kind));
          expect(r.error?.message).not.toMatch(/\n\s+at |node_modules/);
          expect(await digest(), `${kind} on KVS call ${nth}: nothing written`).toBe(before);
          expect(now.version).toBe(version);
        }
        expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: version });
      }
    }
  });

  it('keep the settings whole when their save fails', async () => {
    const clean = await invoke('jira-admin', MODULES.admin, 'save', { version: 1, settings: { ...VALID_SETTINGS, clock: { ...VALID_SETTINGS.clock, timeZone: 'Europe/Paris' } } });
    expect(clean.ok).toBe(true);
    for (let nth = 1; nth <= clean.kvsOps; nth++) {
      const before = await digest();
      await inject({ target: 'kvs', nth, kind: 'server-error' });
      const r = await invoke('jira-admin', MODULES.admin, 'save', { version: 2, settings: { ...VALID_SETTINGS, clock: { ...VALID_SETTINGS.clock, reminderThresholds: [nth] } } });
      await deleteFaults();
      expect(r.ok, `KVS call ${nth}`).toBe(false);
      expect(r.error?.code).toBe('INTERNAL');
      expect(await digest()).toBe(before);
    }
    expect((await invoke('jira-admin', MODULES.admin, 'verifyHistory')).data).toEqual({ ok: true, count: 2 });
  });
});

describe('Jira failures', () => {
  it('retry a read Jira rate-limits, waiting as long as Retry-After asks', async () => {
    await inject({ target: 'jira', nth: 1, kind: 'rate-limit', retryAfterSeconds: 1 });
    const t0 = Date.now();
    const r = await panel('ir-analyst', 'load');
    const took = Date.now() - t0;
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(5000);
    expect(r.jiraCalls).toBe(3);
  });

  it('give up with RATE_LIMITED when Jira keeps rate-limiting, and write nothing', async () => {
    const before = await digest();
    await inject({ target: 'jira', nth: 1, kind: 'rate-limit', retryAfterSeconds: 1, times: 20 });
    const t0 = Date.now();
    const r = await panel('partner-acme', 'saveReport', { version: 0, report: PARTNER_REPORT });
    expect(r.error?.code).toBe('RATE_LIMITED');
    // Two retries, each after the second Jira asked for: the app did not hammer it.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(await digest()).toBe(before);
  });

  it('retry a read after a Jira 500 or timeout, and answer INTERNAL when it persists', async () => {
    for (const kind of ['server-error', 'timeout'] as const) {
      await inject({ target: 'jira', nth: 1, kind });
      expect((await panel('ir-analyst', 'load')).ok, kind).toBe(true);
      await deleteFaults();
      await inject({ target: 'jira', nth: 1, kind, times: 20 });
      const r = await panel('ir-analyst', 'load');
      await deleteFaults();
      expect(r.error?.code, kind).toBe('INTERNAL');
    }
  });
});

describe('a scheduled sweep that fails mid-run', () => {
  async function dueReminder(): Promise<void> {
    await setClock(START);
    const r = await panel<View>('ir-analyst', 'recordOutreach', { version: 0, at: START, channel: 'email', message: 'Please confirm you are investigating' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    // 4 h into the 8 h window: the 50% reminder is due.
    await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
  }

  async function reminders(): Promise<{ comments: number; trail: number; verified: unknown }> {
    const history = await panel<{ entries: { action: string }[] }>('ir-analyst', 'history');
    return {
      comments: (await comments()).filter((c) => c.properties.some((p) => p.value.reminder?.endsWith(':50'))).length,
      trail: history.data!.entries.filter((e) => e.action === 'clock.reminder').length,
      verified: (await panel('ir-analyst', 'verifyHistory')).data,
    };
  }

  it('finishes on a later run, posting the reminder exactly once, whichever KVS or Jira call failed', async () => {
    await dueReminder();
    const clean = await trigger();
    expect(clean.status).toBe(200);
    const counts = clean.body.counts!;
    expect(await reminders()).toMatchObject({ comments: 1, trail: 1, verified: { ok: true } });
    expect(counts.kvsOps).toBeGreaterThan(3);
    expect(counts.jiraCalls).toBeGreaterThanOrEqual(2);

    const scenarios: FaultSpec[] = [];
    for (const target of ['kvs', 'jira'] as const) {
      for (let nth = 1; nth <= (target === 'kvs' ? counts.kvsOps : counts.jiraCalls); nth++) {
        for (const kind of ['server-error', 'rate-limit'] as const) scenarios.push({ target, nth, kind, times: target === 'jira' ? 3 : 1 });
      }
    }
    let failedRuns = 0;
    for (const fault of scenarios) {
      const label = `${fault.kind} on ${fault.target} call ${fault.nth}`;
      await reset();
      await dueReminder();
      await inject(fault);
      const first = await trigger();
      await deleteFaults();
      // The run itself completes: what failed is counted in its result, per sweep.
      expect(first.status, label).toBe(200);
      const { ack } = JSON.parse(first.body.result!.body) as { ack: SweepResult; retention: SweepResult };
      if (ack.failed > 0 || ack.error) failedRuns++;
      // A failed run leaves at most the one comment, and a trail that verifies.
      const afterFailure = await reminders();
      expect(afterFailure.comments, label).toBeLessThanOrEqual(1);
      expect(afterFailure.verified, label).toMatchObject({ ok: true });
      // Runs right away (the failed run's claim is still leased), then once the lease is over.
      await trigger();
      await control('/__local/clock', { advanceMs: 3 * 60_000 });
      expect((await trigger()).status, label).toBe(200);
      await trigger();
      expect(await reminders(), label).toMatchObject({ comments: 1, trail: 1, verified: { ok: true } });
    }
    // The faults did make runs fail: this is not a test of runs that never broke.
    expect(failedRuns).toBeGreaterThan(scenarios.length / 4);
  }, 180_000);
});
