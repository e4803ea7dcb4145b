import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KvsStore, type WriteOp } from '../local/kvs/store';
import { entityDefsFromManifest } from '../local/kvs/entities';
import { readManifest } from '../local/manifest';
import { startHostProcess } from '../test/support/host-process';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A host whose Jira has `n` extra issues and whose store holds an incident record for each. */
async function hostWith(n: number) {
  const env = { FORGE_LOCAL_BULK_ISSUES: String(n) };
  const first = await startHostProcess(undefined, env);
  await first.stop();
  const store = new KvsStore(join(first.dataDir, 'kvs'), entityDefsFromManifest(readManifest('manifest.yml').raw));
  const ops: WriteOp[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(200_001 + i);
    const due = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
    ops.push({
      type: 'set',
      space: { kind: 'entity', entity: 'incident' },
      key: id,
      value: { issueId: id, issueKey: `SEC-${1001 + i}`, version: 1, doc: {}, auditSeq: 0, auditHash: '0'.repeat(64), updatedAt: due, dueSort: `${due}#${id.padStart(12, '0')}`, supportLevel: i % 2 ? 'joint' : 'async', phase: 'investigation', ackState: 'acknowledged' },
    });
  }
  for (let i = 0; i < ops.length; i += 1000) store.write(ops.slice(i, i + 1000));
  await store.close();
  return startHostProcess(first.dataDir, env);
}

async function firstPage(url: string) {
  const res = await fetch(`${url}/__local/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'ir-analyst', moduleKey: 'incidents-page', functionKey: 'load', payload: {} }) });
  const body = (await res.json()) as { ok: boolean; data?: { page: { rows: unknown[] } } };
  if (!body.ok || body.data!.page.rows.length === 0) throw new Error(`global load failed: ${JSON.stringify(body).slice(0, 200)}`);
  return { kvsOps: Number(res.headers.get('x-kvs-ops')), kvsQueries: Number(res.headers.get('x-kvs-queries')), jiraCalls: Number(res.headers.get('x-jira-calls')) };
}

/** The global page's first page (its `load`) with 100 and with 10,000 incidents: KVS and Jira counts, and time. */
export async function globalFigures(runs = 9) {
  const times: Record<number, number> = {};
  let counts = { kvsOps: 0, kvsQueries: 0, jiraCalls: 0 };
  for (const n of [100, 10_000]) {
    const host = await hostWith(n);
    try {
      await firstPage(host.url); // warm up
      const t: number[] = [];
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const c = await firstPage(host.url);
        t.push(performance.now() - start);
        if (n === 10_000) counts = c;
      }
      times[n] = median(t);
    } finally {
      await host.stop();
    }
  }
  return { ...counts, ratio: Math.round((times[10_000]! / times[100]!) * 100) / 100 };
}
