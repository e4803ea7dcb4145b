// Through the local host: texts that are not well-formed or that hide their direction are refused with the
// field named and nothing written; TLP markings on the incident and on indicators, and records saved
// before markings existed.
import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset } from '../support/client';
import { ACME_PARTNER } from '../support/fixtures';
import { configureSite } from '../support/directory';

interface View {
  version: number;
  report: { tlp: string; summary: Record<string, string> };
}
interface Indicator {
  id: string;
  type: string;
  value: string;
  tlp: string;
  editedAt?: string;
}
/** What an edit of the indicators answers. */
interface Changed {
  incident: View;
  indicators: Indicator[];
}
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const LONE = '\uD800';

beforeEach(async () => {
  await reset();
  // Acme in the directory: its people are partners on SEC-1.
  await configureSite({ link: false });
});

describe('well-formed text only', () => {
  it('refuses a lone surrogate in any text field, naming the field, and writes nothing', async () => {
    const added = await panel<Changed>('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7' });
    const id = added.data!.indicators[0]!.id;
    const start = await digest();
    const calls: [string, string, unknown, string][] = [
      ['panel', 'saveReport', { version: 1, report: { summary: { whatHappened: `leak ${LONE} here` } } }, 'report.summary.whatHappened'],
      ['panel', 'saveReport', { version: 1, report: { contacts: { primary: { name: `Priya${LONE}` } } } }, 'report.contacts.primary.name'],
      ['panel', 'saveIrNotes', { version: 1, irNotes: `note ${LONE}` }, 'irNotes'],
      ['panel', 'addIndicators', { version: 1, text: `198.51.100.1\nevil${LONE}.example.com` }, 'text'],
      ['panel', 'updateIndicator', { version: 1, id, note: `seen ${LONE}`, firstSeen: '' }, 'note'],
      ['panel', 'recordOutreach', { version: 1, at: '2026-11-18T09:00:00Z', channel: 'email', message: `hello ${LONE}` }, 'message'],
      ['panel', 'movePhase', { version: 1, phase: 'triage', reason: `why ${LONE}` }, 'reason'],
      ['admin', 'savePartner', { id: null, version: 0, partner: { ...ACME_PARTNER, name: `Acme${LONE}` } }, 'partner.name'],
    ];
    for (const [module, fn, payload, field] of calls) {
      const r = module === 'panel' ? await panel('ir-analyst', fn, payload) : await invoke('jira-admin', MODULES.admin, fn, payload);
      expect([fn, r.error?.code], JSON.stringify(r.error)).toEqual([fn, 'INVALID_INPUT']);
      expect(r.error?.fields?.[field], `${fn} ${JSON.stringify(r.error?.fields)}`).toMatch(/lone UTF-16 surrogate/);
    }
    expect(await digest()).toBe(start);
  });

  it('refuses bidirectional controls and zero-width characters in texts and in a paste of indicators', async () => {
    const start = await digest();
    const report = await panel('partner-acme', 'saveReport', { version: 0, report: { summary: { whatHappened: 'see \u202Efdp.exe' } } });
    expect(report.error?.fields?.['report.summary.whatHappened']).toMatch(/direction or zero-width/);
    const paste = await panel('ir-analyst', 'addIndicators', { version: 0, text: 'https://evil.example/\u202Epath' });
    expect(paste.error?.code).toBe('INVALID_INPUT');
    expect(paste.error?.fields?.['text']).toMatch(/direction or zero-width/);
    const zw = await panel('ir-analyst', 'addIndicators', { version: 0, text: 'evil\u200B.example.com' });
    expect(zw.error?.fields?.['text']).toMatch(/direction or zero-width/);
    expect(await digest()).toBe(start);
  });
});

describe('timestamps STIX can write', () => {
  it('refuses a first-seen time past year 9999 in UTC at input, and writes nothing', async () => {
    const added = await panel<Changed>('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7' });
    const id = added.data!.indicators[0]!.id;
    const start = await digest();
    const r = await panel('ir-analyst', 'updateIndicator', { version: 1, id, note: '', firstSeen: '9999-12-31T23:00:00-05:00' });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields?.['firstSeen']).toBeDefined();
    expect(await digest()).toBe(start);
  });
});

describe('TLP markings', () => {
  it('the incident is AMBER until changed; partners and IR may set it; an indicator may only be stricter', async () => {
    const first = await panel<Changed>('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7\nscope added: read:jira-user' });
    expect(first.data?.incident.report.tlp).toBe('amber');
    const [ip] = first.data!.indicators;
    expect(ip?.tlp).toBe('');
    const green = await panel<View>('partner-acme', 'saveReport', { version: 1, report: { tlp: 'green' } });
    expect(green.data?.report.tlp).toBe('green');

    const start = await digest();
    const looser = await panel('ir-analyst', 'updateIndicator', { version: 2, id: ip!.id, note: '', firstSeen: '', tlp: 'clear' });
    expect(looser.error?.code).toBe('INVALID_INPUT');
    expect(looser.error?.fields?.['tlp']).toMatch(/stricter than the incident's TLP:GREEN/);
    const unknown = await panel('ir-analyst', 'updateIndicator', { version: 2, id: ip!.id, note: '', firstSeen: '', tlp: 'white' });
    expect(unknown.error?.fields?.['tlp']).toBeDefined();
    expect(await digest()).toBe(start);

    const red = await panel<Changed>('ir-analyst', 'updateIndicator', { version: 2, id: ip!.id, note: '', firstSeen: '', tlp: 'red' });
    expect(red.data?.indicators.find((i) => i.id === ip!.id)).toMatchObject({ tlp: 'red', editedAt: expect.stringMatching(/^\d{4}-/) });
    // Leaving the marking out of an edit keeps it.
    const kept = await panel<Changed>('ir-analyst', 'updateIndicator', { version: 3, id: ip!.id, note: 'seen twice', firstSeen: '' });
    expect(kept.data?.indicators.find((i) => i.id === ip!.id)?.tlp).toBe('red');
    const history = await panel<{ entries: { changes: { path: string; after?: { tlp?: string } }[] }[] }>('ir-analyst', 'history');
    expect(JSON.stringify(history.data)).toContain('"tlp":"red"');
  });

  it('reads an incident and indicators stored before markings existed as AMBER with no marking of their own', async () => {
    await panel('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7' });
    const key = '10001';
    const stored = (await control<{ doc: { report: Record<string, unknown> } }>(`/__local/store/get?entityName=incident&key=${key}`)).body;
    delete stored.doc.report.tlp;
    await control('/__local/store/put', { entityName: 'incident', key, value: stored });
    const chunk = (await control<Record<string, unknown>[]>(`/__local/store/get?key=ioc:${key}:0`)).body;
    await control('/__local/store/put', { key: `ioc:${key}:0`, value: chunk.map(({ tlp: _tlp, ...rest }) => rest) });

    const load = await panel<{ incident: View }>('partner-acme', 'load');
    expect(load.data?.incident.report.tlp).toBe('amber');
    const read = await panel<{ indicators: Indicator[] }>('partner-acme', 'indicators');
    expect(read.data?.indicators[0]?.tlp).toBe('');
    // And it saves on as before.
    const saved = await panel<View>('partner-acme', 'saveReport', { version: 1, report: { summary: { whatHappened: 'x' } } });
    expect(saved.data?.report.tlp).toBe('amber');
  });
});
