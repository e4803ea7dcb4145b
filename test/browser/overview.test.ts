import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { control, panel } from '../support/client';
import { hostFlag, openPanel, withBrowser } from '../support/browser';
import { configureSite } from '../support/directory';

const browser = withBrowser();
// SEC-1 is Acme's: its partner people edit, IR staff run it.
beforeAll(async () => {
  await configureSite();
});
const START = Date.parse('2026-11-24T09:00:00.000Z'); // a Tuesday: no weekend pause on any calendar
const comments = async () => (await control<unknown[]>('/__local/jira/comments?issueKey=SEC-1')).body;

/** Entirely inside the page's viewport (1280×800), i.e. seen without scrolling. */
async function onFirstScreen(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width;
}

async function loadedVersion(): Promise<number> {
  const r = await panel<{ incident: { version: number } }>('ir-analyst', 'load');
  return r.data!.incident.version;
}

describe('the Overview: first screen = next action', () => {
  it('shows a partner the clock, the Acknowledge button and what they owe without scrolling, and acknowledges from there', async () => {
    await control('/__local/clock', { now: new Date(START).toISOString() });
    const r = await panel('ir-analyst', 'recordOutreach', { version: await loadedVersion(), at: new Date(START).toISOString(), channel: 'email', message: 'Please acknowledge' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    await control('/__local/clock', { now: new Date(START + 150_000).toISOString() });

    const { page, frame } = await openPanel(browser(), 'partner-acme');
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
    expect(await frame.getByRole('tab', { selected: true }).innerText()).toBe('Overview');
    const clock = frame.getByTestId('sla');
    const ack = frame.getByRole('button', { name: 'Acknowledge', exact: true });
    const owed = frame.getByTestId('owed');
    expect(await frame.getByTestId('sla-remaining').innerText()).toBe('7h 57m of 8h');
    expect(await owed.innerText()).toMatch(/Acknowledge Atlassian's outreach · due/);
    for (const el of [clock, ack, owed.locator('li').first(), frame.getByTestId('support-line')]) expect(await onFirstScreen(page, el)).toBe(true);

    await ack.click();
    // The confirmation is Jira's flag, raised through the bridge and drawn by the host page, not inside the frame.
    await hostFlag(page, /^Acknowledged/);
    expect(await frame.locator('.flag').count()).toBe(0);
    expect(await frame.getByTestId('sla').innerText()).toMatch(/^Acknowledged ·/);
    expect(await frame.getByTestId('saved-note').innerText()).toMatch(/Saved · just now/);
    await page.context().close();
  });

  it("summarizes the clock and what is owed in Jira's right-hand column (jira:issueContext)", async () => {
    const { page } = await openPanel(browser(), 'partner-acme');
    const handle = await page.waitForSelector('[data-testid="issue-context"] iframe.forge-frame');
    const ctx = (await handle.contentFrame())!;
    await ctx.getByTestId('context-clock').waitFor();
    expect(await ctx.getByTestId('sla').innerText()).toMatch(/^Acknowledged ·/);
    expect(await ctx.getByTestId('context-owed').innerText()).toMatch(/Notify your customers/);
    expect(await ctx.getByRole('heading', { level: 1 }).innerText()).toBe('Security incident');
    // Right of the panel, as Jira lays out the issue view.
    const panelBox = (await page.locator('.issue-panel iframe').boundingBox())!;
    const ctxBox = (await handle.boundingBox())!;
    expect(ctxBox.x).toBeGreaterThan(panelBox.x + panelBox.width);
    await page.context().close();
  });

  it('keeps an unsaved report edit across tab switches, does not save on Enter, and shows a flag on save', async () => {
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Report' }).click();
    await frame.getByLabel('App name').fill('Acme Timesheets (draft)');
    await frame.getByLabel('App name').press('Enter');
    // Enter in a field of a multi-field form does not send it.
    await page.waitForTimeout(300);
    expect(await page.locator('#flags').getByText('Report saved').count()).toBe(0);
    expect(await frame.getByRole('tab', { name: 'Report •' }).count()).toBe(1);

    await frame.getByRole('tab', { name: /Indicators/ }).click();
    // Kept, out of sight: only the selected tab's panel shows.
    expect(await frame.getByLabel('App name').isVisible()).toBe(false);
    await frame.getByRole('tab', { name: 'Overview' }).click();
    expect(await frame.getByLabel('App name').isVisible()).toBe(false);
    await frame.getByRole('tab', { name: /^Report/ }).click();
    expect(await frame.getByLabel('App name').inputValue()).toBe('Acme Timesheets (draft)');

    await frame.getByTestId('save-report').click();
    await hostFlag(page, 'Report saved');
    expect(await frame.getByRole('tab', { name: 'Report', exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('closes through a dialog that lists what is outstanding; once closed, no reminder is posted', async () => {
    await control('/__local/reset', {});
    await configureSite();
    await control('/__local/clock', { now: new Date(START).toISOString() });
    const r = await panel('ir-analyst', 'recordOutreach', { version: await loadedVersion(), at: new Date(START).toISOString(), channel: 'email', message: 'Please acknowledge' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    await control('/__local/clock', { now: new Date(START + 60 * 60_000).toISOString() });

    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByTestId('close-incident').click();
    const dialog = frame.getByRole('dialog', { name: 'Close this incident?' });
    await dialog.waitFor();
    const outstanding = await dialog.getByTestId('outstanding').innerText();
    expect(outstanding).toMatch(/1 outreach is not acknowledged by the partner/);
    expect(outstanding).toMatch(/The root cause analysis has not been provided/);
    expect(outstanding).toMatch(/No customer notification is recorded/);
    const confirm = dialog.getByTestId('confirm-close');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Resolution').selectOption('resolved');
    await dialog.getByLabel('Summary').fill('Tokens rotated, debug endpoint removed');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Close it anyway/).check();
    await confirm.click();
    await hostFlag(page, /Incident closed/);
    expect(await frame.getByTestId('sla').innerText()).toMatch(/Clock stopped/);
    expect(await frame.getByTestId('close-incident').count()).toBe(0);
    await page.context().close();

    // Past 50%, 75% and the deadline: the trigger finds nothing to remind about.
    for (const hours of [4.5, 6.5, 9]) {
      await control('/__local/clock', { now: new Date(START + hours * 3_600_000).toISOString() });
      await control('/__local/triggers/timers', {});
    }
    expect(await comments()).toHaveLength(0);
  });
});

export type { Frame };
