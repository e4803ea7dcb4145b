import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { control, panel } from '../support/client';
import { configureSite } from '../support/directory';
import { appFrame, launch, moduleLinks, open } from '../support/browser';

interface Comment {
  body: { content: { content: { text: string }[] }[] };
}
const START = '2026-11-24T09:00:00.000Z';
const text = (c: Comment) => c.body.content.map((p) => p.content.map((t) => t.text).join('')).join('\n');

let browser: Browser;
let links: { global: string; admin: string };
beforeAll(async () => {
  await control('/__local/reset', {});
  await control('/__local/clock', { now: START });
  await configureSite();
  browser = await launch();
  links = await moduleLinks(browser);
});
afterAll(async () => {
  await browser?.close();
});

describe('a partner keeps its own contacts current', () => {
  it('updates them from the global page; IR staff see the change and the trail entry; the next reminder names the new contacts', async () => {
    // An outreach on Acme's SEC-1, so a reminder falls due later.
    const loaded = await panel<{ incident: { version: number } }>('ir-analyst', 'load');
    expect((await panel('ir-analyst', 'recordOutreach', { version: loaded.data!.incident.version, at: START, channel: 'email', message: 'Please acknowledge' })).ok).toBe(true);

    const page = await open(browser, links.global, 'partner-acme');
    const frame = await appFrame(page);
    const org = frame.getByTestId('your-organization');
    await org.waitFor();
    expect(await org.innerText()).toMatch(/Your organization: Acme/);
    expect(await org.innerText()).not.toMatch(/Globex|Greta/);
    await org.getByTestId('edit-organization').click();
    const primary = org.getByTestId('contact-primary');
    await primary.getByLabel('Name').fill('Nadia Newcontact');
    await primary.getByLabel('Email').fill('nadia@acme.example');
    await org.getByTestId('save-organization').click();
    await page.locator('#flags').getByText('Contacts saved').waitFor();
    await org.getByTestId('org-contacts').waitFor();
    expect(await org.getByTestId('org-contacts').innerText()).toMatch(/Nadia Newcontact/);
    await page.context().close();

    // IR staff: the incident's partner section shows the new contacts and who changed them.
    const ir = await open(browser, '/browse/SEC-1', 'ir-analyst');
    const irFrame = await appFrame(ir);
    await irFrame.getByTestId('partner-contacts').waitFor();
    expect(await irFrame.getByTestId('partner-contacts').innerText()).toMatch(/Nadia Newcontact \(nadia@acme\.example\)[\s\S]*Contacts updated by the partner on/);
    // ...and, without being Jira admins, the partner's directory trail: who changed what.
    await irFrame.getByTestId('partner-trail-open').click();
    const irEntry = irFrame.getByTestId('partner-picker').getByTestId('history-entry').first();
    await irEntry.waitFor();
    expect(await irEntry.innerText()).toMatch(/Pat Acheson[\s\S]*updated the contacts \(partner\)[\s\S]*Nadia Newcontact/);
    await ir.context().close();

    // The partner's trail on the settings page holds the change, by the partner's own person.
    const admin = await open(browser, links.admin, 'jira-admin');
    const adminFrame = await appFrame(admin);
    await adminFrame.getByTestId('partner-row').first().waitFor();
    expect(await adminFrame.getByTestId('partner-list').innerText()).toMatch(/Updated by the partner/);
    await adminFrame.getByRole('button', { name: 'Acme', exact: true }).click();
    await adminFrame.getByTestId('contacts-updated-by-partner').waitFor();
    await adminFrame.getByTestId('partner-editor').getByTestId('show-history').click();
    const entry = adminFrame.getByTestId('history-entry').first();
    await entry.waitFor();
    expect(await entry.innerText()).toMatch(/Pat Acheson[\s\S]*updated the contacts \(partner\)[\s\S]*Nadia Newcontact/);
    await admin.context().close();

    // The next reminder (50% of the 8-hour window) names the new contacts.
    await control('/__local/clock', { now: new Date(Date.parse(START) + 4 * 3_600_000 + 60_000).toISOString() });
    await control('/__local/triggers/timers', {});
    const posted = (await control<Comment[]>('/__local/jira/comments?issueKey=SEC-1')).body;
    expect(posted).toHaveLength(1);
    expect(text(posted[0]!)).toMatch(/Nadia Newcontact \(nadia@acme\.example\)/);
  });
});
