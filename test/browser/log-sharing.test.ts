import { describe, expect, it } from 'vitest';
import { control, panel } from '../support/client';
import { hostFlag, openPanel, withBrowser } from '../support/browser';

const browser = withBrowser();

describe('log sharing in the browser', () => {
  it('a partner proposes a request that includes source IPs and sees that legal approval is required', async () => {
    await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
    const saved = await panel('ir-analyst', 'saveReport', { version: 0, report: { timeline: { firstObservedAt: '2026-11-20T10:00:00Z' } } });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);

    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Log sharing' }).click();
    const form = frame.getByTestId('propose-log-request');
    await form.waitFor();
    expect(await frame.getByTestId('log-request').count()).toBe(0);
    expect(await form.getByTestId('legal-required').count()).toBe(0);

    await form.getByLabel('Log category').selectOption('runtime-deployment-webhook');
    await form.getByLabel('App key').fill('acme-timesheets');
    await form.getByLabel('Environment').fill('production');
    await form.getByLabel('Window start').fill('2026-11-19T00:00');
    await form.getByLabel('Window end').fill('2026-11-22T00:00');
    await form.getByLabel('Source IP addresses').check();
    // Shown as soon as customer data is ticked, before anything is sent.
    expect(await form.getByTestId('legal-required').innerText()).toMatch(/Legal\/Privacy approval required — expected a few business days/);
    await form.getByLabel("How these logs serve this incident's investigation").fill('Trace webhook triggers fired from unknown IPs during the token theft');
    await form.getByRole('button', { name: 'Propose request' }).click();

    await hostFlag(page, 'Log request proposed');
    const item = frame.getByTestId('log-request');
    expect(await item.count()).toBe(1);
    expect(await item.getByTestId('log-request-state').innerText()).toMatch(/proposed/i);
    expect(await item.getByTestId('legal-required').innerText()).toMatch(/Legal\/Privacy approval required — expected a few business days/);
    expect(await item.innerText()).toMatch(/source ip addresses/);
    // Partners cannot decide their own requests.
    expect(await item.getByTestId('ir-actions').count()).toBe(0);

    const stored = await panel<{ incident: { logSharing: { requests: { state: string; legalApprovalRequired: boolean; includes: { sourceIps: boolean } }[] } } }>('ir-analyst', 'load');
    expect(stored.data?.incident.logSharing.requests).toEqual([expect.objectContaining({ state: 'proposed', legalApprovalRequired: true, includes: { accountIds: false, sourceIps: true, emailDomains: false } })]);
    await page.context().close();
  });
});
