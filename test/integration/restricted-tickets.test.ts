import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset } from '../support/client';

interface SiteCheck {
  incidents: number;
  complete: boolean;
  hidden: { issueKey: string; project: string }[];
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

  it('answers the site check to Jira admins only', async () => {
    for (const as of ['ir-analyst', 'partner-acme', 'outsider'] as const) {
      expect((await invoke(as, MODULES.admin, 'siteCheck')).error?.code).toBe('FORBIDDEN');
    }
  });
});
