import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset } from '../support/client';

interface SiteCheck {
  incidents: number;
  complete: boolean;
  hidden: { issueKey: string; project: string }[];
  revived: number;
  fix: string;
}
const HOUR = 3_600_000;
const START = '2026-11-23T09:00:00.000Z';
const APP_ROLE = 'role:atlassian-addons-project-access';
const setClock = (now: string) => control('/__local/clock', { now });
const trigger = () => control('/__local/triggers/timers', {});
const comments = async (key: string) => (await control<unknown[]>(`/__local/jira/comments?issueKey=${key}`)).body;
const property = async (key: string) => (await control<unknown>(`/__local/jira/property?issueKey=${key}&key=incident-response`)).body;
const setLevel = (issueKey: string, security: string[]) => control('/__local/jira/security', { issueKey, security });
const siteCheck = () => invoke<SiteCheck>('jira-admin', MODULES.admin, 'siteCheck');
const stored = async (id: string) => (await control<{ orphanedAt?: string; ackCheckAt?: string }>(`/__local/store/get?entityName=incident&key=${id}`)).body;
const recheck = (issueId: string) => invoke<{ visible: boolean }>('ir-analyst', MODULES.global, 'recheckOrphan', { issueId });
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

/** SEC-2 hidden from the app (its level lacks the role) while its reminder falls due: the sweep sets it aside. */
async function orphanSec2() {
  await setLevel('SEC-2', ['group:incident-response', 'group:partner-globex-security']);
  await outreach('SEC-2');
  await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
  await trigger();
  expect(await comments('SEC-2')).toHaveLength(0);
  const marked = await stored('10002');
  expect(marked.orphanedAt).toBeDefined();
  expect(marked.ackCheckAt).toBeUndefined();
}

async function outreach(issueKey: string) {
  const r = await panel('ir-analyst', 'recordOutreach', { version: 0, at: START, channel: 'email', message: 'Please confirm you are investigating' }, issueKey);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
}

beforeEach(async () => {
  await reset();
  await setClock(START);
});

// On Jira Cloud the app sees a ticket with an issue security level only when the level grants the app's
// project role; the local Jira applies the same rule to asApp calls.
describe('restricted tickets and the app', () => {
  it("serves tickets whose level includes the app's role: property written, reminder posted, site check clean", async () => {
    await outreach('SEC-1');
    expect(await property('SEC-1')).toMatchObject({ ackState: 'running', ackDueAt: '2026-11-23T17:00:00Z' });
    await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
    await trigger();
    expect(await comments('SEC-1')).toHaveLength(1);
    expect(await siteCheck()).toMatchObject({ ok: true, data: { incidents: 1, complete: true, hidden: [], fix: '' } });
  });

  it("hides a ticket from the app once its level lacks the role: no property, no reminder, and the site check names it and the fix", async () => {
    await setLevel('SEC-2', ['group:incident-response', 'group:partner-globex-security']);
    await outreach('SEC-1');
    await outreach('SEC-2');
    // People still see and use the ticket; only the app's own calls fail.
    expect((await panel('partner-globex', 'load', {}, 'SEC-2')).ok).toBe(true);
    expect(await property('SEC-2')).toBeNull();
    await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
    await trigger();
    expect(await comments('SEC-1')).toHaveLength(1);
    expect(await comments('SEC-2')).toHaveLength(0);

    const r = await siteCheck();
    expect(r.ok).toBe(true);
    expect(r.data?.incidents).toBe(2);
    expect(r.data?.hidden).toEqual([{ issueId: '10002', issueKey: 'SEC-2', project: 'SEC' }]);
    expect(r.data?.fix).toMatch(/Issue security schemes.*project SEC.*Project role: atlassian-addons-project-access/);

    // The fix: the level grants the role again, and the app sees the ticket.
    await setLevel('SEC-2', ['group:incident-response', 'group:partner-globex-security', APP_ROLE]);
    expect((await siteCheck()).data?.hidden).toEqual([]);
  });

  it('brings an incident the sweep set aside back into the reminders when the check after the fix sees its ticket', async () => {
    await orphanSec2();
    // Still hidden: the check names it and brings nothing back.
    expect((await siteCheck()).data).toMatchObject({ hidden: [{ issueKey: 'SEC-2' }], revived: 0 });
    await setLevel('SEC-2', ['group:incident-response', 'group:partner-globex-security', APP_ROLE]);
    expect((await siteCheck()).data).toMatchObject({ hidden: [], revived: 1 });
    const back = await stored('10002');
    expect(back.orphanedAt).toBeUndefined();
    expect(back.ackCheckAt).toBeDefined();
    await trigger();
    expect(await comments('SEC-2')).toHaveLength(1);
    // Once back, a later check has nothing to bring back.
    expect((await siteCheck()).data?.revived).toBe(0);
    expect((await panel('ir-analyst', 'verifyHistory', {}, 'SEC-2')).data).toMatchObject({ ok: true });
  });

  it("lets IR staff check an orphaned incident again: not while its ticket is hidden, back once the app sees it", async () => {
    await orphanSec2();
    const before = await digest();
    expect((await recheck('10002')).data).toEqual({ visible: false });
    expect(await digest()).toBe(before);
    await setLevel('SEC-2', ['group:incident-response', 'group:partner-globex-security', APP_ROLE]);
    expect((await recheck('10002')).data).toEqual({ visible: true });
    expect((await stored('10002')).orphanedAt).toBeUndefined();
    const stats = await invoke<{ orphaned: unknown[] }>('ir-analyst', MODULES.global, 'stats');
    expect(stats.data?.orphaned).toEqual([]);
    await trigger();
    expect(await comments('SEC-2')).toHaveLength(1);
    // An incident that is not set aside is refused, naming the field; only IR staff may ask.
    expect((await recheck('10002')).error).toMatchObject({ code: 'INVALID_INPUT', fields: { issueId: expect.stringMatching(/not listed/) } });
    expect((await invoke('partner-globex', MODULES.global, 'recheckOrphan', { issueId: '10002' })).error?.code).toBe('FORBIDDEN');
  });

  it('answers the site check to Jira admins only', async () => {
    for (const as of ['ir-analyst', 'partner-acme', 'outsider'] as const) {
      expect((await invoke(as, MODULES.admin, 'siteCheck')).error?.code).toBe('FORBIDDEN');
    }
  });
});
