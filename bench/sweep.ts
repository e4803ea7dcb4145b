import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KvsStore } from '../local/kvs/store';
import { entityDefsFromManifest } from '../local/kvs/entities';
import { readManifest } from '../local/manifest';
import { startHostProcess } from '../test/support/host-process';
import { bulkIncident, hostWithIncidents, type IncidentRecord } from './fixtures';

const DUE = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface SweepFigures {
  pages: number;
  readUnits: number;
  speedup: number;
}

/**
 * `incidents` incidents (whole records, copies of the demo's SEC-1) of which 10 have a clock due: the scheduled
 * trigger's KVS query pages and quota units through the host, and the time to find the due incidents through
 * the index against a naive scan of every incident.
 */
export async function sweepFigures(template: IncidentRecord, incidents = 10_000): Promise<SweepFigures> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  // Due clocks sit a minute before now; the others are a day ahead or have nothing owed (no attribute).
  const fixture = await hostWithIncidents(incidents, (i) => bulkIncident(template, i, { ackCheckAt: i < DUE ? iso(now - 60_000) : i % 2 ? iso(now + 86_400_000) : undefined, retentionCheckAt: undefined, updatedAt: iso(now - i * 1000) }));

  const store = new KvsStore(join(fixture.dataDir, 'kvs'), entityDefsFromManifest(readManifest('manifest.yml').raw));
  const at = iso(now);
  const indexed = () => {
    let cursor: string | undefined;
    do cursor = store.entityQuery({ entity: 'incident', index: 'by-ack-check', range: { condition: 'LESS_THAN_EQUAL_TO', values: [at] }, limit: 100, cursor }).cursor;
    while (cursor);
  };
  const naive = () => {
    let cursor: string | undefined;
    do {
      const r = store.entityQuery({ entity: 'incident', index: 'updatedAt', limit: 100, cursor });
      r.data.filter((x) => ((x.value as { ackCheckAt?: string }).ackCheckAt ?? '\uffff') <= at);
      cursor = r.cursor;
    } while (cursor);
  };
  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  const speedups: number[] = [];
  for (let run = 0; run < 5; run++) speedups.push(time(naive) / time(indexed));
  await store.close();

  const host = await startHostProcess(fixture.dataDir, fixture.env);
  try {
    const res = await fetch(`${host.url}/__local/triggers/timers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const r = (await res.json()) as { result?: { statusCode?: number }; counts?: { kvsQueries: number; kvsReadUnits: number } };
    if (!r.counts || r.result?.statusCode !== 204) throw new Error(`the sweep failed: ${res.status} ${JSON.stringify(r).slice(0, 300)}`);
    return { pages: r.counts.kvsQueries, readUnits: r.counts.kvsReadUnits, speedup: Math.round(median(speedups) * 10) / 10 };
  } finally {
    await host.stop();
  }
}
