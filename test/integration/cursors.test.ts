import { beforeAll, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, reset, type Persona } from '../support/client';
import { validPayload } from '../support/payloads';
import { configureSite } from '../support/directory';
import { PANEL } from '../../src/contract/panel';
import { GLOBAL } from '../../src/contract/global';
import { ADMIN } from '../../src/contract/admin';
import type { FunctionMap } from '../../src/contract/fn';

type Schema = { entries?: Record<string, unknown>; pipe?: Schema[] };
const entriesOf = (s: Schema): Record<string, unknown> => s.entries ?? (s.pipe?.[0] ? entriesOf(s.pipe[0]) : {});
/** Every function whose request takes a cursor, found from the contracts so a new one is covered too. */
const withCursor = (contract: FunctionMap) => Object.keys(contract).filter((fn) => 'cursor' in entriesOf(contract[fn]!.input as Schema));

const MODULE_CASES: [string, Persona, FunctionMap][] = [
  [MODULES.panel, 'ir-analyst', PANEL],
  [MODULES.global, 'ir-analyst', GLOBAL],
  [MODULES.admin, 'jira-admin', ADMIN],
];
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const MALFORMED = ['not a cursor!', 'abc', b64('[1]'), b64('{"after":"x"}'), b64('["a","b","c"]'), b64('[null,"k"]')];
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

beforeAll(async () => {
  await reset();
  // The directory's own functions page too: Acme and Globex exist.
  await configureSite({ link: false });
});

describe('a malformed cursor', () => {
  it('is found in every module', () => {
    expect(withCursor(PANEL)).toEqual(expect.arrayContaining(['history', 'verifyHistory']));
    expect(withCursor(GLOBAL)).toEqual(['queue']);
    expect(withCursor(ADMIN)).toEqual(expect.arrayContaining(['history', 'verifyHistory', 'storageAuditArchive', 'storageAuditExport', 'storageAuditFootprint']));
  });

  for (const [moduleKey, as, contract] of MODULE_CASES) {
    for (const fn of withCursor(contract)) {
      it(`is INVALID_INPUT naming the cursor for ${moduleKey}.${fn}, and writes nothing`, async () => {
        const base = (await validPayload(moduleKey, fn, as, 'SEC-1')) as Record<string, unknown>;
        const before = await digest();
        for (const cursor of MALFORMED) {
          const r = await invoke(as, moduleKey, fn, { ...base, cursor }, moduleKey === MODULES.panel ? 'SEC-1' : undefined);
          expect(r.error?.code, `${fn} with ${cursor}`).toBe('INVALID_INPUT');
          expect(r.error?.fields?.cursor, `${fn} with ${cursor}`).toBeDefined();
        }
        expect(await digest()).toBe(before);
      });
    }
  }
});
