import { runProbes } from '../adapters/kvs/platform-probes';
import { ASSUMPTION_IDS, type Assumption, type SelfTest } from '../contract/site';
import type { Call } from './session';

type Explained = Omit<Assumption, 'id' | 'holds' | 'observed'>;

/** Each assumption the app makes about Forge KVS: what it is, where it comes from, and what the app does either way. */
const EXPLAINED: Record<(typeof ASSUMPTION_IDS)[number], Explained> = {
  'not-exists-on-missing-key': {
    title: 'A notExists() condition passes on a key that does not exist',
    ifHolds: 'The first save of an incident, a partner or the settings, a partner\u2019s claim on a group or app, and a new day of the storage audit archive are each part of one conditional transaction.',
    ifNot: 'A write that fails on keys still absent creates them only if absent (FAIL_IF_EXISTS): a first save on a placeholder, a partner\u2019s claims before its save (deleted again if the save is lost), a new archive day before the rest. Still one winner each time.',
    source: 'Undocumented (the transaction docs show conditions on existing values only).',
  },
  'failed-condition-code': {
    title: 'A failed transaction condition is reported as a condition failure',
    ifHolds: 'Two people saving the same version: one saves, the other gets CONFLICT and sees the newer values.',
    ifNot: 'An unrecognised code would surface as an internal error instead of CONFLICT; nothing would be written either way.',
    source: 'Undocumented: CONDITIONAL_CHECK_FAILED is in no doc and no package test; any code naming a condition, or HTTP 409/412, counts.',
  },
  'batch-get-missing-key': {
    title: 'batchGet reports a missing key as absent (left out, empty, or KEY_NOT_FOUND / NOT_FOUND)',
    ifHolds: 'An incident and its indicator chunks are read in one batch; missing chunks are simply absent.',
    ifNot: 'Any other failed key stops the read with an error, so an incident is never shown with indicators missing.',
    source: 'Undocumented (kvs-batch docs); the client treats KEY_NOT_FOUND as absent, the error table says NOT_FOUND.',
  },
  'get-missing-key': {
    title: 'A get of a missing key answers undefined',
    ifHolds: 'A record never saved reads as its defaults.',
    ifNot: 'The platform answers a code @forge/kvs does not treat as absent (it expects KEY_NOT_FOUND): reads of new records would fail.',
    source: '@forge/kvs storage-api.js handles KEY_NOT_FOUND; the docs error table says NOT_FOUND.',
  },
  'index-read-after-write': {
    title: 'An index query sees a write made just before it',
    ifHolds: 'Nothing depends on it: it is reported for information.',
    ifNot: 'Documented as not guaranteed (queries are eventually consistent). Records are read by key before a change, and a sweep that misses a fresh write catches it on its next run.',
    source: 'Documented: kvs.query is eventually consistent, get strictly consistent.',
  },
};

/** Runs every probe in a scratch key space it cleans up, and explains each answer. */
export async function platformSelfTest(call: Call): Promise<SelfTest> {
  const { probes, cleanedUp } = await runProbes();
  const assumptions = ASSUMPTION_IDS.map((id): Assumption => {
    const p = probes[id] ?? { holds: false, observed: 'Not run: an earlier step failed.' };
    return { id, ...EXPLAINED[id], holds: p.holds, observed: p.observed };
  });
  return { ranAt: call.now.toISOString(), assumptions, cleanedUp };
}
