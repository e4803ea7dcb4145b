import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsStore } from '../../local/kvs/store';
import { handleKvs } from '../../local/kvs/protocol';
import type { EntityDef } from '../../local/kvs/entities';

// The real @forge/kvs client, talking the wire protocol to the local host's store (no mocks).
const entities = new Map<string, EntityDef>([
  ['clock', { name: 'clock', attributes: { incident: { type: 'string' }, dueAt: { type: 'integer' }, state: { type: 'string' }, body: { type: 'any' } }, indexes: [{ name: 'by-due', range: 'dueAt', partition: [] }, { name: 'by-incident', range: 'dueAt', partition: ['incident'] }] }],
]);
let dir: string;
let store: KvsStore;

const g = globalThis as Record<string, unknown>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvs-'));
  store = new KvsStore(dir, entities);
  g.__forge_fetch__ = async (_target: unknown, path: string, init: RequestInit) => {
    const r = handleKvs(store, path, JSON.parse(String(init.body)));
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status });
  };
});
afterAll(() => store.close());
beforeEach(() => store.clear());

const { kvs, WhereConditions, Filter, FilterConditions, Sort } = await import('@forge/kvs');

describe('local KVS through the real @forge/kvs client', () => {
  it('gets what was set, and undefined for a missing key (KEY_NOT_FOUND 404)', async () => {
    await kvs.set('incident:10001', { a: 1 });
    expect(await kvs.get('incident:10001')).toEqual({ a: 1 });
    expect(await kvs.get('missing')).toBeUndefined();
    await kvs.delete('incident:10001');
    expect(await kvs.get('incident:10001')).toBeUndefined();
  });

  it("enforces Forge's key rules and value size with Forge's error codes", async () => {
    await expect(kvs.set('a/b', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kvs.set('k'.repeat(501), 1)).rejects.toMatchObject({ code: 'KEY_TOO_LONG' });
    await expect(kvs.set('big', 'x'.repeat(240 * 1024))).rejects.toMatchObject({ code: 'MAX_SIZE' });
    await kvs.set('fits', 'x'.repeat(240 * 1024 - 2));
    expect(((await kvs.get('fits')) as string).length).toBe(240 * 1024 - 2);
  });

  it('queries keys by prefix in order, with pages of 1..100 and cursors', async () => {
    for (let i = 0; i < 25; i++) await kvs.set(`p:${String(i).padStart(2, '0')}`, i);
    await kvs.set('q:1', 1);
    const first = await kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(10).getMany();
    expect(first.results.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rest = await kvs.query().where('key', WhereConditions.beginsWith('p:')).limit(100).cursor(first.nextCursor!).getMany();
    expect(rest.results).toHaveLength(15);
    expect(rest.nextCursor).toBeUndefined();
    await expect(kvs.query().limit(101).getMany()).rejects.toMatchObject({ code: 'LIST_QUERY_LIMIT_EXCEEDED' });
  });

  it('transactions are all or nothing, at most 25 operations, with entity conditions', async () => {
    await kvs.entity('clock').set('c1', { incident: '1', dueAt: 100, state: 'running' });
    const cond = new Filter<{ state: string }>().and('state', FilterConditions.equalTo('running'));
    await kvs.transact().set('c1', { incident: '1', dueAt: 200, state: 'done' }, { entityName: 'clock', conditions: cond }).set('side', 1).execute();
    expect(await kvs.entity('clock').get('c1')).toMatchObject({ state: 'done' });
    // The same condition now fails: nothing of the transaction is written.
    await expect(kvs.transact().set('c1', { incident: '1', dueAt: 300, state: 'x' }, { entityName: 'clock', conditions: cond }).set('side2', 1).execute()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await kvs.get('side2')).toBeUndefined();
    const tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx.set(`t${i}`, i);
    await expect(tx.execute()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await kvs.get('t0')).toBeUndefined();
  });

  it('rejects entity values that break the declared attribute types', async () => {
    await expect(kvs.entity('clock').set('bad', { dueAt: 'soon' })).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(kvs.entity('clock').set('bad', { nope: 1 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_ATTRIBUTE' });
  });

  it('answers index queries with range conditions, partitions, sort and cursors', async () => {
    for (let i = 0; i < 30; i++) await kvs.entity('clock').set(`c${i}`, { incident: String(i % 3), dueAt: i * 10, state: i % 2 ? 'odd' : 'even' });
    const due = await kvs.entity('clock').query().index('by-due').where(WhereConditions.lessThanEqualTo(95)).limit(100).getMany();
    expect(due.results.map((r) => (r.value as { dueAt: number }).dueAt)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const desc = await kvs.entity('clock').query().index('by-due').where(WhereConditions.between(50, 120)).sort(Sort.DESC).limit(3).getMany();
    expect(desc.results.map((r) => r.key)).toEqual(['c12', 'c11', 'c10']);
    const next = await kvs.entity('clock').query().index('by-due').where(WhereConditions.between(50, 120)).sort(Sort.DESC).limit(100).cursor(desc.nextCursor!).getMany();
    expect(next.results.map((r) => r.key)).toEqual(['c9', 'c8', 'c7', 'c6', 'c5']);
    const part = await kvs.entity('clock').query().index('by-incident', { partition: ['1'] }).where(WhereConditions.greaterThan(100)).limit(100).getMany();
    expect(part.results.map((r) => r.key)).toEqual(['c13', 'c16', 'c19', 'c22', 'c25', 'c28']);
    await expect(kvs.entity('clock').query().index('by-due').limit(0).getMany()).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
    // Updating the range attribute moves the item in the index.
    await kvs.entity('clock').set('c0', { incident: '0', dueAt: 1000, state: 'even' });
    const first = await kvs.entity('clock').query().index('by-due').getOne();
    expect(first?.key).toBe('c1');
  });

  it('batch get, set and delete take at most 25 keys and report failures per key', async () => {
    const r = await kvs.batchSet([{ key: 'b1', value: 1 }, { key: 'b/2', value: 2 }]);
    expect(r.successfulKeys.map((k) => k.key)).toEqual(['b1']);
    expect(r.failedKeys[0]).toMatchObject({ key: 'b/2', error: { code: 'INVALID_KEY' } });
    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'none' }]);
    expect(got.successfulKeys).toEqual([expect.objectContaining({ key: 'b1', value: 1 })]);
    await expect(kvs.batchSet(Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i })))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps data across a close and reopen of the store (durable on disk)', async () => {
    await kvs.set('durable', { kept: true });
    await store.close();
    store = new KvsStore(dir, entities);
    expect(await kvs.get('durable')).toEqual({ kept: true });
  });
});
