import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { VALID_SETTINGS } from '../support/fixtures';

interface View {
  version: number;
  obligations: { outreaches: { id: string; state: string; dueAt: string; ack: unknown }[]; checklist: { items: { key: string; status: string }[] } };
}
interface Comment {
  body: { content: { content: { text: string }[] }[] };
  properties: { key: string; value: { reminder: string } }[];
}
const HOUR = 3_600_000;
const START = '2026-11-23T09:00:00.000Z'; // a Monday
const setClock = (now: string) => control('/__local/clock', { now });
const advance = (ms: number) => control('/__local/clock', { advanceMs: ms });
const trigger = () => control<{ result: { statusCode: number } }>('/__local/triggers/timers', {});
const comments = async () => (await control<Comment[]>('/__local/jira/comments?issueKey=SEC-1')).body;
const text = (c: Comment) => c.body.content.map((p) => p.content.map((t) => t.text).join('')).join('\n');
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

async function outreach(): Promise<View> {
  const r = await panel<View>('ir-analyst', 'recordOutreach', { version: 0, at: START, channel: 'email', message: 'Please confirm you are investigating' });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.data!;
}

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
  await setClock(START);
});

describe('the 8-hour acknowledgment clock', () => {
  it('posts exactly three comments at 50%, 75% and the deadline, however often the trigger runs', async () => {
    const view = await outreach();
    expect(view.obligations.outreaches[0]).toMatchObject({ state: 'running', dueAt: '2026-11-23T17:00:00.000Z' });
    await trigger();
    expect(await comments()).toHaveLength(0);
    for (const [hours, expected] of [[4, 1], [6, 2], [8, 3]] as const) {
      await setClock(new Date(Date.parse(START) + hours * HOUR + 60_000).toISOString());
      await Promise.all([trigger(), trigger()]);
      await trigger();
      expect(await comments(), `after ${hours} h`).toHaveLength(expected);
    }
    const all = await comments();
    expect(all.map((c) => c.properties[0]?.value.reminder.split(':')[1])).toEqual(['50', '75', 'deadline']);
    expect(text(all[2]!)).toMatch(/unilateral containment action, such as disabling the app/);
    const load = await panel<{ incident: View }>('partner-acme', 'load');
    expect(load.data?.incident.obligations.outreaches[0]?.state).toBe('breached');
    const history = await panel<{ entries: { action: string }[] }>('ir-analyst', 'history');
    expect(history.data?.entries.filter((e) => e.action === 'clock.reminder')).toHaveLength(3);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toMatchObject({ ok: true });
  });

  it('stops when the partner acknowledges before the deadline: no breach comment follows', async () => {
    const view = await outreach();
    await advance(4 * HOUR + 60_000);
    await trigger();
    expect(await comments()).toHaveLength(1);
    const acked = await panel<View>('partner-acme', 'acknowledge', { version: view.version + 2, outreachId: view.obligations.outreaches[0]!.id });
    expect(acked.ok, JSON.stringify(acked.error)).toBe(true);
    expect(acked.data?.obligations.outreaches[0]?.state).toBe('acknowledged');
    const stored = (await control<{ ackCheckAt?: string }>('/__local/store/get?entityName=incident&key=10001')).body;
    expect(stored.ackCheckAt).toBeUndefined();
    await advance(5 * HOUR);
    await trigger();
    await trigger();
    expect(await comments()).toHaveLength(1);
    const again = await panel('partner-acme', 'acknowledge', { version: acked.data!.version, outreachId: view.obligations.outreaches[0]!.id });
    expect(again.error?.code).toBe('CONFLICT');
  });

  it('refuses an outreach in the future, an acknowledgment before the outreach, and a mitigation without an owner', async () => {
    const start = await digest();
    const future = await panel('ir-analyst', 'recordOutreach', { version: 0, at: '2026-11-23T10:00:00Z', channel: 'email', message: 'x' });
    expect(future.error?.fields?.at).toMatch(/future/);
    // A day that does not exist is refused, not rolled over into March.
    const impossible = await panel('ir-analyst', 'recordOutreach', { version: 0, at: '2026-02-30T10:00:00Z', channel: 'email', message: 'x' });
    expect(impossible.error?.fields?.at).toMatch(/offset/);
    expect(await digest()).toBe(start);
    const view = await outreach();
    const before = await panel('ir-analyst', 'acknowledge', { version: view.version, outreachId: view.obligations.outreaches[0]!.id, at: '2026-11-23T08:00:00Z', note: 'phoned' });
    expect(before.error?.fields?.at).toMatch(/before the outreach/);
    const noOwner = await panel('partner-acme', 'saveMitigations', { version: view.version, mitigations: [{ id: 'rotate', kind: 'credential-rotation', description: 'Rotate OAuth secrets', owner: '', dueOn: '2026-11-24', status: 'planned' }] });
    expect(noOwner.error?.code).toBe('INVALID_INPUT');
    expect(noOwner.error?.fields?.['mitigations.0.owner']).toMatch(/owns/);
    expect((await panel('partner-acme', 'recordOutreach', { version: view.version, at: START, channel: 'email', message: 'x' })).error?.code).toBe('FORBIDDEN');
  });

  it('lets IR staff record an acknowledgment received elsewhere, with a note', async () => {
    const view = await outreach();
    await advance(HOUR);
    const r = await panel<View>('ir-analyst', 'acknowledge', { version: view.version, outreachId: view.obligations.outreaches[0]!.id, at: '2026-11-23T09:30:00Z', note: 'Acknowledged by phone' });
    expect(r.data?.obligations.outreaches[0]?.ack).toMatchObject({ at: '2026-11-23T09:30:00.000Z', via: 'ir', note: 'Acknowledged by phone' });
    expect(r.data?.obligations.checklist.items.find((i) => i.key === 'outreach-acknowledged')?.status).toBe('done');
  });

  it('re-indexes an incident whose reminders the settings removed, instead of looking at it on every run', async () => {
    await outreach();
    const stored = async () => (await control<{ ackCheckAt?: string }>('/__local/store/get?entityName=incident&key=10001')).body.ackCheckAt;
    expect(await stored()).toBe('2026-11-23T13:00:00.000Z');
    // The admin drops the 50% and 75% reminders: only the deadline is left.
    const settings = { ...VALID_SETTINGS, clock: { ...VALID_SETTINGS.clock, reminderThresholds: [] } };
    expect((await invoke('jira-admin', MODULES.admin, 'save', { version: 1, settings })).ok).toBe(true);
    await advance(4 * HOUR + 60_000);
    await trigger();
    expect(await comments()).toHaveLength(0);
    expect(await stored()).toBe('2026-11-23T17:00:00.000Z');
    await advance(4 * HOUR);
    await trigger();
    expect((await comments()).map((c) => c.properties[0]?.value.reminder.split(':')[1])).toEqual(['deadline']);
  });
});
