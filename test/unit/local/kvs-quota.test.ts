import { describe, expect, it } from 'vitest';
import { costOf, KvsQuota, UNIT_BYTES } from '../../../local/kvs/quota';

const sized = (bytes: number) => 'x'.repeat(bytes - 2); // JSON.stringify adds the quotes

describe('KVS quota units (local/kvs/quota.ts)', () => {
  it('counts an item by its size rounded up to 10 KB, at least 1 unit', () => {
    expect(costOf('/api/v1/set', { key: 'k', value: 1 }, { status: 204 })).toEqual({ read: 0, write: 1 });
    expect(costOf('/api/v1/set', { key: '', value: sized(UNIT_BYTES) }, { status: 204 })).toEqual({ read: 0, write: 1 });
    expect(costOf('/api/v1/set', { key: '', value: sized(UNIT_BYTES + 1) }, { status: 204 })).toEqual({ read: 0, write: 2 });
    // Forge's own example: a 65 KB item is 7 units.
    expect(costOf('/api/v1/entity/get', { key: 'k' }, { status: 200, body: { key: '', value: sized(65 * 1024) } })).toEqual({ read: 7, write: 0 });
  });

  it('charges a missing key 1 read unit, alone or in a batch, and a failed write nothing', () => {
    expect(costOf('/api/v1/get', { key: 'k' }, { status: 404, body: { code: 'KEY_NOT_FOUND' } })).toEqual({ read: 1, write: 0 });
    const batch = { status: 200, body: { successfulKeys: [{ key: 'a', value: sized(25 * 1024) }], failedKeys: [{ key: 'b', error: { code: 'KEY_NOT_FOUND' } }, { key: 'c', error: { code: 'KEY_NOT_FOUND' } }] } };
    expect(costOf('/api/v1/batch/get', [{ key: 'a' }, { key: 'b' }, { key: 'c' }], batch)).toEqual({ read: 5, write: 0 });
    expect(costOf('/api/v1/set', { key: 'k', value: 1 }, { status: 400, body: { code: 'INVALID_KEY' } })).toEqual({ read: 0, write: 0 });
  });

  it('charges a query page by the items it returns, an empty page 1 unit', () => {
    expect(costOf('/api/v1/entity/query', {}, { status: 200, body: { data: [] } })).toEqual({ read: 1, write: 0 });
    expect(costOf('/api/v1/query', {}, { status: 200, body: { data: [{ key: 'a', value: 1 }, { key: 'b', value: sized(15 * 1024) }] } })).toEqual({ read: 3, write: 0 });
  });

  it('charges a transaction its operations, and a failed one 1 read unit per operation', () => {
    const tx = { set: [{ key: 'a', value: sized(12 * 1024) }, { key: 'b', value: 1 }], delete: [{ key: 'c' }], check: [{ key: 'd' }] };
    expect(costOf('/api/v1/transaction', tx, { status: 204 })).toEqual({ read: 1, write: 4 });
    expect(costOf('/api/v1/transaction', tx, { status: 409, body: { code: 'CONDITIONAL_CHECK_FAILED' } })).toEqual({ read: 4, write: 0 });
  });

  it('refuses calls of a spent quota until the window ends, reads and writes separately', () => {
    let now = 1_000_000;
    const q = new KvsQuota(() => now);
    q.configure({ readUnitsPerWindow: 10, writeUnitsPerWindow: 5, windowMs: 60_000 });
    q.charge({ read: 0, write: 5 });
    now += 15_000;
    expect(q.refuse('/api/v1/entity/set')).toBe(45);
    expect(q.refuse('/api/v1/transaction')).toBe(45);
    expect(q.refuse('/api/v1/batch/get')).toBeUndefined();
    now += 45_000;
    expect(q.refuse('/api/v1/entity/set')).toBeUndefined();
    expect(q.state().used).toEqual({ read: 0, write: 0 });
    q.configure(null);
    q.charge({ read: 1e9, write: 1e9 });
    expect(q.refuse('/api/v1/set')).toBeUndefined();
  });
});
