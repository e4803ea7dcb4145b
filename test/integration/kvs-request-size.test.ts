import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsStore } from '../../local/kvs/store';
import { handleKvs } from '../../local/kvs/protocol';

// Forge KVS: at most 4 MB per transaction and per batchSet (storage-reference/kvs-transactions, kvs-batch).
let store: KvsStore;
beforeAll(() => {
  store = new KvsStore(mkdtempSync(join(tmpdir(), 'kvs-size-')), new Map());
});
afterAll(() => store.close());

const value = (kb: number) => 'x'.repeat(kb * 1024);
const items = (n: number, kb: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: value(kb) }));

describe('the KVS request size limit', () => {
  it('refuses a batchSet or a transaction over 4 MB, writing none of it', () => {
    // 20 values of 230 KB: each within the 240 KiB value limit, together 4.5 MB.
    const batch = handleKvs(store, '/api/v1/batch/set', items(20, 230));
    expect(batch).toMatchObject({ status: 413, body: { code: 'MAX_SIZE' } });
    const tx = handleKvs(store, '/api/v1/transaction', { set: items(20, 230) });
    expect(tx).toMatchObject({ status: 413, body: { code: 'MAX_SIZE' } });
    expect(handleKvs(store, '/api/v1/get', { key: 'k0' }).status).toBe(404);
  });

  it('accepts the same writes under 4 MB', () => {
    expect(handleKvs(store, '/api/v1/batch/set', items(16, 230)).status).toBe(200);
    expect(handleKvs(store, '/api/v1/transaction', { set: items(16, 230).map((i) => ({ ...i, key: `t${i.key}` })) }).status).toBe(204);
  });
});
