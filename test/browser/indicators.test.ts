// In Chromium: every kind of indicator the program names is classified from a paste, the STIX download holds
// every one of them and the report object that ties them to SEC-1, and the TLP marking shows and travels.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hostUrl, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { appFrame, hostFlag, openPanel, withBrowser } from '../support/browser';
import { loadStixBundleValidator } from '../support/stix-schema';

const validateBundle = loadStixBundleValidator();

const browser = withBrowser();

const PASTE: [string, string][] = [
  ['scope added: read:jira-user', 'Scope change'],
  ['egress added: *[.]example[.]net', 'Egress change'],
  ['POST /rest/api/3/issue/bulk', 'HTTP request'],
  ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'SHA-256 hash'],
  ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'SHA-1 hash'],
  ['d41d8cd98f00b204e9800998ecf8427e', 'MD5 hash'],
  ['5b10ac8d82e05b22cc7d4ef5', 'Atlassian account ID'],
  ['/rest/api/3/user/search', 'API path'],
  ['203.0.113.7', 'IPv4 address'],
  ['2001:db8::1', 'IPv6 address'],
  ['198.51.100.0/24', 'IP range (CIDR)'],
  ['hxxps://evil[.]example[.]com/login', 'URL'],
  ['evil[.]example[.]com', 'Domain'],
  ['mallory@evil[.]example[.]com', 'Email address'],
];

interface Bundle { type: string; objects: { type: string; id: string; pattern?: string; object_refs?: string[]; object_marking_refs?: string[]; name?: string }[] }

describe('indicators in the browser', () => {
  it('classifies a paste of every kind, downloads a STIX bundle with each of them, the report and the TLP marking', async () => {
    await reset();
    await configureSite({ link: false });
    const { page, frame } = await openPanel(browser(), 'ir-analyst');
    expect(await frame.getByTestId('incident-tlp').textContent()).toContain('TLP:AMBER');
    await frame.getByRole('tab', { name: /Indicators/ }).click();
    await frame.getByTestId('ioc-paste').fill(`${PASTE.map(([v]) => v).join('\n')}\n1.2.3.0x7f\nexample.0xff`);
    await frame.getByRole('button', { name: 'Add indicators' }).click();
    await hostFlag(page, `${PASTE.length} indicators added`);
    // The two names a browser would not read as domains come back with the reason.
    expect(await frame.getByTestId('paste-result').innerText()).toMatch(/2 not recognised/);

    const rows = frame.getByTestId('indicator-row');
    expect(await rows.count()).toBe(PASTE.length);
    const types = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
    expect(types.sort()).toEqual(PASTE.map(([, label]) => label).sort());
    // Each row shows the marking that applies: the incident's.
    expect(await rows.first().getByTestId('tlp').textContent()).toContain('TLP:AMBER');
    // The UI says which types STIX cannot fully express, and why.
    const notes = await frame.getByTestId('stix-notes').innerText();
    expect(notes).toMatch(/Scope change:.*custom object type x-forge-app-scope/);
    expect(notes).toMatch(/Egress change:.*x_forge_manifest_change/);

    // A stricter marking for one indicator.
    const ipRow = rows.filter({ hasText: '203[.]0[.]113[.]7' });
    await ipRow.getByLabel(/Marking:/).selectOption('red');
    await ipRow.getByRole('button', { name: 'Save' }).click();
    await hostFlag(page, 'Indicator saved');
    expect(await frame.getByTestId('indicator-row').filter({ hasText: '203[.]0[.]113[.]7' }).getByTestId('tlp').textContent()).toContain('TLP:RED');

    const downloading = page.waitForEvent('download');
    await frame.getByRole('button', { name: 'Download STIX 2.1' }).click();
    const bundle = JSON.parse(await readFile((await (await downloading).path())!, 'utf8')) as Bundle;
    expect(bundle.type).toBe('bundle');
    expect(validateBundle(bundle) ? [] : validateBundle.errors?.slice(0, 3)).toEqual([]);
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    expect(indicators).toHaveLength(PASTE.length);
    const patterns = indicators.map((o) => o.pattern).join('\n');
    for (const expected of ["[user-account:user_id = '5b10ac8d82e05b22cc7d4ef5']", "request_value = '/rest/api/3/user/search'", "request_method = 'post'", "[x-forge-app-scope:value = 'read:jira-user']", "LIKE '%.example.net'", "hashes.MD5", "hashes.'SHA-1'", "hashes.'SHA-256'"]) {
      expect(patterns).toContain(expected);
    }
    const report = bundle.objects.find((o) => o.type === 'report');
    expect(report?.name).toContain('SEC-1');
    expect(report?.object_refs?.sort()).toEqual(indicators.map((o) => o.id).sort());
    const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
    const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    expect(bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id).sort()).toEqual([AMBER, RED].sort());
    expect(report?.object_marking_refs).toEqual([AMBER]);
    expect(indicators.find((o) => o.pattern === "[ipv4-addr:value = '203.0.113.7']")?.object_marking_refs).toEqual([RED]);
    await page.context().close();
  });

  it('the incident marking is set on the report, shows as a lozenge and is in the bundle', async () => {
    await reset();
    await configureSite({ link: false });
    await panel('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7' });
    const { page, frame } = await openPanel(browser(), 'partner-acme');
    await frame.getByRole('tab', { name: 'Report' }).click();
    await frame.getByLabel('TLP marking').selectOption('green');
    await frame.getByRole('button', { name: /Save report/ }).click();
    await hostFlag(page, 'Report saved');
    expect(await frame.getByTestId('incident-tlp').textContent()).toContain('TLP:GREEN');
    await frame.getByRole('tab', { name: /Indicators/ }).click();
    expect(await frame.getByTestId('indicators-tlp').textContent()).toContain('TLP:GREEN');
    const downloading = page.waitForEvent('download');
    await frame.getByRole('button', { name: 'Download STIX 2.1' }).click();
    const bundle = JSON.parse(await readFile((await (await downloading).path())!, 'utf8')) as Bundle;
    const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
    expect(bundle.objects.find((o) => o.type === 'marking-definition')).toMatchObject({ id: GREEN, name: 'TLP:GREEN' });
    expect(bundle.objects.find((o) => o.type === 'indicator')?.object_marking_refs).toEqual([GREEN]);
    await page.context().close();
  });

  it('reads the indicators only when a tab shows them, once: not for the first render, not again after another save', async () => {
    await reset();
    await configureSite({ link: false });
    await panel('ir-analyst', 'addIndicators', { version: 0, text: '203.0.113.7\nevil.example' });
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The functions the panel invokes, as its frame sends them through the bridge.
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/__local\/bridge\/[^/]+\/invoke$/.test(r.url())) calls.push((JSON.parse(r.postData() ?? '{}') as { functionKey: string }).functionKey);
    });
    await page.goto(`${hostUrl()}/browse/SEC-1?as=partner-acme`);
    const frame = await appFrame(page);
    await frame.getByTestId('overview').waitFor();
    expect(await frame.getByRole('tab', { name: /Indicators/ }).textContent()).toContain('Indicators (2)');
    expect(calls).toContain('load');
    expect(calls).not.toContain('indicators');

    // The Report tab's export lists them: one read. A report save keeps them; the Indicators tab reads nothing more.
    await frame.getByRole('tab', { name: 'Report' }).click();
    expect(await frame.getByTestId('report-markdown').inputValue()).toContain('203[.]0[.]113[.]7');
    await frame.getByLabel('What happened').fill('Tokens leaked');
    await frame.getByRole('button', { name: /Save report/ }).click();
    await hostFlag(page, 'Report saved');
    await frame.getByRole('tab', { name: /Indicators/ }).click();
    await frame.getByTestId('indicator-row').first().waitFor();
    expect(await frame.getByTestId('indicator-row').count()).toBe(2);
    // An edit of the indicators answers with them: still no further read.
    await frame.getByTestId('ioc-paste').fill('198.51.100.9');
    await frame.getByRole('button', { name: 'Add indicators' }).click();
    await hostFlag(page, '1 indicator added');
    expect(await frame.getByTestId('indicator-row').count()).toBe(3);
    expect(await frame.getByRole('tab', { name: /Indicators/ }).textContent()).toContain('Indicators (3)');
    expect(calls.filter((c) => c === 'indicators')).toHaveLength(1);

    // In the issue panel's width every field of a row is on screen (no column cut off), and a value copies as recorded.
    const frameBox = (await (await page.$('iframe.forge-frame'))!.boundingBox())!;
    for (const field of [frame.getByRole('textbox', { name: /^Note: / }), frame.getByRole('button', { name: /^Remove / })]) {
      const box = (await field.first().boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
    }
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hostUrl() });
    await frame.getByRole('button', { name: 'Copy 203[.]0[.]113[.]7' }).click();
    await hostFlag(page, 'Indicator copied');
    expect(await frame.evaluate(() => navigator.clipboard.readText())).toBe('203.0.113.7');
    await context.close();
  });
});
