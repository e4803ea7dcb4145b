import { beforeAll, describe, expect, it } from 'vitest';
import { hostFlag, openPanel, withBrowser } from '../support/browser';
import { configureSite } from '../support/directory';

const browser = withBrowser();
beforeAll(async () => {
  await configureSite();
});

describe('triage in the browser', () => {
  it("shows joint collaboration with full telemetry for a Platinum partner's Forge app, and platform-level data for Connect", async () => {
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByRole('tab', { name: 'Triage' }).click();
    await frame.getByTestId('assessment').waitFor();
    await frame.getByLabel('Partner tier').selectOption('platinum');
    await frame.getByLabel('Framework').selectOption('forge');
    await frame.getByLabel('Security event confirmed by Atlassian').check();
    await frame.getByTestId('save-triage').click();
    await hostFlag(page, 'Triage saved');
    expect(await frame.getByTestId('collaboration').innerText()).toBe('Joint incident response');
    expect(await frame.getByTestId('data-scope').innerText()).toBe('Full platform telemetry');
    expect(await frame.getByTestId('channel-real-time-chat').count()).toBe(1);

    await frame.getByLabel('Framework').selectOption('connect');
    expect(await frame.getByTestId('data-scope').innerText()).toBe('Platform-level data only');
    expect(await frame.getByTestId('visibility').innerText()).toMatch(/your own backend logs/);
    await page.context().close();

    // Partners see the saved result and its reasons, read-only.
    const { page: partner, frame: pf } = await openPanel(browser(), 'partner-acme');
    await pf.getByRole('tab', { name: 'Triage' }).click();
    await pf.getByTestId('assessment').waitFor();
    expect(await pf.getByTestId('collaboration').innerText()).toBe('Joint incident response');
    // Partners read triage: values in words, not disabled controls that Tab skips.
    expect(await pf.getByTestId('triage-read').innerText()).toMatch(/Framework\s*Forge/);
    expect(await pf.locator('section[aria-labelledby="support-h"] :is(input, select), section[aria-labelledby="notify-h"] :is(input, select)').count()).toBe(0);
    expect(await pf.getByTestId('notify-read').innerText()).toMatch(/Security event confirmed|as Atlassian IR assessed it/);
    expect(await pf.getByTestId('save-triage').count()).toBe(0);
    await partner.context().close();
  });
});
