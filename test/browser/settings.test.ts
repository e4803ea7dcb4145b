import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { control } from '../support/client';
import { appFrame, launch, moduleLinks, open } from '../support/browser';

let browser: Browser;
let adminPath: string;
beforeAll(async () => {
  browser = await launch();
  adminPath = (await moduleLinks(browser)).admin;
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
  it('adds a partner: an inline field error first, then saved with a flag, still there after a reload, with its history', async () => {
    const page = await open(browser, adminPath, 'jira-admin');
    let frame = await appFrame(page);
    await frame.getByTestId('section-partners').waitFor();
    await frame.getByTestId('add-partner').click();
    const editor = frame.getByTestId('partner-editor');
    await editor.getByLabel('Partner name').fill('Acme');
    await editor.getByLabel('Add a member group').fill('partner-acme-security');
    await editor.getByRole('button', { name: 'Add group' }).click();
    await fillContact(frame, 'primary', { name: 'Priya Acheson', role: 'Security lead', email: 'priya@acme.example', phone: '+14155550101', timeZone: 'America/New_York' });
    await fillContact(frame, 'secondary', { name: 'Sam Okafor', role: 'SRE manager', email: 'sam@acme', phone: '+14155550102', timeZone: 'America/New_York' });
    await editor.getByRole('button', { name: 'Add an app' }).click();
    const app = frame.getByTestId('app-entry');
    await app.getByLabel('App name').fill('Acme Timesheets');
    await app.getByLabel('App key').fill('acme-timesheets');
    await app.getByLabel('Forge app ID').fill('3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c');
    await frame.getByTestId('save-partner').click();

    // The bad email is named next to its field, and the focus moves there.
    const secondary = frame.getByTestId('contact-secondary');
    await secondary.getByTestId('field-error').waitFor();
    expect(await secondary.getByTestId('field-error').innerText()).toMatch(/valid email/i);
    expect(await secondary.getByLabel('Email').evaluate((el) => el === document.activeElement)).toBe(true);

    await secondary.getByLabel('Email').fill('sam@acme.example');
    await frame.getByTestId('save-partner').click();
    // Jira draws the flag (showFlag) at the page's bottom left, outside the app's frame.
    await page.locator('#flags').getByText('Partner saved').waitFor();

    await page.reload();
    frame = await appFrame(page);
    await frame.getByTestId('partner-row').first().waitFor();
    expect(await frame.getByTestId('partner-list').innerText()).toMatch(/Acme[\s\S]*partner-acme-security[\s\S]*1/);
    await frame.getByRole('button', { name: 'Acme', exact: true }).click();
    await frame.getByTestId('contacts-status').waitFor();
    expect(await frame.getByTestId('contact-primary').getByLabel('Name').inputValue()).toBe('Priya Acheson');
    expect(await frame.getByTestId('contact-secondary').getByLabel('Email').inputValue()).toBe('sam@acme.example');
    expect(await frame.getByTestId('app-entry').getByLabel('App name').inputValue()).toBe('Acme Timesheets');
    await frame.getByTestId('partner-editor').getByTestId('show-history').click();
    await frame.getByTestId('history-entry').first().waitFor();
    expect(await frame.getByTestId('history-entry').first().innerText()).toMatch(/Ada Admin/);
    await page.context().close();
  });

  it('saves one section without touching another, and names a bad threshold next to its field', async () => {
    const page = await open(browser, adminPath, 'jira-admin');
    const frame = await appFrame(page);
    const reminders = frame.getByTestId('section-reminders');
    await reminders.waitFor();
    await reminders.getByLabel(/Reminder thresholds/).fill('50, 100');
    await frame.getByTestId('save-reminders').click();
    await reminders.getByTestId('field-error').waitFor();
    await reminders.getByLabel(/Reminder thresholds/).fill('25, 50, 75');
    await frame.getByTestId('save-reminders').click();
    await page.locator('#flags').getByText('Settings saved').waitFor();
    expect(await frame.getByTestId('save-reminders').isDisabled()).toBe(true);
    await page.context().close();
  });
});
