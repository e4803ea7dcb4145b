// Screenshots of every tab of the issue panel for IR staff and a partner, light and dark, from the real app in
// the local host with its demo data: `npm run screenshots` (after `npm run build`), into screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startHostProcess } from '../test/support/host-process';

const OUT = resolve(import.meta.dirname, '../screenshots');
const TABS = ['Overview', 'Report', 'Indicators', 'Triage', 'Log sharing', 'Activity'];
const PERSONAS = ['ir-analyst', 'partner-acme'] as const;
const THEMES = ['light', 'dark'] as const;

async function main() {
  mkdirSync(OUT, { recursive: true });
  const host = await startHostProcess(undefined, { FORGE_LOCAL_DEMO: 'on' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    await fetch(`${host.url}/__local/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (const as of PERSONAS) {
      for (const theme of THEMES) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${host.url}/browse/SEC-1?as=${as}&theme=${theme}`);
        const frame = (await (await page.waitForSelector('iframe.forge-frame')).contentFrame())!;
        await frame.getByTestId('overview').waitFor();
        await page.screenshot({ path: `${OUT}/${as}-${theme}-first-screen.png` });
        for (const tab of TABS) {
          const t = frame.getByRole('tab', { name: new RegExp(`^${tab}`) });
          if ((await t.count()) === 0) {
            await frame.getByTestId('tabs-more').click();
            await frame.getByRole('button', { name: new RegExp(`^${tab}`) }).click();
          } else await t.click();
          await page.waitForTimeout(400);
          const file = `${OUT}/${as}-${theme}-${tab.toLowerCase().replace(/ /g, '-')}.png`;
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await host.stop();
  }
}

await main();
