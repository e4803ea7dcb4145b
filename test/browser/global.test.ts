import { describe, expect, it } from 'vitest';
import { control, panel } from '../support/client';
import { appFrame, open, withBrowser } from '../support/browser';

const browser = withBrowser();

describe('global page in the browser', () => {
  it('sorts and filters the incidents and opens one', async () => {
    await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
    for (const key of ['SEC-1', 'SEC-2', 'SEC-3']) await panel('ir-analyst', 'saveReport', { version: 0, report: { app: { name: `App of ${key}` } } }, key);
    await panel('ir-analyst', 'movePhase', { version: 1, phase: 'containment' }, 'SEC-2');
    await panel('ir-analyst', 'recordOutreach', { version: 1, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please acknowledge' }, 'SEC-3');

    const home = await open(browser(), '/', 'ir-analyst');
    const globalPath = (await home.$$eval('main a', (as) => as.map((a) => a.getAttribute('href') ?? ''))).find((h) => h.startsWith('/jira/apps/'))!;
    await home.goto(`${new URL(home.url()).origin}${globalPath}`);
    const frame = await appFrame(home);
    await frame.getByTestId('incidents').waitFor();
    const keys = async () => frame.getByTestId('incident-row').locator('td:first-child').allInnerTexts();
    // Overdue and at-risk first: the running clock leads.
    expect((await keys())[0]).toBe('SEC-3');
    expect((await keys()).sort()).toEqual(['SEC-1', 'SEC-2', 'SEC-3']);
    expect(await frame.getByTestId('row-clock').innerText()).toMatch(/left$/);
    await frame.getByTestId('chart-phase').waitFor();

    await frame.getByLabel('Sort', { exact: true }).selectOption('updated');
    await expect.poll(keys).toEqual(['SEC-3', 'SEC-2', 'SEC-1']);
    await frame.getByLabel('Phase', { exact: true }).selectOption('containment');
    await expect.poll(keys).toEqual(['SEC-2']);
    await frame.getByLabel('Phase', { exact: true }).selectOption('');
    await frame.getByLabel('Search by key or summary').fill('timesheets');
    await expect.poll(keys).toEqual(['SEC-1']);

    await frame.getByRole('link', { name: 'SEC-1' }).click();
    await home.waitForURL(/\/browse\/SEC-1$/);
    await home.context().close();
  });

  it('lists to IR staff the incidents whose Jira issue is gone', async () => {
    // An incident whose issue was deleted, as the sweep marks it.
    await control('/__local/store/put', { key: '99999', entityName: 'incident', value: { issueId: '99999', issueKey: 'SEC-99999', version: 1, doc: { summary: 'Deleted ticket' }, auditSeq: 0, auditHash: '0'.repeat(64), updatedAt: '2026-11-23T09:00:00.000Z', orphanedAt: '2026-11-23T09:05:00.000Z' } });
    const home = await open(browser(), '/', 'ir-analyst');
    const globalPath = (await home.$$eval('main a', (as) => as.map((a) => a.getAttribute('href') ?? ''))).find((h) => h.startsWith('/jira/apps/'))!;
    await home.goto(`${new URL(home.url()).origin}${globalPath}`);
    const frame = await appFrame(home);
    const orphaned = frame.getByTestId('orphaned');
    await orphaned.waitFor();
    expect(await orphaned.innerText()).toMatch(/SEC-99999.*Deleted ticket/s);
    await home.context().close();
  });
});
