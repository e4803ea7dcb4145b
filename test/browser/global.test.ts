import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { control, hostUrl, invoke, MODULES, panel, reset } from '../support/client';
import { appFrame, hostFlag, moduleLinks, open, withBrowser } from '../support/browser';
import { configureSite } from '../support/directory';

const browser = withBrowser();

const globalPath = async () => (await moduleLinks(browser())).global;

async function openGlobal(as: string, search = '', theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; frame: Awaited<ReturnType<typeof appFrame>> }> {
  const page = await open(browser(), `${await globalPath()}${search}`, as, theme);
  const frame = await appFrame(page);
  await frame.locator('main h1').waitFor();
  return { page, frame };
}

const triage = { notify: { triggers: ['app-compromised'], exclusions: [], bugBountyCriticalHighImpact: false }, support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: false, securityEventConfirmed: true, severity: 'high' }, override: null };

describe('global page in the browser', () => {
  it('a partner reports an incident: the ticket is restricted to the partner and IR, the panel opens on it, IR see it under Needs triage', async () => {
    await reset();
    await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
    await configureSite();
    const { page, frame } = await openGlobal('partner-acme');
    await frame.getByTestId('inbox-title').or(frame.getByRole('heading', { name: 'Your incidents and what each needs from you' })).first().waitFor();
    await frame.getByTestId('report-open').click();
    const form = frame.getByTestId('report-form');
    await form.getByLabel('Title').fill('Timesheets tokens seen in a public paste');
    await form.getByLabel('Affected app').selectOption({ label: 'Acme Timesheets' });
    await form.getByLabel('What happened').fill('Our OAuth tokens for production appeared in a public paste site.');
    await form.getByLabel(/Customer data that flows through your app/).check();
    await expect.poll(() => form.getByTestId('notify-decision').innerText()).toMatch(/^Notify Atlassian\./);
    // Contacts come prefilled from Acme's directory entry.
    expect(await form.getByLabel('Name').first().inputValue()).toBe('Priya Acheson');
    await form.getByTestId('report-submit').click();
    await page.waitForURL(/\/browse\/SEC-\d+$/);
    const key = page.url().split('/').pop()!;
    expect(key).toBe('SEC-4');
    const issue = (await (await fetch(`${hostUrl()}/__local/jira/issue?issueKey=${key}`)).json()) as { securityLevel: string };
    expect(issue.securityLevel).toBe('Acme and IR');
    const pf = await appFrame(page);
    // The panel opens on its Overview; the report is one tab along.
    await pf.getByRole('tab', { name: 'Report' }).click();
    await expect.poll(async () => (await pf.getByLabel('What happened').inputValue().catch(() => ''))).toBe('Our OAuth tokens for production appeared in a public paste site.');
    await pf.getByRole('tab', { name: 'Triage' }).click();
    await expect.poll(() => pf.getByTestId('notify-decision').innerText()).toMatch(/Notify Atlassian/);
    await page.context().close();

    // Globex cannot see it; IR staff find it under Needs triage.
    expect((await panel('partner-globex', 'load', {}, key)).ok).toBe(false);
    const globex = await open(browser(), `/browse/${key}`, 'partner-globex');
    expect(await globex.getByRole('heading', { level: 1 }).innerText()).toBe('Issue does not exist');
    await globex.context().close();
    const ir = await openGlobal('ir-analyst');
    await ir.frame.getByTestId('incidents').waitFor();
    expect(await ir.frame.getByRole('tab', { name: 'Needs triage' }).getAttribute('aria-selected')).toBe('true');
    expect(await ir.frame.getByTestId('incident-row').locator('td:first-child').allInnerTexts()).toContain(key);
    await ir.page.context().close();
  });

  it('IR staff find the partner in the report form by name and report for it', async () => {
    await reset();
    await configureSite();
    const { page, frame } = await openGlobal('ir-analyst');
    await frame.getByTestId('report-open').click();
    const form = frame.getByTestId('report-form');
    await form.getByLabel('Find a partner').fill('glob');
    await expect.poll(async () => (await form.getByLabel('Partner', { exact: true }).locator('option').allInnerTexts()).join('|')).toBe('Choose…|Globex');
    await form.getByLabel('Partner', { exact: true }).selectOption({ label: 'Globex' });
    // The choice stays when the search changes.
    await form.getByLabel('Find a partner').fill('acme');
    await expect.poll(async () => (await form.getByLabel('Partner', { exact: true }).locator('option').allInnerTexts()).join('|')).toBe('Choose…|Globex|Acme');
    await form.getByLabel('Title').fill('Globex charts leaking share links');
    await form.getByLabel('Affected app').selectOption({ label: 'Globex Charts' });
    await form.getByTestId('report-submit').click();
    await page.waitForURL(/\/browse\/SEC-\d+$/);
    const key = page.url().split('/').pop()!;
    const issue = (await (await fetch(`${hostUrl()}/__local/jira/issue?issueKey=${key}`)).json()) as { securityLevel: string };
    expect(issue.securityLevel).toBe('Globex and IR');
    await page.context().close();
  });

  it('keeps the view, its filters and sort in the URL; the same link opens the same view; the JQL link matches it', async () => {
    await reset();
    await configureSite();
    for (const k of ['SEC-1', 'SEC-2']) expect((await panel('ir-analyst', 'saveTriage', { version: 1, triage }, k)).ok).toBe(true);
    const { page, frame } = await openGlobal('ir-analyst');
    await frame.getByRole('tab', { name: 'Open' }).click();
    const keys = () => frame.getByTestId('incident-row').locator('td:first-child').allInnerTexts();
    await expect.poll(keys).toEqual(['SEC-2', 'SEC-1']);
    await frame.getByTestId('sort-key').click();
    await expect.poll(keys).toEqual(['SEC-1', 'SEC-2']);
    await frame.getByTestId('sort-key').click();
    await expect.poll(keys).toEqual(['SEC-2', 'SEC-1']);
    await frame.getByLabel('Support level').selectOption('joint');
    await expect.poll(() => page.url()).toMatch(/\?view=open&sort=key\.desc&level=joint/);
    const link = page.url();
    const api = await invoke<{ jql: string }>('ir-analyst', MODULES.global, 'queue', { view: 'open', sort: { field: 'key', dir: 'desc' }, supportLevel: 'joint' });
    const linked = async () => decodeURIComponent((await frame.getByTestId('jql-link').getAttribute('href'))!.split('jql=')[1]!);
    await expect.poll(linked).toBe(api.data!.jql);
    const jql = await linked();
    expect(jql).toMatch(/incidentSupportLevel = "joint" ORDER BY key DESC$/);
    // IR staff's charts live in their own tab, which has its own link too.
    await frame.getByRole('tab', { name: 'Insights' }).click();
    await frame.getByTestId('chart-phase').waitFor();
    await expect.poll(() => page.url()).toMatch(/\?view=insights/);
    await page.context().close();

    // A fresh page (another browser context) on the same link.
    const again = await browser().newContext();
    const p2 = await again.newPage();
    await p2.goto(link);
    const f2 = await appFrame(p2);
    await f2.getByTestId('incidents').waitFor();
    expect(await f2.getByRole('tab', { name: 'Open' }).getAttribute('aria-selected')).toBe('true');
    expect(await f2.getByLabel('Support level').inputValue()).toBe('joint');
    expect(await f2.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    expect(await f2.getByTestId('incident-row').locator('td:first-child').allInnerTexts()).toEqual(['SEC-2', 'SEC-1']);
    expect(decodeURIComponent((await f2.getByTestId('jql-link').getAttribute('href'))!.split('jql=')[1]!)).toBe(jql);
    // Jira's search finds the same tickets with that JQL.
    await p2.goto(`${hostUrl()}/issues/?jql=${encodeURIComponent(jql)}&as=ir-analyst`);
    expect(await p2.getByTestId('search-results').locator('a').allInnerTexts()).toEqual(['SEC-2', 'SEC-1']);
    // A link naming a view that does not exist says so, and shows the default view.
    await p2.goto(`${link.replace('view=open', 'view=everything')}`);
    const f3 = await appFrame(p2);
    await expect.poll(() => f3.getByTestId('link-problem').innerText()).toMatch(/view that does not exist/);
    await again.close();
  });

  it('lists to IR staff the incidents whose Jira issue the app cannot see, and checks one again', async () => {
    // An incident whose issue was deleted, as the sweep marks it.
    await control('/__local/store/put', { key: '99999', entityName: 'incident', value: { issueId: '99999', issueKey: 'SEC-99999', version: 1, doc: { summary: 'Deleted ticket' }, auditSeq: 0, auditHash: '0'.repeat(64), updatedAt: '2026-11-23T09:00:00.000Z', orphanedAt: '2026-11-23T09:05:00.000Z' } });
    const home = await open(browser(), await globalPath(), 'ir-analyst');
    const frame = await appFrame(home);
    // Orphaned incidents are listed with IR staff's insights.
    await frame.getByRole('tab', { name: 'Insights' }).click();
    const orphaned = frame.getByTestId('orphaned');
    await orphaned.waitFor();
    expect(await orphaned.innerText()).toMatch(/SEC-99999.*Deleted ticket/s);
    // Checking again says the app still cannot see it (the ticket is gone), and keeps it listed.
    await frame.getByRole('button', { name: 'Check SEC-99999 again' }).click();
    await hostFlag(home, "The app still can't see SEC-99999");
    expect(await orphaned.innerText()).toMatch(/SEC-99999/);
    await home.context().close();
  });
});
