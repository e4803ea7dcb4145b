import { beforeAll, describe, expect, it } from 'vitest';
import { hostFlag, openPanel, withBrowser } from '../support/browser';
import { setQuota } from '../support/client';
import { configureSite } from '../support/directory';

const browser = withBrowser();
beforeAll(async () => {
  await configureSite();
});

describe('incident report in the browser', () => {
  it('lets a partner fill the report; IR staff reload and see the values and the history entry', async () => {
    const partner = await openPanel(browser(), 'partner-acme');
    let frame = partner.frame;
    await frame.getByRole('tab', { name: 'Report' }).click();
    // Partners never see the IR-internal notes.
    expect(await frame.getByTestId('save-ir-notes').count()).toBe(0);
    await frame.getByLabel('What happened').fill('Debug endpoint leaked OAuth tokens');
    await frame.getByLabel('Forge app ID').fill('not-a-uuid');
    await frame.getByLabel('Suspected data exposure type').selectOption('credentials-or-tokens');
    await frame.getByTestId('report-primary').getByLabel('Email').fill('priya@acme.example');
    await frame.getByTestId('save-report').click();
    await frame.getByText(/Enter the Forge app ID/).waitFor();
    await frame.getByLabel('Forge app ID').fill('3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c');
    await frame.getByTestId('save-report').click();
    await hostFlag(partner.page, 'Report saved');
    await partner.page.context().close();

    const ir = await openPanel(browser(), 'ir-analyst');
    frame = ir.frame;
    await frame.getByRole('tab', { name: 'Report' }).click();
    expect(await frame.getByLabel('What happened').inputValue()).toBe('Debug endpoint leaked OAuth tokens');
    expect(await frame.getByLabel('Forge app ID').inputValue()).toBe('3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c');
    expect(await frame.getByTestId('report-primary').getByLabel('Email').inputValue()).toBe('priya@acme.example');
    // Activity loads when its tab opens: names, field labels and values in words, no stored paths.
    await frame.getByRole('tab', { name: 'Activity' }).click();
    const entry = frame.getByTestId('history-entry').first();
    await entry.waitFor();
    expect(await entry.innerText()).toMatch(/Pat Acheson \(Acme Apps\) edited the report just now/);
    expect(await entry.innerText()).toContain('What happened: empty → Debug endpoint leaked OAuth tokens');
    expect(await entry.innerText()).not.toMatch(/summary\.whatHappened/);
    await ir.page.context().close();
  });

  it('adds pasted indicators, shows them defanged, and lists the lines it could not read', async () => {
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    await frame.getByRole('tab', { name: /Indicators/ }).click();
    await frame.getByTestId('ioc-paste').fill('https://evil.example.com/x\nnonsense here\n203.0.113.7');
    await frame.getByRole('button', { name: 'Add indicators' }).click();
    await frame.getByTestId('paste-result').waitFor();
    expect(await frame.getByTestId('paste-result').innerText()).toMatch(/2 added.*1 not recognised.*Line 2/s);
    expect(await frame.getByTestId('indicator-row').count()).toBe(2);
    expect(await frame.getByTestId('indicator-row').first().innerText()).toContain('hxxps://evil[.]example[.]com/x');
    await page.context().close();
  });

  it('saves when the site\u2019s write quota for the minute is spent: the panel waits for the next window and sends again', async () => {
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Report' }).click();
    // One write unit a 3-second window: the first save spends it, the second is refused (429) until the next.
    await setQuota({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 1, windowMs: 3000 });
    await frame.getByLabel('Current status').fill('Contained');
    await frame.getByTestId('save-report').click();
    await hostFlag(page, 'Report saved');
    await frame.getByLabel('Current status').fill('Contained; monitoring');
    await frame.getByTestId('save-report').click();
    await page.locator('#flags').getByText('Report saved').nth(1).waitFor({ timeout: 20_000 });
    expect(await page.locator('#flags').getByText(/busy|Nothing was saved/).count()).toBe(0);
    await setQuota({ readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 });
    await page.context().close();
  }, 40_000);
});
