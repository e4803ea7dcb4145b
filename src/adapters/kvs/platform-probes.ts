import { kvs, Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { auditEntryKey, ENTITIES } from './entities';
import { batchFound, isConditionFailure, isMissingKey } from './platform-assumptions';

/** What one probe saw: whether the assumption held and the platform's own answer. */
export interface Probe {
  holds: boolean;
  observed: string;
}

interface Scratch {
  version: number;
  doc: { probe: true };
  auditSeq: number;
  auditHash: string;
}

const codeOf = (e: unknown) => String((e as { code?: unknown })?.code ?? (e instanceof Error ? e.message : e));

/**
 * Exercises each KVS behaviour platform-assumptions.ts names, in a scratch key space of its own
 * (`selftest:<run id>:…`, in the settings entity, which has no index, and one audit-entry stream nothing
 * reads), and deletes every key it wrote, whatever happened.
 */
export async function runProbes(): Promise<{ probes: Record<string, Probe>; cleanedUp: boolean }> {
  const run = `selftest:${randomUUID()}`;
  const first = `${run}:first`;
  const missing = `${run}:missing`;
  const stream = `${run}:stream`;
  const entryKey = auditEntryKey(stream, 1);
  const records = kvs.entity<Scratch>(ENTITIES.settings);
  const scratch: Scratch = { version: 1, doc: { probe: true }, auditSeq: 0, auditHash: 'selftest' };
  const probes: Record<string, Probe> = {};
  try {
    try {
      await kvs.transact().set(first, scratch, { entityName: ENTITIES.settings, conditions: new Filter<Scratch>().and('version', FilterConditions.notExists()) }).execute();
      probes['not-exists-on-missing-key'] = { holds: true, observed: 'The conditional write on a missing key succeeded.' };
    } catch (e) {
      probes['not-exists-on-missing-key'] = { holds: false, observed: `The conditional write on a missing key failed: ${codeOf(e)}.` };
      await records.set(first, scratch);
    }

    try {
      await kvs.transact().set(first, scratch, { entityName: ENTITIES.settings, conditions: new Filter<Scratch>().and('version', FilterConditions.equalTo(999)) }).execute();
      probes['failed-condition-code'] = { holds: false, observed: 'A write whose condition is false succeeded.' };
    } catch (e) {
      const status = (e as { responseDetails?: { status?: unknown } })?.responseDetails?.status;
      probes['failed-condition-code'] = { holds: isConditionFailure(e), observed: `Failed with code ${codeOf(e)}${status ? ` (HTTP ${String(status)})` : ''}.` };
    }

    const r = await kvs.batchGet<Scratch>([{ key: first, entityName: ENTITIES.settings }, { key: missing, entityName: ENTITIES.settings }]);
    const failed = r.failedKeys.find((f) => f.key === missing);
    const listed = r.successfulKeys.find((s) => s.key === missing);
    const how = failed ? `listed in failedKeys with code ${failed.error.code}` : listed ? 'listed in successfulKeys without a value' : 'left out of both lists';
    let readable = true;
    try {
      readable = batchFound(r).some((s) => s.key === first);
    } catch {
      readable = false;
    }
    probes['batch-get-missing-key'] = { holds: readable && (!failed || isMissingKey(failed.error.code)) && !listed?.value, observed: `The missing key was ${how}.` };

    const got = await records.get(missing).then(
      (v) => (v === undefined ? 'undefined' : 'a value'),
      (e: unknown) => `an error ${codeOf(e)}`,
    );
    probes['get-missing-key'] = { holds: got === 'undefined', observed: `A get of a missing key answered ${got}.` };

    await kvs.entity(ENTITIES.auditEntry).set(entryKey, { stream, seq: 1, entry: { probe: true } });
    const page = await kvs.entity<{ stream: string }>(ENTITIES.auditEntry).query().index('by-stream', { partition: [stream] }).where(WhereConditions.greaterThanEqualTo(0)).limit(1).getMany();
    probes['index-read-after-write'] = { holds: page.results.length === 1, observed: page.results.length === 1 ? 'The index query right after the write returned it.' : 'The index query right after the write did not return it yet.' };
  } finally {
    // Each delete on its own: one that fails must not leave the others behind (`missing` was never written).
    const deletes = await Promise.allSettled([records.delete(first), kvs.entity(ENTITIES.auditEntry).delete(entryKey)]);
    probes.cleanup = { holds: deletes.every((d) => d.status === 'fulfilled'), observed: '' };
  }
  const { cleanup, ...rest } = probes;
  return { probes: rest, cleanedUp: cleanup?.holds ?? false };
}
