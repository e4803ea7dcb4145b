import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { control, invoke, MODULES, reset, type Envelope, type Persona, setQuota } from '../support/client';
import { configureSite } from '../support/directory';
import { validPayload } from '../support/payloads';
import { MODULE_CONTRACTS } from '../../src/contract/modules';
import type { FunctionMap } from '../../src/contract/fn';

/**
 * Hostile input: for every function of every module, generated payloads that the function's contract refuses
 * (wrong types, huge strings, deep nesting, `__proto__`/`constructor` keys, missing and unknown fields) are
 * answered INVALID_INPUT for a caller who may use the function and FORBIDDEN for one who may not, and the
 * store stays byte-for-byte the same. CONFLICT never comes back: input is validated before any version check,
 * so an invalid payload never reaches the record (a CONFLICT here would mean the use case ran unvalidated).
 *
 * HOSTILE_RUNS lowers the count for a quick local run; `npm test` runs the full 1,000 per function.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 1000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261118);
const BATCH = 16;
const ONE_IN_FORBIDDEN = 10;

interface FunctionsEntry {
  moduleKey: string;
  moduleType: string;
  functionKeys: string[];
}
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Who may call the module's functions (IR staff, or the partner for the partner's own steps), and who has no role there. */
const CALLERS: Record<string, { allowed: Persona[]; stranger: Persona; issueKey?: string }> = {
  [MODULES.panel]: { allowed: ['ir-analyst', 'partner-acme'], stranger: 'partner-globex', issueKey: 'SEC-1' },
  [MODULES.context]: { allowed: ['ir-analyst', 'partner-acme'], stranger: 'partner-globex', issueKey: 'SEC-1' },
  [MODULES.global]: { allowed: ['ir-analyst', 'partner-acme'], stranger: 'jira-admin' },
  [MODULES.admin]: { allowed: ['jira-admin'], stranger: 'ir-analyst' },
};
const callerOf = new Map<string, Persona>();

/** The first caller the function does not refuse outright (the authorization matrix checks who exactly). */
async function allowedCaller(moduleKey: string, fn: string): Promise<Persona> {
  const { allowed, issueKey } = CALLERS[moduleKey]!;
  for (const as of allowed) if ((await invoke(as, moduleKey, fn, [], issueKey)).error?.code !== 'FORBIDDEN') return as;
  throw new Error(`${moduleKey}.${fn} refuses ${allowed.join(', ')}`);
}

const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;

/** Sets an own property, even one named `__proto__` (plain assignment would replace the prototype). */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

function containerAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

// ---- hostile values ----------------------------------------------------------------------------------------

const PROTO_JSON = '{"__proto__":{"polluted":"yes","role":"ir","isAdmin":true,"allow":["partner","admin"]},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';
const protoObject = fc.constant(null).map(() => JSON.parse(PROTO_JSON) as Json);
const hugeString = fc
  .tuple(fc.integer({ min: 10_001, max: 120_000 }), fc.constantFrom('x', '<img src=x onerror=alert(1)>', '\u0000', '😀', '\u202e', ' '))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const deepNesting = fc.tuple(fc.integer({ min: 32, max: 2000 }), fc.boolean()).map(([depth, asArray]) => {
  let x: Json = 'bottom';
  for (let i = 0; i < depth; i++) x = asArray ? [x] : { a: x };
  return x;
});
const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '-1', 'NaN', '1e309', '0x10', 'true', '2026-02-30T25:61:00Z', 'javascript:alert(1)', '../../etc/passwd', "'; DROP TABLE x; --"),
  fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER + 2, -0, 1e308),
  fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 4 }),
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof({ weight: 5, arbitrary: wrongType }, { weight: 1, arbitrary: hugeString }, { weight: 1, arbitrary: deepNesting }, { weight: 2, arbitrary: protoObject });
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'issueKey', 'accountId', 'role'), fc.string({ maxLength: 12 }));

/** Payloads derived from a valid one (so they get deep into the schema) and payloads of any shape. */
function hostilePayloads(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const replace = fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, value]) => {
    if (path.length === 0) return value;
    const copy = structuredClone(base);
    put(containerAt(copy, path.slice(0, -1)) as Record<string, unknown>, path.at(-1)!, value);
    return copy;
  });
  const objectPaths = paths.filter((p) => {
    const node = containerAt(base, p);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  const addKey = fc.tuple(fc.constantFrom(...objectPaths), hostileKey, hostileValue).map(([path, key, value]) => {
    const copy = structuredClone(base);
    put(containerAt(copy, path) as Record<string, unknown>, key, value);
    return copy;
  });
  const keyPaths = paths.filter((p) => p.length > 0 && typeof p.at(-1) === 'string');
  const drop = keyPaths.length
    ? fc.constantFrom(...keyPaths).map((path) => {
        const copy = structuredClone(base);
        delete (containerAt(copy, path.slice(0, -1)) as Record<string, unknown>)[path.at(-1) as string];
        return copy;
      })
    : replace;
  const anyShape = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(hostileKey, hostileValue, { minKeys: 1, maxKeys: 4 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(entries)) put(o, k, x);
      return o;
    }),
  );
  return fc.oneof({ weight: 4, arbitrary: replace }, { weight: 3, arbitrary: addKey }, { weight: 1, arbitrary: drop }, { weight: 2, arbitrary: anyShape });
}

/** The payload as the resolver receives it: through JSON, and a falsy one read as `{}` (@forge/resolver: `payload || {}`). */
const onTheWire = (payload: unknown): unknown => (JSON.parse(JSON.stringify(payload ?? {})) as unknown) || {};

const contracts = MODULE_CONTRACTS as unknown as Record<string, FunctionMap>;
let modules: FunctionsEntry[] = [];
const bases = new Map<string, unknown>();
let start = '';

beforeAll(async () => {
  await reset();
  // Tens of thousands of calls in a few minutes, far more than a site makes: Forge's per-minute storage quota
  // would throttle them, which is not what this suite tests (kvs-quota.test.ts does).
  await setQuota({ readUnitsPerWindow: 10_000_000, writeUnitsPerWindow: 10_000_000 });
  await configureSite();
  modules = (await control<FunctionsEntry[]>('/__local/functions')).body;
  // Valid payloads first (they may prepare an indicator or an outreach); the store must not move after this.
  for (const m of modules) {
    for (const fn of m.functionKeys) {
      const as = await allowedCaller(m.moduleKey, fn);
      callerOf.set(`${m.moduleKey}.${fn}`, as);
      bases.set(`${m.moduleKey}.${fn}`, await validPayload(m.moduleKey, fn, as, CALLERS[m.moduleKey]!.issueKey));
    }
  }
  start = await digest();
}, 120_000);

/** One reason a response is wrong, or undefined. */
function problemWith(r: Envelope & { status: number }, expected: 'INVALID_INPUT' | 'FORBIDDEN'): string | undefined {
  if (r.ok) return `answered ok: ${JSON.stringify(r.data).slice(0, 200)}`;
  // Over Forge's 500 KB invoke limit: refused by the platform before anyone is asked who the caller is.
  if (r.status === 413 && r.error?.code === 'INVALID_INPUT') return undefined;
  if (r.error?.code !== expected) return `answered ${JSON.stringify(r.error).slice(0, 300)} (HTTP ${r.status})`;
  if (/\n\s+at |node_modules|\.cjs:\d/.test(JSON.stringify(r.error))) return 'leaked a stack trace';
  if (JSON.stringify(r).includes('polluted')) return 'echoed a prototype-pollution value';
  if (expected === 'FORBIDDEN' && r.error.fields) return 'told a stranger about its schema';
  return undefined;
}

describe('hostile input', () => {
  const all: [string, string][] = Object.entries(contracts).flatMap(([moduleKey, fns]) => Object.keys(fns).map((fn): [string, string] => [moduleKey, fn]));

  it('covers every function the host serves', () => {
    const served = modules.flatMap((m) => m.functionKeys.map((fn) => `${m.moduleKey}.${fn}`)).sort();
    expect(all.map(([m, fn]) => `${m}.${fn}`).sort()).toEqual(served);
  });

  for (const [moduleKey, fn] of all) {
    it(`${moduleKey}.${fn}: ${RUNS} invalid payloads → INVALID_INPUT (or FORBIDDEN for a stranger), store unchanged`, async () => {
      const schema = contracts[moduleKey]![fn]!.input;
      const base = bases.get(`${moduleKey}.${fn}`);
      // Only payloads the contract refuses: a generated payload that happens to be valid is not hostile.
      const arb = hostilePayloads(base).map(onTheWire).filter((p) => !v.safeParse(schema, p).success);
      const payloads = fc.sample(arb, { numRuns: RUNS, seed: SEED + fn.length * 7919 + moduleKey.length });
      expect(payloads).toHaveLength(RUNS);
      const { stranger, issueKey } = CALLERS[moduleKey]!;
      const allowed = callerOf.get(`${moduleKey}.${fn}`)!;
      const failures: string[] = [];
      for (let i = 0; i < payloads.length; i += BATCH) {
        const batch = payloads.slice(i, i + BATCH);
        const results = await Promise.all(
          batch.map(async (payload, j) => {
            const asStranger = (i + j) % ONE_IN_FORBIDDEN === 0;
            const r = await invoke(asStranger ? stranger : allowed, moduleKey, fn, payload, issueKey);
            const problem = problemWith(r, asStranger ? 'FORBIDDEN' : 'INVALID_INPUT');
            return problem && `#${i + j} as ${asStranger ? stranger : allowed}: ${problem}; payload ${JSON.stringify(payload).slice(0, 300)}`;
          }),
        );
        failures.push(...results.filter((x): x is string => !!x));
        // Every call of the batch was rejected and none deletes: had any written, the digest would differ now.
        const now = await digest();
        if (now !== start) {
          failures.push(`the store changed during payloads #${i}..#${i + batch.length - 1}: ${batch.map((p) => JSON.stringify(p).slice(0, 200)).join(' | ')}`);
          break;
        }
        if (failures.length > 20) break;
      }
      expect(failures, `seed ${SEED}`).toEqual([]);
    }, 300_000);
  }

  it('leaves no polluted prototype behind: roles and permissions answer as before', async () => {
    const acme = await invoke<{ viewer: { role: string } }>('partner-acme', MODULES.panel, 'load', {}, 'SEC-1');
    expect(acme.data?.viewer.role).toBe('partner');
    expect(JSON.stringify(acme)).not.toContain('polluted');
    expect((await invoke('partner-acme', MODULES.panel, 'saveIrNotes', { version: 0, irNotes: 'x' }, 'SEC-1')).error?.code).toBe('FORBIDDEN');
    expect((await invoke('ir-analyst', MODULES.admin, 'load')).error?.code).toBe('FORBIDDEN');
    expect((await invoke('outsider', MODULES.panel, 'load', {}, 'SEC-1')).error?.code).toBe('FORBIDDEN');
    expect(await digest()).toBe(start);
  });
});
