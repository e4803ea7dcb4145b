import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset, setQuota } from '../support/client';
import { configureSite } from '../support/directory';
import { PARTNER_REPORT } from '../support/payloads';

interface QuotaState {
  limits: { readUnitsPerWindow: number; writeUnitsPerWindow: number; windowMs: number } | null;
  used: { read: number; write: number };
  throttled: number;
}
const quota = async () => (await control<QuotaState>('/__local/kvs/quota')).body;
const metrics = async () => (await control<Record<string, number>>('/__local/metrics')).body;
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

beforeEach(async () => {
  await reset();
  // Acme in the directory: its people are partners on SEC-1. Setting Forge's limits again starts a fresh window,
  // so the tests count only their own calls.
  await configureSite({ link: false });
  await setQuota({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 });
});

describe("the local KVS counts Forge's quota units", () => {
  it('answers each invocation with its read and write units, and adds them up in the metrics and the window', async () => {
    const before = await metrics();
    const load = await panel('ir-analyst', 'load');
    expect(load.ok).toBe(true);
    expect(load.kvsReadUnits).toBeGreaterThanOrEqual(1);
    expect(load.kvsWriteUnits).toBe(0);
    const save = await panel('partner-acme', 'saveReport', { version: 0, report: PARTNER_REPORT });
    expect(save.ok).toBe(true);
    expect(save.kvsWriteUnits).toBeGreaterThanOrEqual(1);
    const after = await metrics();
    expect(after.kvsReadUnits! - before.kvsReadUnits!).toBe(load.kvsReadUnits + save.kvsReadUnits);
    expect(after.kvsWriteUnits! - before.kvsWriteUnits!).toBe(save.kvsWriteUnits);
    const q = await quota();
    expect(q.limits).toEqual({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 });
    expect(q.used).toEqual({ read: load.kvsReadUnits + save.kvsReadUnits, write: save.kvsWriteUnits });
  });

  it('refuses calls once the window is spent, as Forge does (429 RATE_LIMIT_EXCEEDED), until the next window', async () => {
    // A one-unit write quota and a short window, so the test sees a refusal and its end.
    expect((await setQuota({ writeUnitsPerWindow: 1, windowMs: 1500 })).status).toBe(200);
    const first = await panel('partner-acme', 'saveReport', { version: 0, report: PARTNER_REPORT });
    expect(first.ok).toBe(true);
    const stored = await digest();
    const changed = { ...PARTNER_REPORT, summary: { ...PARTNER_REPORT.summary, currentStatus: 'Resolved' } };
    const refused = await panel('partner-acme', 'saveReport', { version: 1, report: changed });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('RATE_LIMITED');
    expect((refused.error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
    expect(refused.kvsThrottled).toBeGreaterThanOrEqual(1);
    expect(await digest()).toBe(stored);
    // Reads have their own quota: the panel still loads.
    expect((await panel('ir-analyst', 'load')).ok).toBe(true);
    expect((await quota()).throttled).toBeGreaterThanOrEqual(1);
    await new Promise((ok) => setTimeout(ok, 1600));
    const later = await panel('partner-acme', 'saveReport', { version: 1, report: changed });
    expect(later.ok, JSON.stringify(later.error)).toBe(true);
  });

  it('takes no quota when told so, and a reset brings back a fresh minute of Forge’s quota', async () => {
    await setQuota({ unlimited: true });
    expect((await quota()).limits).toBeNull();
    await reset();
    const q = await quota();
    expect(q.limits).toEqual({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 });
    expect(q.used).toEqual({ read: 0, write: 0 });
    expect((await control('/__local/kvs/quota', { windowMs: -1 })).status).toBe(400);
  });
});
