import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KvsStore, type WriteOp } from '../local/kvs/store';
import { entityDefsFromManifest } from '../local/kvs/entities';
import { readManifest } from '../local/manifest';
import { startHostProcess } from '../test/support/host-process';

const INCIDENTS = 10_000;
const DUE = 10;
const NOW = '2026-11-23T12:00:00.000Z';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * 10,000 incidents of which 10 have a clock due: the scheduled trigger's KVS query pages through the host,
 * and the time to find the due incidents through the index against a naive scan of every incident.
 */
export async function sweepFigures(): Promise<{ pages: number; speedup: number }> {
  const host = await startHostProcess();
  await host.stop();
  const store = new KvsStore(join(host.dataDir, 'kvs'), entityDefsFromManifest(readManifest('manifest.yml').raw));
  const ops: WriteOp[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const id = String(100_000 + i);
    // Due clocks sit before NOW; the others are hours ahead or have nothing owed (no attribute).
    const ackCheckAt = i < DUE ? '2026-11-23T11:00:00.000Z' : i % 2 ? '2026-11-24T09:00:00.000Z' : undefined;
    ops.push({ type: 'set', space: { kind: 'entity', entity: 'incident' }, key: id, value: { issueId: id, issueKey: `SEC-${id}`, version: 1, doc: {}, auditSeq: 0, auditHash: '0'.repeat(64), updatedAt: NOW, ...(ackCheckAt ? { ackCheckAt } : {}) } });
  }
  for (let i = 0; i < ops.length; i += 1000) store.write(ops.slice(i, i + 1000));

  const indexed = () => {
    let pages = 0;
    let cursor: string | undefined;
    do {
      const r = store.entityQuery({ entity: 'incident', index: 'by-ack-check', range: { condition: 'LESS_THAN_EQUAL_TO', values: [NOW] }, limit: 100, cursor });
      pages++;
      cursor = r.cursor;
    } while (cursor);
    return pages;
  };
  const naive = () => {
    let due = 0;
    let cursor: string | undefined;
    do {
      const r = store.entityQuery({ entity: 'incident', index: 'updatedAt', limit: 100, cursor });
      due += r.data.filter((x) => ((x.value as { ackCheckAt?: string }).ackCheckAt ?? '\uffff') <= NOW).length;
      cursor = r.cursor;
    } while (cursor);
    return due;
  };
  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  const speedups: number[] = [];
  for (let run = 0; run < 5; run++) speedups.push(time(naive) / time(indexed));
  await store.close();

  const again = await startHostProcess(host.dataDir);
  try {
    await fetch(`${again.url}/__local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: NOW }) });
    const r = (await (await fetch(`${again.url}/__local/triggers/timers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { counts: { kvsQueries: number } };
    return { pages: r.counts.kvsQueries, speedup: Math.round(median(speedups) * 10) / 10 };
  } finally {
    await again.stop();
  }
}
