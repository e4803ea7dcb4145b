import { join } from 'node:path';
import { KvsStore, type WriteOp } from '../local/kvs/store';
import { entityDefsFromManifest } from '../local/kvs/entities';
import { readManifest } from '../local/manifest';
import { startHostProcess, type HostProcess } from '../test/support/host-process';

/** A stored incident record as the app writes it: version, document, trail head, indexed attributes. */
export type IncidentRecord = Record<string, unknown> & { doc: Record<string, unknown> };

/**
 * The stored record of the demo's SEC-1 (a joint incident with an outreach awaiting acknowledgment), written
 * by the app's own functions: the template of every bulk incident, so the fixtures are records the app could
 * have written, whole, and not a partial shape the app was never meant to read.
 */
export async function demoIncidentRecord(): Promise<IncidentRecord> {
  const host = await startHostProcess(undefined, { FORGE_LOCAL_DEMO: 'on' });
  try {
    const r = await fetch(`${host.url}/__local/store/get?key=10001&entityName=incident`);
    if (!r.ok) throw new Error(`the demo's SEC-1 record is missing: ${r.status}`);
    return (await r.json()) as IncidentRecord;
  } finally {
    await host.stop();
  }
}

/** The template record as bulk issue `n` (SEC-1001…, ids 200001…, as FORGE_LOCAL_BULK_ISSUES creates them). */
export function bulkIncident(template: IncidentRecord, n: number, attributes: Record<string, string | undefined>): { key: string; value: IncidentRecord } {
  const issueId = String(200_001 + n);
  const issueKey = `SEC-${1001 + n}`;
  const value: IncidentRecord = { ...template, issueId, issueKey, doc: { ...template.doc, issueKey } };
  // Attributes given as undefined are absent: an index only holds values that have all its attributes.
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined) delete value[k];
    else value[k] = v;
  }
  return { key: issueId, value };
}

/** A stopped host's data directory with `n` bulk issues in Jira and records written straight into its store. */
export async function hostWithIncidents(n: number, record: (i: number) => { key: string; value: IncidentRecord }): Promise<{ dataDir: string; env: Record<string, string> }> {
  const env = { FORGE_LOCAL_BULK_ISSUES: String(n) };
  const first: HostProcess = await startHostProcess(undefined, env);
  await first.stop();
  const store = new KvsStore(join(first.dataDir, 'kvs'), entityDefsFromManifest(readManifest('manifest.yml').raw));
  const ops: WriteOp[] = [];
  for (let i = 0; i < n; i++) {
    const { key, value } = record(i);
    ops.push({ type: 'set', space: { kind: 'entity', entity: 'incident' }, key, value });
  }
  for (let i = 0; i < ops.length; i += 1000) store.write(ops.slice(i, i + 1000));
  await store.close();
  return { dataDir: first.dataDir, env };
}
