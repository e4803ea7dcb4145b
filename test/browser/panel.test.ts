import { describe, expect, it } from 'vitest';
import { appFrame, open, withBrowser } from '../support/browser';
import { panel } from '../support/client';

const browser = withBrowser();

describe('issue panel in the browser', () => {
  it.each([
    ['ir-analyst', 'Ines Ramos (Atlassian IR)', 'Atlassian IR staff'],
    ['partner-acme', 'Pat Acheson (Acme Apps)', 'Partner'],
  ])('shows %s their own resolver answer on /browse/SEC-1', async (persona, name, role) => {
    const page = await open(browser(), '/browse/SEC-1', persona);
    const frame = await appFrame(page);
    await frame.getByTestId('viewer').waitFor();
    expect(await frame.getByTestId('viewer').innerText()).toContain(name);
    expect((await frame.getByTestId('role').innerText()).toLowerCase()).toBe(role.toLowerCase());
    expect(await frame.getByTestId('issue').innerText()).toContain('SEC-1');
    await page.context().close();
  });

  it('does not show the panel to someone who cannot browse the issue', async () => {
    const page = await open(browser(), '/browse/SEC-1', 'partner-globex');
    expect(await page.locator('iframe.forge-frame').count()).toBe(0);
    expect(await page.innerText('main')).toContain('does not exist');
    await page.context().close();
  });

  it('shows a read-only viewer the indicators without a way to add or change them', async () => {
    expect((await panel('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7' })).ok).toBe(true);
    const page = await open(browser(), '/browse/SEC-1', 'viewer-browse');
    const frame = await appFrame(page);
    await frame.getByTestId('read-only').waitFor();
    await frame.getByRole('tab', { name: /Indicators/ }).click();
    await frame.getByTestId('indicator-row').first().waitFor();
    expect(await frame.getByTestId('ioc-paste').count()).toBe(0);
    for (const name of [/^Save$/, /^Remove /]) expect(await frame.getByTestId('indicator-row').first().getByRole('button', { name }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('follows the dark theme with Atlassian design tokens', async () => {
    const page = await open(browser(), '/browse/SEC-1', 'ir-analyst', 'dark');
    const frame = await appFrame(page);
    await frame.getByTestId('viewer').waitFor();
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    const text = await frame.evaluate(() => getComputedStyle(document.body).color);
    const token = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim());
    expect(token).not.toBe('');
    // Light text on a dark surface.
    const [r] = text.match(/\d+/g)!.map(Number);
    expect(r!).toBeGreaterThan(150);
    await page.context().close();
  });
});
