import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startHostProcess, type HostProcess } from '../test/support/host-process';
import { ACME_PARTNER, consoleDownload, VALID_SETTINGS } from '../test/support/fixtures';
import { configureSite } from '../test/support/directory';
import { PARTNER_REPORT } from '../test/support/payloads';
import { importAuditFile } from '../static/src/admin/storage-audit-import';
import { toStorageAuditCsv } from '../src/domain/storage-audit';
import { DEFAULT_QUOTA } from '../local/kvs/quota';
import { sweepFigures } from './sweep';
import { globalFigures } from './global';
import { demoIncidentRecord } from './fixtures';

// `npm run bench`: figures for people (a table) or, with --json, one JSON object per line. `--quick` runs
// small sizes (an import of 2,000 rows over 14 days, as dense as 100,000 over 700; 500 incidents) and fails when any figure is missing or not a number:
// `npm test` runs it so the bench keeps working. Counts come from the local host's own instrumentation,
// Forge's quota units from its KVS (local/kvs/quota.ts); nothing here is a timed assertion.
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? { importRows: 2000, importDays: 14, importRuns: 1, sweepIncidents: 500, global: [100, 500] as [number, number], globalRuns: 3 } : { importRows: 100_000, importDays: 700, importRuns: 5, sweepIncidents: 10_000, global: [100, 10_000] as [number, number], globalRuns: 9 };

interface Figure {
  name: string;
  value: number;
  unit: string;
  /** `<= n` or `>= n` is checked; any other text is reported as is. */
  budget: string;
  /** What the figure is in Forge's quota, where it is quota units. */
  quota?: string;
}

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'static/dist');
const post = (url: string, path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const pct = (units: number, of: number) => `${Math.round((units / of) * 1000) / 10}%`;

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

/** One app call through the host, and what it cost (the host's headers). */
async function invoke<T>(url: string, as: string, moduleKey: string, functionKey: string, payload: unknown, issueKey?: string) {
  const res = await post(url, '/__local/invoke', { as, moduleKey, functionKey, payload, issueKey });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!body.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(body.error)}`);
  return { data: body.data as T, readUnits: Number(res.headers.get('x-kvs-read-units')), writeUnits: Number(res.headers.get('x-kvs-write-units')) };
}

/** The demo's SEC-1 opened in Chromium by IR staff (its first render), then one report save by the partner. */
async function panelFigures(): Promise<{ load: Record<string, number>; reportSaveWriteUnits: number }> {
  const host = await startHostProcess(undefined, { FORGE_LOCAL_DEMO: 'on' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await post(host.url, '/__local/reset', {});
    const page = await browser.newPage();
    // The issue view also shows the right-hand summary (its own module): only the panel's calls are counted.
    const panelCounts = async () => ((await (await fetch(`${host.url}/__local/metrics/modules`)).json()) as Record<string, Record<string, number>>)['incident-panel'] ?? {};
    const before = await panelCounts();
    await page.goto(`${host.url}/browse/SEC-1?as=ir-analyst`);
    const frame = await (await page.waitForSelector('iframe.forge-frame')).contentFrame();
    await frame!.getByTestId('viewer').waitFor();
    await page.waitForTimeout(300);
    const after = await panelCounts();
    const load = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
    const { data } = await invoke<{ incident: { version: number } }>(host.url, 'partner-acme', 'incident-panel', 'load', {}, 'SEC-1');
    const save = await invoke(host.url, 'partner-acme', 'incident-panel', 'saveReport', { version: data.incident.version, report: { ...PARTNER_REPORT, summary: { ...PARTNER_REPORT.summary, currentStatus: 'Contained; monitoring' } } }, 'SEC-1');
    return { load, reportSaveWriteUnits: save.writeUnits };
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The largest incident the panel accepts (as test/integration/sizes.test.ts builds it), loaded once. */
async function largestLoadReadUnits(): Promise<number> {
  const host = await startHostProcess();
  try {
    // Building it takes a few heavy saves in a second; a person would take days. Only the load is measured.
    await post(host.url, '/__local/kvs/quota', { unlimited: true });
    // Acme in the directory: SEC-1 becomes Acme's on its partner's first save.
    await configureSite({ base: host.url, link: false });
    const long = 'r'.repeat(10_000);
    const report = { ...PARTNER_REPORT, summary: { whatHappened: long, actionsTaken: long, currentStatus: long }, impact: { ...PARTNER_REPORT.impact, dataExposureDetail: long }, app: { ...PARTNER_REPORT.app, name: 'n'.repeat(200), appKey: 'k'.repeat(200) } };
    let version = (await invoke<{ version: number }>(host.url, 'partner-acme', 'incident-panel', 'saveReport', { version: 0, report }, 'SEC-1')).data.version;
    version = (await invoke<{ version: number }>(host.url, 'ir-analyst', 'incident-panel', 'saveIrNotes', { version, irNotes: 'i'.repeat(10_000) }, 'SEC-1')).data.version;
    const lines = Array.from({ length: 500 }, (_, i) => `https://exfil-${i}.example.com/`.padEnd(2048, 'a'));
    for (let at = 0; at < lines.length; at += 150) {
      version = (await invoke<{ incident: { version: number } }>(host.url, 'partner-acme', 'incident-panel', 'addIndicators', { version, text: lines.slice(at, at + 150).join('\n') }, 'SEC-1')).data.incident.version;
    }
    return (await invoke(host.url, 'ir-analyst', 'incident-panel', 'load', {}, 'SEC-1')).readUnits;
  } finally {
    await host.stop();
  }
}

/**
 * Storage audit-log import, end to end: console rows (sorted by day, as a download is) parsed by the settings
 * page's own module, sent in its requests through the host's /__local/invoke to the real resolver and stored in
 * the host's KVS, under Forge's quota. Each run imports the file into an emptied store, then again (all known).
 * Also the largest request as the bridge would send it (`{functionKey, payload}`), against Forge's 500 KB limit.
 */
async function auditImportFigures(runs: number, rows: number, days: number) {
  const csv = toStorageAuditCsv(consoleDownload(rows, days));
  const host: HostProcess = await startHostProcess();
  let maxInvokeBytes = 0;
  const rates: number[] = [];
  const units = { freshWrite: 0, freshRead: 0, againWrite: 0, againRead: 0 };
  const importOnce = async (importId: string) => {
    const before = await metrics(host.url);
    const started = performance.now();
    const sent = await importAuditFile(
      csv,
      async (payload) => {
        maxInvokeBytes = Math.max(maxInvokeBytes, Buffer.byteLength(JSON.stringify({ functionKey: 'storageAuditImport', payload })));
        try {
          return (await (await post(host.url, '/__local/invoke', { as: 'jira-admin', moduleKey: 'settings-page', functionKey: 'storageAuditImport', payload })).json()) as never;
        } catch {
          // As the bridge does: a failed connection is an envelope the import retries.
          return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
        }
      },
      { fileName: 'bench.csv', importId, backoffMs: 100 },
    );
    const seconds = (performance.now() - started) / 1000;
    const after = await metrics(host.url);
    if (sent.kind !== 'done') throw new Error(`audit import ${importId} stopped: ${JSON.stringify(sent).slice(0, 300)}`);
    return { sent, seconds, write: after.kvsWriteUnits! - before.kvsWriteUnits!, read: after.kvsReadUnits! - before.kvsReadUnits! };
  };
  try {
    for (let run = 0; run < runs; run++) {
      await post(host.url, '/__local/reset', {});
      await post(host.url, '/__local/invoke', { as: 'jira-admin', moduleKey: 'settings-page', functionKey: 'save', payload: { version: 0, settings: VALID_SETTINGS } });
      // The imported app must be in a partner's inventory (the partner directory).
      await post(host.url, '/__local/invoke', { as: 'jira-admin', moduleKey: 'settings-page', functionKey: 'savePartner', payload: { id: null, version: 0, partner: ACME_PARTNER } });
      const fresh = await importOnce(`bench-${run}`);
      if (fresh.sent.kind !== 'done' || fresh.sent.new !== rows) throw new Error(`audit import run ${run} did not store all ${rows} rows`);
      rates.push(rows / fresh.seconds);
      const again = await importOnce(`bench-${run}-again`);
      if (again.sent.kind !== 'done' || again.sent.known !== rows) throw new Error(`audit re-import run ${run} did not find all ${rows} rows known`);
      // Quota units do not vary between runs: the last run's are reported.
      Object.assign(units, { freshWrite: fresh.write, freshRead: fresh.read, againWrite: again.write, againRead: again.read });
    }
  } finally {
    await host.stop();
  }
  rates.sort((a, b) => a - b);
  const per1000 = (n: number) => Math.round((n / rows) * 1000 * 10) / 10;
  return { rowsPerSec: Math.round(rates[Math.floor(rates.length / 2)]!), maxInvokeBytes, writePer1000: per1000(units.freshWrite), readPer1000: per1000(units.freshRead), againWritePer1000: per1000(units.againWrite), againReadPer1000: per1000(units.againRead) };
}

const template = await demoIncidentRecord();
const panel = await panelFigures();
const largest = await largestLoadReadUnits();
const auditImport = await auditImportFigures(SIZES.importRuns, SIZES.importRows, SIZES.importDays);
const sweep = await sweepFigures(template, SIZES.sweepIncidents);
const globalPage = await globalFigures(template, SIZES.global, SIZES.globalRuns);
const R = DEFAULT_QUOTA.readUnitsPerWindow;
const W = DEFAULT_QUOTA.writeUnitsPerWindow;
const of100k = (per1000: number) => per1000 * 100;
const figures: Figure[] = [
  { name: 'panel.initialJsGzipKB', value: initialJsGzipKB('panel.html'), unit: 'KB', budget: '<= 110' },
  { name: 'panel.invokesPerLoad', value: panel.load.invokes!, unit: 'invokes', budget: '<= 1' },
  { name: 'panel.kvsOpsPerLoad', value: panel.load.kvsOps!, unit: 'ops', budget: '<= 2' },
  { name: 'panel.kvsReadUnitsPerLoad', value: panel.load.kvsReadUnits!, unit: 'read units', budget: '<= 3', quota: `${Math.floor(R / panel.load.kvsReadUnits!)} loads a minute use up the site's ${R} read units` },
  { name: 'panel.kvsReadUnitsPerLoadLargest', value: largest, unit: 'read units', budget: '<= 30', quota: `${pct(largest, R)} of a minute's read units` },
  { name: 'panel.jiraCallsPerLoad', value: panel.load.jiraCalls!, unit: 'calls', budget: '<= 2' },
  { name: 'report.save.kvsWriteUnits', value: panel.reportSaveWriteUnits, unit: 'write units', budget: '<= 6', quota: `${Math.floor(W / panel.reportSaveWriteUnits)} saves a minute use up the site's ${W} write units` },
  { name: 'global.firstPage.kvsOps', value: globalPage.kvsOps, unit: 'ops', budget: '<= 4 (settings; the page\'s records, one batch; their partners, one batch; the import log)' },
  { name: 'global.firstPage.kvsReadUnits', value: globalPage.kvsReadUnits, unit: 'read units', budget: 'reported', quota: `${pct(globalPage.kvsReadUnits, R)} of a minute's read units` },
  { name: 'global.firstPage.jiraCalls', value: globalPage.jiraCalls, unit: 'calls', budget: '<= 3 (identity, global permission, 1 search)' },
  { name: `global.firstPage.timeRatio${SIZES.global[1] / 1000}kVs${SIZES.global[0]}`, value: globalPage.ratio, unit: 'x', budget: '<= 1.5' },
  { name: 'sweep.kvsPages', value: sweep.pages, unit: 'pages', budget: '<= 3' },
  { name: 'sweep.kvsReadUnits', value: sweep.readUnits, unit: 'read units', budget: '<= 60', quota: `${pct(sweep.readUnits, R)} of a minute's read units (${SIZES.sweepIncidents} incidents, 10 due)` },
  { name: 'sweep.speedupVsScan', value: sweep.speedup, unit: 'x', budget: '>= 10' },
  { name: 'auditImport.rowsPerSec', value: auditImport.rowsPerSec, unit: 'rows/s', budget: '>= 20000' },
  { name: 'auditImport.kvsWriteUnitsPer1000Rows', value: auditImport.writePer1000, unit: 'write units', budget: '<= 50', quota: `a 100,000-row import is ${pct(of100k(auditImport.writePer1000), W)} of one minute's write quota` },
  { name: 'auditImport.kvsReadUnitsPer1000Rows', value: auditImport.readPer1000, unit: 'read units', budget: 'reported', quota: `a 100,000-row import is ${pct(of100k(auditImport.readPer1000), R)} of one minute's read quota` },
  { name: 'auditImport.reimport.kvsWriteUnitsPer1000Rows', value: auditImport.againWritePer1000, unit: 'write units', budget: '<= 50', quota: `re-importing 100,000 rows is ${pct(of100k(auditImport.againWritePer1000), W)} of one minute's write quota` },
  { name: 'auditImport.reimport.kvsReadUnitsPer1000Rows', value: auditImport.againReadPer1000, unit: 'read units', budget: 'reported', quota: `re-importing 100,000 rows is ${pct(of100k(auditImport.againReadPer1000), R)} of one minute's read quota` },
  { name: 'auditImport.maxInvokeBytes', value: auditImport.maxInvokeBytes, unit: 'bytes', budget: '<= 500000' },
  { name: 'backend.bundleKB', value: Math.round((statSync(join(root, 'dist/backend/index.cjs')).size / 1024) * 10) / 10, unit: 'KB', budget: 'reported' },
];

/** Whether a figure is within a `<= n` / `>= n` budget; undefined for a budget that is only reported. */
function within(f: Figure): boolean | undefined {
  const m = f.budget.match(/^(<=|>=) ([\d.]+)/);
  if (!m) return undefined;
  return m[1] === '<=' ? f.value <= Number(m[2]) : f.value >= Number(m[2]);
}

if (process.argv.includes('--json')) {
  for (const f of figures) console.log(JSON.stringify({ ...f, within: within(f) }));
} else {
  if (QUICK) console.log('Quick mode: small sizes (figures that depend on size are not comparable with the full run).');
  console.log("| figure | value | budget | within | Forge's quota |\n|---|---|---|---|---|");
  for (const f of figures) {
    const w = within(f);
    console.log(`| ${f.name} | ${f.value} ${f.unit} | ${f.budget} | ${w === undefined ? '' : w ? 'yes' : 'NO'} | ${f.quota ?? ''} |`);
  }
}

const missing = figures.filter((f) => typeof f.value !== 'number' || !Number.isFinite(f.value));
if (missing.length > 0) {
  console.error(`bench: figures missing or not a number: ${missing.map((f) => f.name).join(', ')}`);
  process.exit(1);
}
