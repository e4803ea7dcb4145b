import { beforeAll, describe, expect, it } from 'vitest';
import { control, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { hostFlag, openPanel, withBrowser } from '../support/browser';

const browser = withBrowser();
beforeAll(async () => {
  await configureSite();
});

describe('log sharing in the browser', () => {
  it('a partner proposes a request that includes source IPs and sees that legal approval is required', async () => {
    await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
    const loaded = await panel<{ incident: { version: number } }>('ir-analyst', 'load');
    const saved = await panel('ir-analyst', 'saveReport', { version: loaded.data!.incident.version, report: { timeline: { firstObservedAt: '2026-11-20T10:00:00Z' } } });
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
    expect(stored.data?.incident.logSharing.requests).toEqual([expect.objectContaining({ state: 'proposed', legalApprovalRequired: true, includes: { accountIds: false, sourceIps: true, emailDomains: false, otherPersonalData: false, userGeneratedContent: false } })]);
    await page.context().close();
  });

  it('asks about other personal data and user-generated content, each of which needs legal approval', async () => {
    await reset();
    await configureSite({ link: false });
    await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
    await panel('ir-analyst', 'saveReport', { version: 0, report: { timeline: { firstObservedAt: '2026-11-20T10:00:00Z' } } });
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Log sharing' }).click();
    const form = frame.getByTestId('propose-log-request');
    await form.waitFor();
    for (const label of [/Other personal data/, /User-generated content/]) {
      const box = form.getByLabel(label);
      await box.check();
      expect(await form.getByTestId('legal-required').count(), String(label)).toBe(1);
      await box.uncheck();
      expect(await form.getByTestId('legal-required').count(), String(label)).toBe(0);
    }
    await form.getByLabel('Log category').selectOption('runtime-deployment-webhook');
    await form.getByLabel('App key').fill('acme-timesheets');
    await form.getByLabel('Environment').fill('production');
    await form.getByLabel('Window start').fill('2026-11-19T00:00');
    await form.getByLabel('Window end').fill('2026-11-22T00:00');
    await form.getByLabel(/User-generated content/).check();
    await form.getByLabel("How these logs serve this incident's investigation").fill('Which comments the app read');
    await form.getByRole('button', { name: 'Propose request' }).click();
    await hostFlag(page, 'Log request proposed');
    expect(await frame.getByTestId('log-request').innerText()).toMatch(/user-generated content/);
    const stored = await panel<{ incident: { logSharing: { requests: { legalApprovalRequired: boolean; includes: Record<string, boolean> }[] } } }>('ir-analyst', 'load');
    expect(stored.data?.incident.logSharing.requests[0]).toMatchObject({ legalApprovalRequired: true, includes: { userGeneratedContent: true, otherPersonalData: false } });
    await page.context().close();
  });

  it('refuses to record the delivery until Legal/Privacy decided, with an approver and a reference', async () => {
    // The request of the first test, which includes source IPs: IR accept it and ask Legal/Privacy.
    type View = { incident: { version: number; logSharing: { requests: { id: string; state: string }[] } } };
    let cur = (await panel<View>('ir-analyst', 'load')).data!.incident;
    const id = cur.logSharing.requests[0]!.id;
    for (const decision of ['accept', 'request-legal-approval']) {
      const r = await panel<View['incident']>('ir-analyst', 'decideLogRequest', { version: cur.version, requestId: id, decision, note: '', internalNote: '' });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      cur = r.data!;
    }
    // No way around it on the server either: delivery now is refused, and so is a bare approval.
    const early = await panel('ir-analyst', 'deliverLogRequest', { version: cur.version, requestId: id, reference: 'SFX-9' });
    expect(early.error?.code).toBe('CONFLICT');
    expect((await panel('ir-analyst', 'decideLogRequest', { version: cur.version, requestId: id, decision: 'approve-legal', note: '', internalNote: '' })).error?.code).toBe('INVALID_INPUT');

    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByRole('tab', { name: 'Log sharing' }).click();
    const item = frame.getByTestId('log-request');
    expect(await item.getByTestId('legal-required').innerText()).toMatch(/Waiting for Legal\/Privacy/);
    expect(await item.getByRole('button', { name: 'Record delivery' }).count()).toBe(0);
    const form = item.getByTestId('legal-decision-form');
    await form.getByLabel(/^Decision/).selectOption('approved');
    await form.getByLabel('Find the approver').fill('ada');
    await form.getByLabel(/^Approver( \*)?$/).locator('option', { hasText: 'Ada Admin' }).waitFor({ state: 'attached' });
    await form.getByLabel(/^Approver( \*)?$/).selectOption({ label: 'Ada Admin' });
    await form.getByLabel('Day of the decision').fill('2026-11-23');
    // Without a reference the decision cannot be recorded.
    expect(await form.getByTestId('record-legal-decision').isDisabled()).toBe(true);
    await form.getByLabel(/^Reference/).fill('PRIV-4242');
    await form.getByTestId('record-legal-decision').click();
    await hostFlag(page, 'Legal/Privacy approval recorded');
    expect(await item.getByTestId('legal-decision').innerText()).toMatch(/Approved by Ada Admin on 23 Nov 2026, ref PRIV-4242/);

    await item.getByLabel('Secure file exchange reference').fill('https://sfx.atlassian.example/d/1');
    await item.getByRole('button', { name: 'Record delivery' }).click();
    await hostFlag(page, 'Delivery recorded');
    // After delivery the approval is evidence, no longer a warning.
    expect(await item.getByTestId('legal-required').count()).toBe(0);
    expect(await item.getByTestId('legal-decision').getAttribute('class')).toContain('status-done');
    await page.context().close();
  });
});
