import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { control } from '../support/client';
import { appFrame, launch, moduleLinks, open } from '../support/browser';

let browser: Browser;
let links: { global: string; admin: string };
beforeAll(async () => {
  browser = await launch();
  links = await moduleLinks(browser);
  await control('/__local/reset', {});
});
afterAll(async () => {
  await browser?.close();
});

describe('global and admin pages in the browser', () => {
  it('shows the global page to IR staff and a refusal to the outsider', async () => {
    const ir = await open(browser, links.global, 'ir-analyst');
    const frame = await appFrame(ir);
    await frame.getByTestId('role').waitFor();
    expect(await frame.getByTestId('role').innerText()).toMatch(/IR staff/i);
    await ir.context().close();
    const outsider = await open(browser, links.global, 'outsider');
    const f2 = await appFrame(outsider);
    await f2.getByRole('alert').waitFor();
    expect(await f2.getByRole('alert').innerText()).toMatch(/don't have access/);
    await outsider.context().close();
  });

  it('shows the settings page to a Jira admin only', async () => {
    const admin = await open(browser, links.admin, 'jira-admin');
    const frame = await appFrame(admin);
    await frame.getByTestId('role').waitFor();
    expect(await frame.getByTestId('role').innerText()).toMatch(/administrator/i);
    await admin.context().close();
    const ir = await open(browser, links.admin, 'ir-analyst');
    const f2 = await appFrame(ir);
    await f2.getByRole('alert').waitFor();
    expect(await f2.getByRole('alert').innerText()).toMatch(/Only Jira administrators/);
    await ir.context().close();
  });
});
