import { beforeAll, describe, expect, it } from 'vitest';
import { control, panel } from '../support/client';
import { hostFlag, openPanel, withBrowser } from '../support/browser';
import { configureSite } from '../support/directory';

const browser = withBrowser();
beforeAll(async () => {
  await configureSite();
});

const START = Date.parse('2026-11-23T09:00:00.000Z');

describe('acknowledgment clock in the browser', () => {
  it('shows the countdown ticking, and a partner acknowledges with one click', async () => {
    await control('/__local/clock', { now: new Date(START).toISOString() });
    const loaded = await panel<{ incident: { version: number } }>('ir-analyst', 'load');
    const r = await panel('ir-analyst', 'recordOutreach', { version: loaded.data!.incident.version, at: new Date(START).toISOString(), channel: 'email', message: 'Please acknowledge' });
    expect(r.ok).toBe(true);
    // 57 s into the window: the countdown reads 7h 59m, then crosses to 7h 58m a few seconds later.
    await control('/__local/clock', { now: new Date(START + 57_000).toISOString() });
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    // The Overview is the first tab: the clock as Jira Service Management shows an SLA, remaining of the goal.
    const countdown = frame.getByTestId('sla');
    await countdown.waitFor();
    expect(await frame.getByTestId('sla-remaining').innerText()).toBe('7h 59m of 8h');
    await frame.getByTestId('sla-remaining').getByText('7h 58m of 8h').waitFor({ timeout: 10_000 });
    expect(await countdown.getAttribute('class')).toContain('sla-neutral');

    await frame.getByTestId('acknowledge').click();
    await hostFlag(page, /^Acknowledged/);
    expect(await frame.getByTestId('sla').innerText()).toMatch(/^Acknowledged ·/);
    expect(await frame.getByTestId('sla-remaining').count()).toBe(0);
    expect(await frame.getByTestId('responsibilities').innerText()).toMatch(/Acknowledge Atlassian's outreach\s*DONE/i);

    const rca = frame.getByTestId('root-cause');
    await rca.getByLabel('Status').selectOption('provided');
    await rca.getByLabel('Reference (document or link)').fill('https://acme.example/rca/2026-11');
    await rca.getByRole('button', { name: 'Save' }).click();
    await hostFlag(page, 'Root cause analysis updated');
    expect(await frame.getByTestId('responsibilities').innerText()).toMatch(/Provide a root cause analysis\s*DONE/i);
    await page.context().close();
  });
});
