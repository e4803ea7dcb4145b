import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { control, panel } from '../support/client';
import { appFrame, launch, moduleLinks, open } from '../support/browser';

let browser: Browser;
let adminPath: string;
beforeAll(async () => {
  browser = await launch();
  adminPath = (await moduleLinks(browser)).admin;
});
afterAll(async () => {
  await browser?.close();
});

describe("the settings page's site check and platform self-test in the browser", () => {
  it('names the incident ticket the app cannot see and the exact fix', async () => {
    await control('/__local/reset', {});
    for (const issueKey of ['SEC-1', 'SEC-2']) {
      const r = await panel('ir-analyst', 'recordOutreach', { version: 0, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please confirm' }, issueKey);
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
    }
    // A level made of groups only, as a site admin might set it up: the app's project role is missing.
    await control('/__local/jira/security', { issueKey: 'SEC-2', security: ['group:incident-response', 'group:partner-globex-security'] });

    const page = await open(browser, adminPath, 'jira-admin');
    const frame = await appFrame(page);
    await frame.getByRole('button', { name: 'Check the site' }).click();
    const result = frame.getByTestId('site-check-result');
    await result.waitFor();
    expect(await result.getByRole('link').allInnerTexts()).toEqual(['SEC-2']);
    expect(await frame.getByTestId('site-check-fix').innerText()).toMatch(/Issue security schemes.*project SEC.*Project role: atlassian-addons-project-access/);
    await page.context().close();
  });

  it('runs the self-test from the page and reports every assumption, each with what the app does', async () => {
    const before = (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
    const page = await open(browser, adminPath, 'jira-admin');
    const frame = await appFrame(page);
    await frame.getByRole('button', { name: 'Run the self-test' }).click();
    const result = frame.getByTestId('self-test-result');
    await result.waitFor();
    const items = result.locator('[data-testid^="assumption-"]');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids).toEqual(['not-exists-on-missing-key', 'failed-condition-code', 'batch-get-missing-key', 'get-missing-key', 'index-read-after-write'].map((id) => `assumption-${id}`));
    // Against the local emulator every assumption holds; each row says so and what the app does then.
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-holds')))).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(await frame.getByTestId('assumption-failed-condition-code').innerText()).toMatch(/Observed: Failed with code CONDITIONAL_CHECK_FAILED/);
    expect(await result.innerText()).toMatch(/Scratch data removed/);
    // No viewportSize in the manifest: the frame grows to show the whole report rather than scrolling inside.
    const shortfall = async () => (await frame.evaluate(() => document.documentElement.scrollHeight)) - ((await page.getByTestId('forge-frame').boundingBox())?.height ?? 0);
    await expect.poll(shortfall).toBeLessThanOrEqual(2);
    // The scratch keys are gone: the store is as it was.
    expect((await control<{ sha256: string }>('/__local/store/digest')).body.sha256).toBe(before);
    await page.context().close();
  });
});
