import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startHostProcess } from '../test/support/host-process';
import { sweepFigures } from './sweep';

// `npm run bench`: figures for people (a table) or, with --json, one JSON object per line.
// Counts come from the local host's own instrumentation; nothing here is a timed assertion.
interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: string;
}

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'static/dist');

/** JS the panel loads before its first render: the entry script and every module it preloads. */
function initialJsGzipKB(entryHtml: string): number {
  const html = readFileSync(join(dist, entryHtml), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = [...new Set(srcs)].reduce((sum, src) => sum + gzipSync(readFileSync(join(dist, src))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

async function metrics(url: string): Promise<Record<string, number>> {
  return (await (await fetch(`${url}/__local/metrics`)).json()) as Record<string, number>;
}

async function panelLoadCounts(): Promise<Record<string, number>> {
  const host = await startHostProcess();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await fetch(`${host.url}/__local/reset`, { method: 'POST' });
    const page = await browser.newPage();
    const before = await metrics(host.url);
    await page.goto(`${host.url}/browse/SEC-1?as=ir-analyst`);
    const frame = await (await page.waitForSelector('iframe.forge-frame')).contentFrame();
    await frame!.getByTestId('viewer').waitFor();
    await page.waitForTimeout(300);
    const after = await metrics(host.url);
    return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
  } finally {
    await browser.close();
    await host.stop();
  }
}

const load = await panelLoadCounts();
const sweep = await sweepFigures();
const figures: Figure[] = [
  { name: 'panel.initialJsGzipKB', value: initialJsGzipKB('panel.html'), unit: 'KB', budget: '<= 110' },
  { name: 'panel.invokesPerLoad', value: load.invokes!, unit: 'invokes', budget: '<= 1' },
  { name: 'panel.kvsOpsPerLoad', value: load.kvsOps!, unit: 'ops', budget: '<= 2' },
  { name: 'panel.jiraCallsPerLoad', value: load.jiraCalls!, unit: 'calls', budget: '<= 2' },
  { name: 'sweep.kvsPages', value: sweep.pages, unit: 'pages', budget: '<= 3' },
  { name: 'sweep.speedupVsScan', value: sweep.speedup, unit: 'x', budget: '>= 10' },
  { name: 'backend.bundleKB', value: Math.round((statSync(join(root, 'dist/backend/index.cjs')).size / 1024) * 10) / 10, unit: 'KB', budget: 'reported' },
];

if (process.argv.includes('--json')) {
  for (const f of figures) console.log(JSON.stringify(f));
} else {
  console.log('| figure | value | budget |\n|---|---|---|');
  for (const f of figures) console.log(`| ${f.name} | ${f.value} ${f.unit} | ${f.budget} |`);
}
