import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset, type Persona } from '../support/client';
import { configureSite } from '../support/directory';
import { MITIGATION, PARTNER_REPORT } from '../support/payloads';

interface View {
  version: number;
  report: { summary: Record<string, string>; irNotes?: string } & Record<string, unknown>;
  indicators: { value: string }[];
  mitigations?: unknown;
}
interface Entry {
  seq: number;
  action: string;
  changes: { path: string; before?: unknown; after?: unknown }[];
}
const PARALLEL = 50;
const AUDIT_KEY = (seq: number) => `audit:incident-10001:${String(seq).padStart(10, '0')}`;
const stored = async (seq: number) => (await control(`/__local/store/get?entityName=audit-entry&key=${AUDIT_KEY(seq)}`)).status;

const reportNo = (i: number) => ({ ...PARTNER_REPORT, summary: { ...PARTNER_REPORT.summary, currentStatus: `Status from save #${i}` } });
const who = (i: number): Persona => (i % 2 === 0 ? 'partner-acme' : 'ir-analyst');

const withoutNotes = ({ irNotes: _notes, ...rest }: View['report']) => rest;

async function load() {
  const r = await panel<{ incident: View }>('ir-analyst', 'load');
  return r.data!.incident;
}

/**
 * 50 saves of SEC-1 at once, all edited from `version`, each different from the record (a save that changes
 * nothing is answered with the record as it is and writes nothing); returns the winner's number and answer.
 */
async function race(version: number, from: number) {
  const results = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => panel<View>(who(i), 'saveReport', { version, report: reportNo(from + i) })));
  const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
  expect(winners, 'exactly one save wins').toHaveLength(1);
  const losers = results.filter((r) => !r.ok);
  expect(losers.map((r) => r.error?.code)).toEqual(Array(PARALLEL - 1).fill('CONFLICT'));
  return { index: from + winners[0]!, view: results[winners[0]!]!.data! };
}

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
});

describe('50 parallel conflicting saves of one incident', () => {
  it('accept exactly one per version; the record is the winner; the trail holds exactly the accepted changes and verifies', async () => {
    const first = await race(0, 0);
    expect(first.view.version).toBe(1);
    let now = await load();
    expect(now.version).toBe(1);
    expect(now.report.summary.currentStatus).toBe(`Status from save #${first.index}`);
    // The whole report as the winner's answer showed it (IR staff's answers also carry the IR notes).
    expect(withoutNotes(now.report)).toEqual(withoutNotes(first.view.report));

    const second = await race(1, PARALLEL);
    expect(second.view.version).toBe(2);
    now = await load();
    expect(now.version).toBe(2);
    expect(now.report.summary.currentStatus).toBe(`Status from save #${second.index}`);

    const history = await panel<{ entries: Entry[] }>('ir-analyst', 'history');
    expect(history.data?.entries.map((e) => [e.seq, e.action])).toEqual([
      [2, 'report.save'],
      [1, 'report.save'],
    ]);
    const statusChange = (e: Entry) => e.changes.find((c) => c.path === 'summary.currentStatus');
    expect(statusChange(history.data!.entries[1]!)).toMatchObject({ after: `Status from save #${first.index}` });
    expect(statusChange(history.data!.entries[0]!)).toMatchObject({ before: `Status from save #${first.index}`, after: `Status from save #${second.index}` });
    // No entry was written for a losing save, not even one the trail's head does not point at.
    expect([await stored(1), await stored(2), await stored(3)]).toEqual([200, 200, 404]);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: 2 });
  });

  it('answer a save that changes nothing with the record as it is, writing nothing', async () => {
    const won = await race(0, 0);
    const start = (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
    const again = await panel<View>('partner-acme', 'saveReport', { version: 1, report: reportNo(won.index) });
    expect(again.data?.version).toBe(1);
    expect((await control<{ sha256: string }>('/__local/store/digest')).body.sha256).toBe(start);
  });

  it('accept exactly one of 50 different edits (report, IR notes, indicators, mitigations) made from the same version', async () => {
    const calls = Array.from({ length: PARALLEL }, (_, i) => {
      switch (i % 4) {
        case 0:
          return panel<View>('partner-acme', 'saveReport', { version: 0, report: reportNo(i) });
        case 1:
          return panel<View>('ir-analyst', 'saveIrNotes', { version: 0, irNotes: `notes #${i}` });
        case 2:
          return panel<{ incident: View }>('partner-acme', 'addIndicators', { version: 0, text: `203.0.113.${i}` });
        default:
          return panel<View>('ir-analyst', 'saveMitigations', { version: 0, mitigations: [{ ...MITIGATION, description: `step #${i}` }] });
      }
    });
    const results = await Promise.all(calls);
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(Array(PARALLEL - 1).fill('CONFLICT'));
    const w = winners[0]!;
    const now = await load();
    expect(now.version).toBe(1);
    // The record holds the winner's edit and none of the losers'.
    const text = JSON.stringify(now);
    for (let i = 0; i < PARALLEL; i++) {
      const marks = [`Status from save #${i}"`, `notes #${i}"`, `"203.0.113.${i}"`, `step #${i}"`];
      expect(text.includes(marks[i % 4]!), `edit #${i}`).toBe(i === w);
    }
    const history = await panel<{ entries: Entry[] }>('ir-analyst', 'history');
    expect(history.data?.entries).toHaveLength(1);
    expect([await stored(1), await stored(2)]).toEqual([200, 404]);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: 1 });
  });
});
