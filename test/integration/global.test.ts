import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset, type Persona } from '../support/client';

interface Row {
  issueKey: string;
  summary: string;
  supportLevel: string;
  phase: string;
  clock: string;
}
interface Page {
  rows: Row[];
  cursor?: string;
}
const global = <T = Page>(as: Persona, fn: string, payload: unknown = {}) => invoke<T>(as, MODULES.global, fn, payload);
const keys = (p: Page | undefined) => (p?.rows ?? []).map((r) => r.issueKey).sort();
const HOUR = 3_600_000;

const triage = { notify: { triggers: ['app-compromised'], exclusions: [], bugBountyCriticalHighImpact: false }, support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: false, securityEventConfirmed: true, severity: 'high' }, override: null };

async function seedIncidents() {
  await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
  for (const key of ['SEC-1', 'SEC-2', 'SEC-3']) expect((await panel('ir-analyst', 'saveReport', { version: 0, report: { app: { name: `App of ${key}` } } }, key)).ok).toBe(true);
  expect((await panel('ir-analyst', 'saveTriage', { version: 1, triage }, 'SEC-1')).ok).toBe(true);
  expect((await panel('ir-analyst', 'movePhase', { version: 1, phase: 'containment' }, 'SEC-2')).ok).toBe(true);
  expect((await panel('ir-analyst', 'recordOutreach', { version: 1, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please acknowledge' }, 'SEC-3')).ok).toBe(true);
}

beforeEach(async () => {
  await reset();
  await seedIncidents();
});

describe('global page', () => {
  it('shows each viewer only the incidents Jira lets them browse', async () => {
    const acme = await global<{ firstPage: Page }>('partner-acme', 'load');
    expect(keys(acme.data?.firstPage)).toEqual(['SEC-1']);
    expect(acme.data?.firstPage.rows[0]?.summary).toMatch(/Acme Timesheets/);
    expect(keys((await global<{ firstPage: Page }>('ir-analyst', 'load')).data?.firstPage)).toEqual(['SEC-1', 'SEC-2', 'SEC-3']);
    expect(keys((await global('partner-globex', 'list', {})).data)).toEqual(['SEC-2']);
    expect((await global('outsider', 'load')).error?.code).toBe('FORBIDDEN');
    expect((await global('outsider', 'list', {})).error?.code).toBe('FORBIDDEN');
    expect((await global('partner-acme', 'stats')).error?.code).toBe('FORBIDDEN');
  });

  it('filters by support level, phase, clock state and search', async () => {
    expect(keys((await global('ir-analyst', 'list', { supportLevel: 'joint' })).data)).toEqual(['SEC-1']);
    expect(keys((await global('ir-analyst', 'list', { phase: 'containment' })).data)).toEqual(['SEC-2']);
    expect(keys((await global('ir-analyst', 'list', { search: 'GLOBEX' })).data)).toEqual(['SEC-2']);
    expect(keys((await global('ir-analyst', 'list', { search: 'sec-3' })).data)).toEqual(['SEC-3']);
    expect(keys((await global('ir-analyst', 'list', { clock: 'running' })).data)).toEqual(['SEC-3']);
    expect(keys((await global('ir-analyst', 'list', { clock: 'breached' })).data)).toEqual([]);
    await control('/__local/clock', { advanceMs: 9 * HOUR });
    expect(keys((await global('ir-analyst', 'list', { clock: 'breached' })).data)).toEqual(['SEC-3']);
    expect(keys((await global('ir-analyst', 'list', { clock: 'running' })).data)).toEqual([]);
    expect((await global('ir-analyst', 'list', { phase: 'nonsense' })).error?.code).toBe('INVALID_INPUT');
  });

  it('puts what is due first and returns each incident exactly once across pages', async () => {
    for (const order of ['due', 'updated'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await global('ir-analyst', 'list', { order, pageSize: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...(r.data?.rows ?? []).map((x) => x.issueKey));
        cursor = r.data?.cursor;
        pages++;
      } while (cursor && pages < 10);
      expect([...seen].sort(), order).toEqual(['SEC-1', 'SEC-2', 'SEC-3']);
      if (order === 'due') expect(seen[0]).toBe('SEC-3'); // the only running clock
    }
  });

  it('mirrors support level, phase and the clock into the issue property for JQL', async () => {
    const prop = async (key: string) => (await control<Record<string, string> | null>(`/__local/jira/property?issueKey=${key}&key=incident-response`)).body;
    expect(await prop('SEC-1')).toEqual({ supportLevel: 'joint', phase: 'none', ackState: 'none' });
    expect(await prop('SEC-2')).toMatchObject({ phase: 'containment' });
    expect(await prop('SEC-3')).toEqual({ supportLevel: 'untriaged', phase: 'none', ackState: 'running', ackDueAt: '2026-11-23T17:00:00Z' });
  });

  it('counts incidents by phase and support level, and acknowledgments over 90 days', async () => {
    const s = await global<{ byPhase: Record<string, number>; bySupportLevel: Record<string, number>; ackCompliance: Record<string, number>; incidents: number }>('ir-analyst', 'stats');
    expect(s.data).toMatchObject({ incidents: 3, byPhase: { none: 2, containment: 1 }, bySupportLevel: { joint: 1, untriaged: 2 }, ackCompliance: { running: 1, onTime: 0 } });
  });
});
