import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { control } from '../support/client';
import { configureSite } from '../support/directory';
import { appFrame, moduleLinks, open, withBrowser } from '../support/browser';
import { ACME_APP_ID, auditEvent, auditSite } from '../support/fixtures';
import { eventKey, parseStorageAuditCsv, toStorageAuditCsv, type StorageAuditEvent } from '../../src/domain/storage-audit';

// The settings page imports two overlapping console downloads (and a file that is not CSV) in a real
// browser, shows each file's counts, then the archive, and exports it.

const browser = withBrowser();
let adminPath: string;
beforeAll(async () => {
  adminPath = (await moduleLinks(browser())).admin;
  await control('/__local/clock', { now: '2026-06-15T12:00:00.000Z' });
  await configureSite({ link: false });
});

const site = auditSite;
const ev = (n: number, over: Partial<StorageAuditEvent> = {}) => auditEvent({ siteId: site(n), ...over });

// March: sites 1-40 installed, site 2 uninstalled recently, site 3's migration failed.
const march = [
  ...Array.from({ length: 40 }, (_, i) => ev(i + 1)),
  ev(2, { event: 'App uninstalled', eventDate: '2026-06-05' }),
  ev(3, { event: 'Migration failed', eventDate: '2026-04-01', targetLocation: 'EU' }),
];
// April overlaps March by sites 21-40 and adds 41-60, one row of an app not in the inventory, and a date that does not exist.
const april = [...Array.from({ length: 40 }, (_, i) => ev(i + 21)), ev(99, { appId: '0b7e2f4c-9d1a-4c3e-8f5b-6a2d1e0c9b8a' })];
const aprilCsv = `${toStorageAuditCsv(april)}${ACME_APP_ID},acme-timesheets,${site(98)},Jira,Production,1.0.0,App installed,2025-02-29,Global,N/A\r\n`;

describe('storage audit logs on the settings page', () => {
  it('imports two overlapping files, reports each file\u2019s counts, shows the archive and exports it', async () => {
    const page = await open(browser(), adminPath, 'jira-admin');
    const frame = await appFrame(page);
    await frame.getByTestId('audit-cadence').getByText(/No audit logs imported yet/).waitFor();

    await frame.getByTestId('audit-file-input').setInputFiles([
      { name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(toStorageAuditCsv(march)) },
      { name: 'april.csv', mimeType: 'text/csv', buffer: Buffer.from(aprilCsv) },
      { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    ]);

    const report = (name: string) => frame.locator(`[data-testid="audit-file"][data-file="${name}"]`);
    await report('april.csv').getByTestId('audit-new').waitFor({ timeout: 30_000 });
    const counts = async (name: string) =>
      Object.fromEntries(await Promise.all(['read', 'new', 'known', 'rejected'].map(async (k) => [k, await report(name).getByTestId(`audit-${k}`).innerText()] as const)));
    expect(await counts('march.csv')).toEqual({ read: '42', new: '42', known: '0', rejected: '0' });
    expect(await counts('april.csv')).toEqual({ read: '42', new: '20', known: '20', rejected: '2' });
    const problems = await report('april.csv').getByTestId('audit-problem').allInnerTexts();
    expect(problems[0]).toMatch(/^Line 42: The app 0b7e2f4c-9d1a-4c3e-8f5b-6a2d1e0c9b8a is in no partner.s app inventory/);
    expect(problems[1]).toMatch(/^Line 43: Event date "2025-02-29" is not a calendar date/);
    expect(await report('notes.pdf').getByTestId('audit-file-message').innerText()).toMatch(/is not a CSV file/);

    await frame.getByTestId('audit-cadence').getByText(/Last import/).waitFor();

    await frame.getByTestId('audit-show-archive').click();
    await frame.getByTestId('audit-sites').waitFor();
    expect(await frame.getByTestId('audit-site').count()).toBe(60);
    expect(await frame.getByTestId('audit-download-again').innerText()).toContain(site(2));
    expect(await frame.getByTestId('audit-failed-migrations').innerText()).toContain(site(3));
    const failed = frame.locator(`[data-testid="audit-site"][data-site="${site(3)}"]`);
    expect(await failed.getAttribute('class')).toContain('row-danger');

    // A site's timeline opens from its row, by keyboard too.
    const siteTwo = frame.locator(`[data-testid="audit-site"][data-site="${site(2)}"]`).getByRole('button');
    await siteTwo.focus();
    await page.keyboard.press('Enter');
    expect(await siteTwo.getAttribute('aria-expanded')).toBe('true');
    expect(await frame.getByTestId('audit-timeline').innerText()).toMatch(/App installed[\s\S]*App uninstalled/);

    // Dropping the March file again: every row is already known, nothing is stored twice.
    const marchCsv = toStorageAuditCsv(march);
    await frame.getByTestId('audit-dropzone').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'march-again.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, marchCsv);
    await report('march-again.csv').getByTestId('audit-known').waitFor();
    expect(await counts('march-again.csv')).toEqual({ read: '42', new: '0', known: '42', rejected: '0' });

    const downloading = page.waitForEvent('download');
    await frame.getByTestId('audit-export').click();
    const file = await (await downloading).path();
    const exported = parseStorageAuditCsv(readFileSync(file, 'utf8'));
    expect(exported.errors).toEqual([]);
    const expected = new Set([...march, ...april.slice(0, 40)].map(eventKey));
    expect(new Set(exported.events.map(eventKey))).toEqual(expected);
    await page.context().close();
  });

  it('lists every partner\u2019s apps for the archive, past the directory\u2019s first page', async () => {
    // 25 more partners, each with an app of its own: copies of Acme's stored record.
    const acme = (await control<Record<string, unknown> & { doc: { apps: Record<string, unknown>[] } }>('/__local/store/get?entityName=partner&key=acme')).body;
    for (let n = 1; n <= 25; n++) {
      const id = `initech-${String(n).padStart(2, '0')}`;
      const name = `Initech ${String(n).padStart(2, '0')}`;
      const app = { ...acme.doc.apps[0], name: `${name} Reports`, appKey: `${id}-reports`, appId: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}` };
      await control('/__local/store/put', { key: id, entityName: 'partner', value: { ...acme, partnerId: id, nameKey: `${name.toLowerCase()}#${id}`, searchText: name.toLowerCase(), doc: { ...acme.doc, id, name, apps: [app] } } });
    }
    const page = await open(browser(), adminPath, 'jira-admin');
    const frame = await appFrame(page);
    // The archive of the 25th partner's app, the 27th partner by name, can be chosen.
    await expect.poll(async () => frame.getByLabel('App', { exact: true }).locator('option').allInnerTexts(), { timeout: 10_000 }).toContain('Initech 25 Reports');
    expect(await frame.getByLabel('App', { exact: true }).locator('option').count()).toBe(27);
    await page.context().close();
  });
});
