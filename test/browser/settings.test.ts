import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { control } from '../support/client';
import { appFrame, launch, open } from '../support/browser';

let browser: Browser;
let adminPath: string;
beforeAll(async () => {
  browser = await launch();
  const page = await open(browser, '/', 'jira-admin');
  adminPath = (await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href') ?? ''))).find((h) => h.startsWith('/jira/settings/apps/'))!;
  await page.context().close();
  await control('/__local/reset', {});
});
afterAll(async () => {
  await browser?.close();
});

async function fillContact(frame: Frame, which: 'primary' | 'secondary', c: { name: string; role: string; email: string; phone: string; timeZone: string }) {
  const box = frame.getByTestId(`contact-${which}`);
  await box.getByLabel('Name').fill(c.name);
  await box.getByLabel('Role').fill(c.role);
  await box.getByLabel('Email').fill(c.email);
  await box.getByLabel('Phone').fill(c.phone);
  await box.getByLabel('Time zone').fill(c.timeZone);
}

describe('settings page in the browser', () => {
  it('shows a field error inline, then saves both contacts and an app that are still there after a reload', async () => {
    const page = await open(browser, adminPath, 'jira-admin');
    let frame = await appFrame(page);
    await frame.getByTestId('contacts-status').waitFor();
    await fillContact(frame, 'primary', { name: 'Priya Acheson', role: 'Security lead', email: 'priya@acme.example', phone: '+14155550101', timeZone: 'America/New_York' });
    await fillContact(frame, 'secondary', { name: 'Sam Okafor', role: 'SRE manager', email: 'sam@acme', phone: '+14155550102', timeZone: 'America/New_York' });
    await frame.getByLabel(/cover 24 hours a day/).check();
    await frame.getByRole('button', { name: 'Add an app' }).click();
    const app = frame.getByTestId('app-entry');
    await app.getByLabel('App name').fill('Acme Timesheets');
    await app.getByLabel('App key').fill('acme-timesheets');
    await app.getByLabel('Forge app ID').fill('3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c');
    await frame.getByTestId('save-settings').click();

    // The bad email is named next to its field, and the focus moves there.
    const secondary = frame.getByTestId('contact-secondary');
    await secondary.getByTestId('field-error').waitFor();
    expect(await secondary.getByTestId('field-error').innerText()).toMatch(/valid email/i);
    expect(await secondary.getByLabel('Email').evaluate((el) => el === document.activeElement)).toBe(true);

    await secondary.getByLabel('Email').fill('sam@acme.example');
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('flag').getByText('Settings saved').waitFor();

    await page.reload();
    frame = await appFrame(page);
    await frame.getByTestId('contacts-status').waitFor();
    expect(await frame.getByTestId('contact-primary').getByLabel('Name').inputValue()).toBe('Priya Acheson');
    expect(await frame.getByTestId('contact-secondary').getByLabel('Email').inputValue()).toBe('sam@acme.example');
    expect(await frame.getByTestId('app-entry').getByLabel('App name').inputValue()).toBe('Acme Timesheets');
    expect(await frame.getByTestId('contacts-status').innerText()).not.toMatch(/not set/i);

    await frame.getByTestId('show-history').click();
    await frame.getByTestId('history-entry').first().waitFor();
    expect(await frame.getByTestId('history-entry').first().innerText()).toMatch(/Ada Admin/);
    await page.context().close();
  });
});
