import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';

interface Indicator {
  id: string;
  type: string;
  value: string;
  note: string;
  firstSeen: string;
}
interface View {
  version: number;
  report: { summary: Record<string, string>; app: Record<string, string>; timeline: Record<string, string>; irNotes?: string };
  indicatorCount: number;
  missing: { path: string }[];
  attachmentNames: Record<string, string>;
}
/** What an edit of the indicators answers. */
interface Changed {
  incident: View;
  indicators: Indicator[];
}
interface Load {
  incident: View;
  prefill: { contacts: { primary: { name: string } } | null };
}
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

const partnerReport = {
  summary: { whatHappened: 'Tokens leaked through a debug endpoint', actionsTaken: 'Rotated secrets', currentStatus: 'Contained' },
  app: { name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: '3F2A8C1E-5B7D-4E9A-8C6F-1D2E3F4A5B6C', environment: 'production', distribution: 'public' },
  impact: { dataExposure: 'credentials-or-tokens', affectedTenants: 42, products: ['jira'] },
  timeline: { firstObservedAt: '2026-11-17T08:00:00Z', detectedAt: '2026-11-17T09:30:00+01:00', containmentAt: '2026-11-18T10:00:00Z' },
  contacts: { primary: { name: 'Priya', role: 'Security lead', email: 'priya@acme.example', phone: '+14155550101' } },
};

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
});

describe('incident report', () => {
  it('lets a partner fill the partner fields on SEC-1, and IR staff see them with the history', async () => {
    const first = await panel<Load>('partner-acme', 'load');
    expect(first.ok).toBe(true);
    expect(first.data?.incident.version).toBe(0);
    expect(first.data?.incident.report).not.toHaveProperty('irNotes');
    const saved = await panel<View>('partner-acme', 'saveReport', { version: 0, report: partnerReport });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    expect(saved.data?.version).toBe(1);
    expect(saved.data?.report.app.appId).toBe('3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c');
    const ir = await panel<Load>('ir-analyst', 'load');
    expect(ir.data?.incident.report.summary.whatHappened).toBe('Tokens leaked through a debug endpoint');
    expect(ir.data?.incident.report.timeline.detectedAt).toBe('2026-11-17T08:30:00.000Z');
    expect(ir.data?.incident.report.irNotes).toBe('');
    const history = await panel<{ entries: { action: string; changes: { path: string }[] }[] }>('ir-analyst', 'history');
    expect(history.data?.entries[0]?.action).toBe('report.save');
    expect(history.data?.entries[0]?.changes.map((c) => c.path)).toContain('summary.whatHappened');
  });

  it('keeps IR-internal notes away from partners: they can neither write nor read them', async () => {
    const notes = 'IR ONLY: suspect insider at the partner';
    const viaReport = await panel('partner-acme', 'saveReport', { version: 0, report: { ...partnerReport, irNotes: 'sneaky' } });
    expect(viaReport.error?.code).toBe('INVALID_INPUT');
    expect(Object.keys(viaReport.error?.fields ?? {})).toContain('report.irNotes');
    expect((await panel('partner-acme', 'saveIrNotes', { version: 0, irNotes: 'sneaky' })).error?.code).toBe('FORBIDDEN');
    expect((await panel<View>('ir-analyst', 'saveIrNotes', { version: 0, irNotes: notes })).data?.version).toBe(1);
    // A partner's save keeps the IR notes as they were.
    expect((await panel('partner-acme', 'saveReport', { version: 1, report: partnerReport })).ok).toBe(true);
    const leaks = [await panel('partner-acme', 'load'), await panel('partner-acme', 'history'), await panel('partner-acme', 'saveReport', { version: 2, report: { ...partnerReport, summary: { ...partnerReport.summary, currentStatus: 'Recovering' } } })];
    for (const r of leaks) {
      expect(r.ok).toBe(true);
      expect(JSON.stringify(r)).not.toContain(notes);
      expect(JSON.stringify(r)).not.toContain('irNotes');
    }
    expect((await panel<Load>('ir-analyst', 'load')).data?.incident.report.irNotes).toBe(notes);
    expect((await panel('partner-acme', 'verifyHistory')).error?.code).toBe('FORBIDDEN');
  });

  it('does not let partner-globex read or write SEC-1 at all', async () => {
    await panel('partner-acme', 'saveReport', { version: 0, report: partnerReport });
    const start = await digest();
    for (const [fn, payload] of [['load', {}], ['history', {}], ['attachments', {}], ['saveReport', { version: 1, report: partnerReport }], ['addIndicators', { version: 1, text: '203.0.113.7' }]] as const) {
      const r = await panel('partner-globex', fn, payload, 'SEC-1');
      expect(r.error?.code, fn).toBe('FORBIDDEN');
    }
    expect(await digest()).toBe(start);
  });

  it('gives one of two concurrent saves CONFLICT and keeps the other whole', async () => {
    const a = { ...partnerReport, summary: { ...partnerReport.summary, currentStatus: 'A' } };
    const b = { ...partnerReport, summary: { ...partnerReport.summary, currentStatus: 'B' } };
    const results = await Promise.all([panel<View>('partner-acme', 'saveReport', { version: 0, report: a }), panel<View>('ir-analyst', 'saveReport', { version: 0, report: b })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost.error?.code).toBe('CONFLICT');
    expect(lost.error?.message).toMatch(/saved this .* first|since you opened it/);
    const winner = results.find((r) => r.ok)!.data!.report.summary.currentStatus;
    expect((await panel<Load>('ir-analyst', 'load')).data?.incident.report.summary.currentStatus).toBe(winner);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: 1 });
  });

  it('names each invalid field and saves nothing', async () => {
    const start = await digest();
    const bad = {
      ...partnerReport,
      summary: { ...partnerReport.summary, whatHappened: 'x'.repeat(10_001) },
      app: { ...partnerReport.app, appId: 'not-a-uuid', environment: 'qa' },
      timeline: { firstObservedAt: '2026-11-18T08:00:00Z', detectedAt: '2026-11-17T08:00:00Z', containmentAt: '' },
      contacts: { primary: { email: 'priya@', phone: '555-0101' } },
    };
    const r = await panel('partner-acme', 'saveReport', { version: 0, report: bad });
    expect(r.error?.code).toBe('INVALID_INPUT');
    const f = r.error?.fields ?? {};
    expect(f['report.summary.whatHappened']).toMatch(/10000|10,000/);
    expect(f['report.app.appId']).toBeDefined();
    expect(f['report.app.environment']).toBeDefined();
    expect(f['report.timeline.detectedAt']).toBeDefined();
    expect(f['report.contacts.primary.email']).toMatch(/email/i);
    expect(f['report.contacts.primary.phone']).toMatch(/E\.164/);
    expect(await digest()).toBe(start);
  });

  it('references only attachments that are on the issue', async () => {
    const ok = await panel<View>('partner-acme', 'saveReport', { version: 0, report: { ...partnerReport, attachments: ['20001'] } });
    expect(ok.data?.attachmentNames).toEqual({ '20001': 'forge-logs-2026-11-17.txt' });
    const start = await digest();
    const foreign = await panel('partner-acme', 'saveReport', { version: 1, report: { ...partnerReport, attachments: ['20001', '99999'] } });
    expect(foreign.error?.fields?.['report.attachments.1']).toMatch(/not on this issue/);
    expect(await digest()).toBe(start);
    const listed = await panel<{ attachments: { id: string }[] }>('partner-acme', 'attachments');
    expect(listed.data?.attachments.map((a) => a.id)).toEqual(['20001', '20002']);
  });

  it('classifies a bulk paste, deduplicates it, and gives invalid lines back with the reason', async () => {
    const text = ['203.0.113.7', 'hxxps://evil[.]example[.]com/x', 'not an indicator!', '203.0.113.7', '/rest/api/3/user/search', '', '999.1.1.1'].join('\n');
    const r = await panel<Changed & { added: number; rejected: { line: number; reason: string }[]; duplicates: { line: number }[] }>('partner-acme', 'addIndicators', { version: 0, text });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data?.added).toBe(3);
    expect(r.data?.indicators.map((i) => i.type)).toEqual(['ipv4', 'url', 'api-endpoint']);
    expect(r.data?.incident.indicatorCount).toBe(3);
    expect(r.data?.rejected.map((x) => x.line)).toEqual([3, 7]);
    expect(r.data?.duplicates.map((x) => x.line)).toEqual([4]);
    const again = await panel<{ added: number; duplicates: { line: number }[] }>('ir-analyst', 'addIndicators', { version: 1, text: '203.0.113.7\n198.51.100.1' });
    expect(again.data?.added).toBe(1);
    expect(again.data?.duplicates.map((x) => x.line)).toEqual([1]);
    const id = r.data!.indicators[0]!.id;
    const edited = await panel<Changed>('partner-acme', 'updateIndicator', { version: 2, id, note: 'Seen in egress logs', firstSeen: '2026-11-17T07:55:00Z' });
    expect(edited.data?.indicators[0]).toMatchObject({ note: 'Seen in egress logs', firstSeen: '2026-11-17T07:55:00.000Z' });
    expect(edited.data?.incident.version).toBe(3);
    const removed = await panel<Changed>('partner-acme', 'removeIndicators', { version: 3, ids: [id] });
    expect(removed.data?.indicators).toHaveLength(3);
    expect(removed.data?.incident.indicatorCount).toBe(3);
    // The Indicators tab reads what was saved, as of the record's version.
    const read = await panel<{ version: number; indicators: Indicator[] }>('partner-acme', 'indicators');
    expect(read.data).toEqual({ version: 4, indicators: removed.data!.indicators });
    expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: 4 });
  });

  it('holds 500 indicators and refuses the 501st', async () => {
    const empty = await panel<Load>('ir-analyst', 'load');
    const lines = Array.from({ length: 501 }, (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`).join('\n');
    const r = await panel<Changed & { added: number; rejected: { line: number; reason: string }[] }>('ir-analyst', 'addIndicators', { version: 0, text: lines });
    expect(r.data?.added).toBe(500);
    expect(r.data?.rejected).toEqual([{ line: 501, text: '10.2.0.1', reason: 'over the limit of 500 indicators per incident' }]);
    // The panel's first render reads the record, not the 20 chunks the indicators fill.
    const load = await panel<Load>('ir-analyst', 'load');
    expect(load.data?.incident.indicatorCount).toBe(500);
    expect(load.data?.incident).not.toHaveProperty('indicators');
    expect(load.kvsOps).toBeLessThanOrEqual(2);
    expect(load.kvsReadUnits).toBe(empty.kvsReadUnits);
    // The Indicators tab reads them in the same two batches, the chunks with the incident's partner.
    const read = await panel<{ version: number; indicators: Indicator[] }>('ir-analyst', 'indicators');
    expect(read.data?.indicators).toHaveLength(500);
    expect(read.data?.indicators.map((i) => i.value)).toEqual(r.data!.indicators.map((i) => i.value));
    expect(read.kvsOps).toBeLessThanOrEqual(2);
    expect(read.kvsReadUnits).toBeGreaterThan(load.kvsReadUnits);
  });

  it('detects a tampered trail entry', async () => {
    await panel('partner-acme', 'saveReport', { version: 0, report: partnerReport });
    await panel('ir-analyst', 'saveIrNotes', { version: 1, irNotes: 'first note' });
    const key = 'audit:incident-10001:0000000001';
    const stored = (await control<{ entry: { actor: string } }>(`/__local/store/get?entityName=audit-entry&key=${key}`)).body;
    stored.entry.actor = '712020:0b9e1c55-1d3a-4f0e-a8c2-5e6f7a8b9c01';
    await control('/__local/store/put', { entityName: 'audit-entry', key, value: stored });
    const verdict = await panel<{ ok: boolean; seq: number; reason: string }>('ir-analyst', 'verifyHistory');
    expect(verdict.data).toMatchObject({ ok: false, seq: 1 });
  });

  it('loads in one invoke with at most 2 KVS operations and 2 Jira calls, prefilled from the settings', async () => {
    // SEC-1 belongs to Acme: its directory entry prefills the report.
    expect((await panel('ir-analyst', 'setPartner', { version: 0, partnerId: 'acme' })).ok).toBe(true);
    const r = await panel<Load>('partner-acme', 'load');
    expect(r.data?.prefill.contacts?.primary.name).toBe('Priya Acheson');
    expect(r.kvsOps).toBeLessThanOrEqual(2);
    expect(r.jiraCalls).toBeLessThanOrEqual(2);
  });
});
