import { performance } from 'node:perf_hooks';
import { startHostProcess } from '../test/support/host-process';
import { bulkIncident, hostWithIncidents, type IncidentRecord } from './fixtures';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A host whose Jira has `n` extra issues and whose store holds an incident record (a copy of SEC-1's) for each. */
async function hostWith(template: IncidentRecord, n: number) {
  const fixture = await hostWithIncidents(n, (i) => {
    const id = String(200_001 + i);
    const due = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
    return bulkIncident(template, i, { updatedAt: due, dueSort: `${due}#${id.padStart(12, '0')}`, supportLevel: i % 2 ? 'joint' : 'async', phase: 'investigation', ackState: 'acknowledged', ackCheckAt: undefined, searchText: `sec-${1001 + i} benchmark incident ${i + 1}` });
  });
  return startHostProcess(fixture.dataDir, fixture.env);
}

async function firstPage(url: string) {
  const res = await fetch(`${url}/__local/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'ir-analyst', moduleKey: 'incidents-page', functionKey: 'load', payload: {} }) });
  const body = (await res.json()) as { ok: boolean; data?: { page: { rows: unknown[] } } };
  if (!body.ok || body.data!.page.rows.length === 0) throw new Error(`global load failed: ${JSON.stringify(body).slice(0, 200)}`);
  return { kvsOps: Number(res.headers.get('x-kvs-ops')), kvsQueries: Number(res.headers.get('x-kvs-queries')), kvsReadUnits: Number(res.headers.get('x-kvs-read-units')), jiraCalls: Number(res.headers.get('x-jira-calls')) };
}

/** The global page's first page (its `load`) with 100 and with 10,000 incidents: KVS and Jira counts, and time. */
export async function globalFigures(template: IncidentRecord, sizes: [small: number, large: number] = [100, 10_000], runs = 9) {
  const times: Record<number, number> = {};
  let counts = { kvsOps: 0, kvsQueries: 0, kvsReadUnits: 0, jiraCalls: 0 };
  for (const n of sizes) {
    const host = await hostWith(template, n);
    try {
      await firstPage(host.url); // warm up
      const t: number[] = [];
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const c = await firstPage(host.url);
        t.push(performance.now() - start);
        if (n === sizes[1]) counts = c;
      }
      times[n] = median(t);
    } finally {
      await host.stop();
    }
  }
  return { ...counts, ratio: Math.round((times[sizes[1]]! / times[sizes[0]]!) * 100) / 100 };
}
