import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { appFrame, moduleLinks, open, withBrowser } from '../support/browser';
import { control, hostUrl, invoke, MODULES, panel, type Persona } from '../support/client';
import { ACME_PARTNER, contact } from '../support/fixtures';
import { AUDIT_EVENT, MITIGATION, PARTNER_REPORT, TRIAGE } from '../support/payloads';

/**
 * Every text field the API accepts is stored with script payloads, then the panel (every tab, as IR staff and as
 * the partner), the settings page and the global page render them. A dialog fails the test (open() throws on one);
 * so does any element the payloads would create, any javascript: link, and any CSP refusal (which means markup
 * got into the DOM and only the policy stopped it).
 */
const XSS = `<img src=x onerror=alert(1)> "><script>alert(2)</script> <svg onload=alert(3)> javascript:alert(4) {{constructor.constructor('alert(5)')()}}`;
const JS_URL = 'javascript:alert(6)//';
const browser = withBrowser();
const ROOT = process.cwd();
const MINUTE = 60_000;

interface View {
  version: number;
  obligations: { outreaches: { id: string }[] };
}

async function ok<T = View>(p: Promise<{ ok: boolean; data?: T; error?: unknown }>, what: string): Promise<T> {
  const r = await p;
  expect(r.ok, `${what}: ${JSON.stringify(r.error)}`).toBe(true);
  return r.data!;
}

const injected = () => {
  const js = (v: string | null) => !!v && /^\s*javascript:/i.test(v);
  return {
    imgX: document.querySelectorAll('img[src="x"]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover],[onfocus]').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    jsUrls: [...document.querySelectorAll('a[href],iframe[src],form[action],img[src],embed[src],object[data]')].filter((e) => js(e.getAttribute('href')) || js(e.getAttribute('src')) || js(e.getAttribute('action')) || js(e.getAttribute('data'))).length,
  };
};
/** What the page shows: its text and the values of its form fields. */
const shown = () => [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)].join('\n');
const CLEAN = { imgX: 0, inlineScripts: 0, handlers: 0, svgOnload: 0, jsUrls: 0 };

/** Watches a page for dialogs and CSP refusals (console), besides open()'s own throw on a dialog. */
function watch(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => seen.push(`dialog: ${d.message()}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  return seen;
}

async function inert(frame: Frame, seen: string[], where: string): Promise<void> {
  await frame.page().waitForTimeout(150);
  expect(await frame.evaluate(injected), where).toEqual(CLEAN);
  expect(seen, where).toEqual([]);
}

/** Opens a page as a persona, then clicks through each of its tabs, checking each one. Returns the texts shown. */
async function renderAll(path: string, as: Persona, ready: (f: Frame) => Promise<void>): Promise<string> {
  const page = await open(browser(), path, as);
  const seen = watch(page);
  const frame = await appFrame(page);
  await ready(frame);
  await inert(frame, seen, `${path} as ${as}`);
  let text = await frame.evaluate(shown);
  const tabs = frame.getByRole('tab');
  const count = await tabs.count();
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    const name = (await tab.innerText()).trim();
    await tab.click();
    await inert(frame, seen, `${path} as ${as}, tab ${name}`);
    // Open every collapsed section and details the tab has, so their contents render too.
    for (const d of await frame.locator('details:not([open]) > summary').all()) await d.click().catch(() => undefined);
    await inert(frame, seen, `${path} as ${as}, tab ${name} expanded`);
    text += `\n${await frame.evaluate(shown)}`;
  }
  await page.context().close();
  return text;
}

let links: { global: string; admin: string };

beforeAll(async () => {
  // The directory: Acme's contacts, name and app name (SEC-1 becomes Acme's on its first save below).
  const acme = structuredClone(ACME_PARTNER);
  acme.contacts.primary = { ...acme.contacts.primary, ...contact(XSS.slice(0, 200), 'priya@acme.example', '+14155550101'), role: `"><script>alert(7)</script>` };
  acme.contacts.secondary = { ...acme.contacts.secondary, ...contact('<img src=x onerror=alert(8)>', 'sam@acme.example', '+14155550102') };
  acme.name = `<svg onload=alert(9)>`;
  acme.apps[0]!.name = `<img src=x onerror=alert(10)>`;
  const current = await ok(invoke<{ version: number }>('jira-admin', MODULES.admin, 'partner', { id: 'acme' }), 'loading Acme');
  await ok(invoke('jira-admin', MODULES.admin, 'savePartner', { id: 'acme', version: current.version, partner: acme }), 'directory');
  await ok(invoke('jira-admin', MODULES.admin, 'storageAuditImport', { fileName: `<img src=x onerror=alert(11)>.csv`, rows: [{ line: 2, event: { ...AUDIT_EVENT, appName: '<img src=x onerror=alert(12)>', location: '"><script>alert(13)</script>', installedVersion: '<b>1</b>' } }] }), 'audit import');

  // The incident: every text the report, IR notes, indicators, triage and obligations hold.
  await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
  const report = {
    ...PARTNER_REPORT,
    summary: { whatHappened: XSS, actionsTaken: XSS, currentStatus: XSS },
    app: { ...PARTNER_REPORT.app, name: XSS.slice(0, 200), appKey: '<img src=x onerror=alert(14)>' },
    impact: { ...PARTNER_REPORT.impact, dataExposureDetail: XSS },
    contacts: { primary: { name: XSS.slice(0, 200), role: '"><script>alert(15)</script>', email: 'priya@acme.example', phone: '+14155550101' } },
  };
  let v = (await ok(panel<View>('partner-acme', 'saveReport', { version: 0, report }), 'report')).version;
  v = (await ok(panel<View>('ir-analyst', 'saveIrNotes', { version: v, irNotes: XSS }), 'IR notes')).version;
  const added = await ok(panel<{ incident: View; indicators: { id: string }[]; added: number }>('partner-acme', 'addIndicators', { version: v, text: ['203.0.113.7', 'https://evil.example/"><img src=x onerror=alert(16)>', 'evil.example'].join('\n') }), 'indicators');
  v = added.incident.version;
  v = (await ok(panel<{ incident: View }>('partner-acme', 'updateIndicator', { version: v, id: added.indicators[0]!.id, note: XSS, firstSeen: '' }), 'indicator note')).incident.version;
  v = (await ok(panel<View>('ir-analyst', 'saveTriage', { version: v, triage: { ...TRIAGE, override: { collaboration: 'async', dataScope: 'platform-level-only', reason: XSS } } }), 'triage override')).version;
  v = (await ok(panel<View>('ir-analyst', 'saveChannel', { version: v, channel: 'email', reference: JS_URL, setUpAt: '' }), 'channel')).version;
  v = (await ok(panel<View>('ir-analyst', 'saveChannel', { version: v, channel: 'support-ticket', reference: XSS, setUpAt: '' }), 'channel 2')).version;
  v = (await ok(panel<View>('ir-analyst', 'movePhase', { version: v, phase: 'triage', reason: XSS }), 'phase')).version;
  const out = await ok(panel<View>('ir-analyst', 'recordOutreach', { version: v, at: new Date(Date.parse('2026-11-23T09:00:00.000Z') - MINUTE).toISOString(), channel: 'email', message: XSS }), 'outreach');
  v = (await ok(panel<View>('ir-analyst', 'acknowledge', { version: out.version, outreachId: out.obligations.outreaches[0]!.id, at: '2026-11-23T09:00:00.000Z', note: XSS }), 'ack')).version;
  v = (await ok(panel<View>('partner-acme', 'saveMitigations', { version: v, mitigations: [{ ...MITIGATION, description: XSS, owner: XSS.slice(0, 200) }] }), 'mitigations')).version;
  v = (await ok(panel<View>('partner-acme', 'saveCustomerNotification', { version: v, customerNotification: { notifiedAt: '2026-11-23T08:00:00Z', customerCount: 3, method: XSS } }), 'customers')).version;
  await ok(panel<View>('partner-acme', 'saveRootCause', { version: v, rootCause: { status: 'provided', reference: JS_URL } }), 'root cause');

  links = await moduleLinks(browser());
}, 60_000);

describe('script payloads in stored text', () => {
  it.each(['ir-analyst', 'partner-acme'] as const)('render inert in every tab of the issue panel for %s', async (as) => {
    const text = await renderAll('/browse/SEC-1', as, (f) => f.getByTestId('overview').waitFor());
    // Shown as text: the payloads reached the page, and nothing made markup of them.
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<script>alert(2)</script>');
  });

  it('render inert on the settings page', async () => {
    // The partner's contacts show in its editor: open it from the directory's list.
    const text = await renderAll(links.admin, 'jira-admin', async (f) => {
      await f.getByTestId('partner-row').first().getByRole('button').click();
      await f.getByTestId('partner-editor').getByTestId('contacts-status').waitFor();
    });
    expect(text).toContain('<img src=x onerror=alert(8)>');
  });

  it('render inert on the global page', async () => {
    await renderAll(links.global, 'ir-analyst', (f) => f.locator('body *').first().waitFor());
  });
});

describe('content security policy', () => {
  it('serves the Custom UI pages with a script policy that allows no inline scripts and no eval', async () => {
    for (const [path, as] of [['/browse/SEC-1', 'ir-analyst'], [links.admin, 'jira-admin'], [links.global, 'ir-analyst']] as const) {
      const page = await open(browser(), path, as);
      const src = await page.locator('iframe.forge-frame').first().getAttribute('src');
      await page.context().close();
      expect(src).toMatch(/^\/__app\//);
      const res = await fetch(`${hostUrl()}${src}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('default-src'));
      expect(scriptSrc, path).toBeDefined();
      expect(scriptSrc, path).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
      // The page itself carries no inline script (the host adds only its bridge, by src).
      const html = await res.text();
      expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/gi), path).toBeNull();
    }
  });

  it('builds HTML entry points without inline scripts or inline event handlers', () => {
    const dist = join(ROOT, 'static/dist');
    const pages = readdirSync(dist).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const f of pages) {
      const html = readFileSync(join(dist, f), 'utf8');
      expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/gi), f).toBeNull();
      expect(html, f).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

