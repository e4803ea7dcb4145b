import { configureSite } from './directory';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { hostUrl, reset } from './client';

// Debian's chromium, driven by Playwright (its own browser download cannot work here).
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
}

/** Opens a host page as a persona and fails the test on any dialog (a script payload that ran). */
export async function open(browser: Browser, path: string, as: string, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`Unexpected dialog: ${d.message()}`);
  });
  const sep = path.includes('?') ? '&' : '?';
  await page.goto(`${hostUrl()}${path}${sep}as=${as}&theme=${theme}`);
  return page;
}

/** Where the host's home page links the app's global page and settings page (their URLs name the app and environment). */
export async function moduleLinks(browser: Browser): Promise<{ global: string; admin: string }> {
  const page = await open(browser, '/', 'ir-analyst');
  const hrefs = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  await page.context().close();
  return { global: hrefs.find((h) => h.startsWith('/jira/apps/'))!, admin: hrefs.find((h) => h.startsWith('/jira/settings/apps/'))! };
}

/** The app's iframe on the page, once its bundle has loaded. */
export async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe.forge-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('app iframe has no frame');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

/** One Chromium for a test file, launched after the host is reset and closed at the end. */
export function withBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await reset();
    // Acme and Globex in the directory; each incident becomes its partner's on the partner's first save.
    await configureSite({ link: false });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** The issue panel of SEC-1 as a persona, once its first render is on screen. */
export async function openPanel(browser: Browser, as: string, theme: 'light' | 'dark' = 'light', issue = 'SEC-1'): Promise<{ page: Page; frame: Frame }> {
  const page = await open(browser, `/browse/${issue}`, as, theme);
  const frame = await appFrame(page);
  await frame.getByTestId('overview').waitFor();
  return { page, frame };
}

/** A flag the app raised through the bridge's showFlag, as the host page draws it (bottom left, as Jira does). */
export async function hostFlag(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('#flags').getByText(text).first().waitFor();
}
