import { describe, expect, it } from 'vitest';
import { control, panel } from '../support/client';
import { openPanel, withBrowser } from '../support/browser';

const browser = withBrowser();

const START = Date.parse('2026-11-23T09:00:00.000Z');

describe('acknowledgment clock in the browser', () => {
  it('shows the countdown ticking, and a partner acknowledges with one click', async () => {
    await control('/__local/clock', { now: new Date(START).toISOString() });
    const r = await panel('ir-analyst', 'recordOutreach', { version: 0, at: new Date(START).toISOString(), channel: 'email', message: 'Please acknowledge' });
    expect(r.ok).toBe(true);
    // 57 s into the window: the countdown reads 7h 59m, then crosses to 7h 58m a few seconds later.
    await control('/__local/clock', { now: new Date(START + 57_000).toISOString() });
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: /Acknowledgment/ }).click();
    const countdown = frame.getByTestId('countdown');
    await countdown.waitFor();
    expect(await countdown.innerText()).toMatch(/^7h 59m left/);
    await frame.getByText(/^7h 58m left/).waitFor({ timeout: 10_000 });
    expect(await countdown.getAttribute('class')).toContain('sla-neutral');

    await frame.getByTestId('acknowledge').click();
    await frame.getByTestId('flag').getByText('Acknowledgment recorded').waitFor();
    expect(await frame.getByTestId('ack-state').innerText()).toMatch(/^Acknowledged/);
    expect(await frame.getByTestId('countdown').count()).toBe(0);
    expect(await frame.getByTestId('responsibilities').innerText()).toMatch(/Acknowledge Atlassian's outreach\s*DONE/i);

    const rca = frame.getByTestId('root-cause');
    await rca.getByLabel('Status').selectOption('provided');
    await rca.getByLabel('Reference (document or link)').fill('https://acme.example/rca/2026-11');
    await rca.getByRole('button', { name: 'Save' }).click();
    await frame.getByTestId('flag').getByText('Root cause analysis updated').waitFor();
    expect(await frame.getByTestId('responsibilities').innerText()).toMatch(/Provide a root cause analysis\s*DONE/i);
    await page.context().close();
  });
});
