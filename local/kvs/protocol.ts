import { KvsError, kvsError } from './errors';
import { LIMITS } from './limits';
import { quirks } from './quirks';
import type { FilterGroup } from './conditions';
import type { KvsStore, Space, WriteOp, SetOptions } from './store';

/** The body and status the KVS service answers a `/api/v1/*` call with. */
export interface KvsReply {
  status: number;
  body?: unknown;
}

type Body = Record<string, unknown>;

const asBody = (raw: unknown): Body => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw kvsError.badRequest('BAD_REQUEST', 'Request body must be a JSON object');
  return raw as Body;
};
const metadata = (b: Body): string[] | undefined => (b.options as { metadataFields?: string[] } | undefined)?.metadataFields;
const entitySpace = (b: Body): Space => ({ kind: 'entity', entity: String(b.entityName) });
const spaceOf = (entityName: unknown): Space => (entityName === undefined ? { kind: 'kv' } : { kind: 'entity', entity: String(entityName) });

function setReply(store: KvsStore, space: Space, b: Body): KvsReply {
  const options = (b.options ?? {}) as SetOptions & { returnValue?: 'PREVIOUS' | 'LATEST'; returnMetadataFields?: string[] };
  const { previous } = store.write([{ type: 'set', space, key: String(b.key), value: b.value, options }]);
  if (!options.returnValue) return { status: 204 };
  const item = options.returnValue === 'PREVIOUS' ? previous[0] : store.get(space, String(b.key), options.returnMetadataFields);
  return item ? { status: 200, body: item } : { status: 204 };
}

function batchItems(raw: unknown): Body[] {
  if (!Array.isArray(raw) || raw.length === 0) throw kvsError.badRequest('BAD_REQUEST', 'Batch must contain at least one item');
  if (raw.length > LIMITS.keysPerBatch) throw kvsError.badRequest('BAD_REQUEST', `Batch must contain at most ${LIMITS.keysPerBatch} items`);
  const seen = new Set<string>();
  for (const item of raw) {
    const id = JSON.stringify([asBody(item).entityName ?? null, asBody(item).key]);
    if (seen.has(id)) throw kvsError.badRequest('BAD_REQUEST', 'Batch contains a duplicate key');
    seen.add(id);
  }
  return raw as Body[];
}

function failure(item: Body, e: unknown) {
  const err = e instanceof KvsError ? e : new KvsError('INTERNAL_SERVER_ERROR', 500, String(e));
  return { key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}), error: { code: err.code, message: err.message } };
}

/** Batch writes: items that fail validation are reported in failedKeys, the rest are written together. */
function batchWrite(store: KvsStore, items: Body[], type: 'set' | 'delete'): KvsReply {
  const ops: WriteOp[] = [];
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  for (const item of items) {
    const op: WriteOp = { type, space: spaceOf(item.entityName), key: item.key as string, value: item.value, options: item.options as SetOptions };
    try {
      store.validate(op);
      ops.push(op);
      successfulKeys.push({ key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) });
    } catch (e) {
      failedKeys.push(failure(item, e));
    }
  }
  if (ops.length > 0) store.write(ops);
  return { status: 200, body: { successfulKeys, failedKeys } };
}

function transaction(store: KvsStore, b: Body): KvsReply {
  const sets = (b.set ?? []) as Body[];
  const deletes = (b.delete ?? []) as Body[];
  const checks = (b.check ?? []) as Body[];
  if (![sets, deletes, checks].every(Array.isArray)) throw kvsError.badRequest('BAD_REQUEST', 'set, delete and check must be arrays');
  const total = sets.length + deletes.length + checks.length;
  if (total === 0) throw kvsError.badRequest('BAD_REQUEST', 'Transaction must contain at least one operation');
  if (total > LIMITS.opsPerTransaction) throw kvsError.badRequest('BAD_REQUEST', `Transaction must contain at most ${LIMITS.opsPerTransaction} operations`);
  const ops: WriteOp[] = [
    ...sets.map((s): WriteOp => ({ type: 'set', space: spaceOf(s.entityName), key: s.key as string, value: s.value, options: s.options as SetOptions, conditions: s.conditions as FilterGroup | undefined })),
    ...deletes.map((d): WriteOp => ({ type: 'delete', space: spaceOf(d.entityName), key: d.key as string, conditions: d.conditions as FilterGroup | undefined })),
    ...checks.map((c): WriteOp => {
      if (!c.conditions) throw kvsError.badRequest('BAD_REQUEST', 'check requires conditions');
      return { type: 'check', space: entitySpace(c), key: c.key as string, conditions: c.conditions as FilterGroup };
    }),
  ];
  store.write(ops);
  return { status: 204 };
}

/** Serves one call of the KVS wire protocol that @forge/kvs speaks (see FORGE_FACTS §1). */
export function handleKvs(store: KvsStore, path: string, rawBody: unknown): KvsReply {
  try {
    if ((path === '/api/v1/batch/set' || path === '/api/v1/transaction') && Buffer.byteLength(JSON.stringify(rawBody ?? null)) > LIMITS.requestBytes) {
      throw kvsError.tooLarge(`The ${path.endsWith('set') ? 'batch' : 'transaction'} payload exceeds ${LIMITS.requestBytes / 1024 / 1024} MB`);
    }
    if (path === '/api/v1/batch/set' || path === '/api/v1/batch/delete' || path === '/api/v1/batch/get') {
      const items = batchItems(rawBody);
      if (path === '/api/v1/batch/set') return batchWrite(store, items, 'set');
      if (path === '/api/v1/batch/delete') return batchWrite(store, items, 'delete');
      const successfulKeys: unknown[] = [];
      const failedKeys: unknown[] = [];
      for (const item of items) {
        try {
          const got = store.get(spaceOf(item.entityName), item.key as string, metadata(item));
          successfulKeys.push({ ...got, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) });
        } catch (e) {
          const missing = e instanceof KvsError && e.code === 'KEY_NOT_FOUND';
          if (!missing || quirks.batchMissing === 'failed') failedKeys.push(missing ? failure(item, new KvsError(quirks.missingCode, 404, e.message)) : failure(item, e));
          else if (quirks.batchMissing === 'empty') successfulKeys.push({ key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) });
        }
      }
      return { status: 200, body: { successfulKeys, failedKeys } };
    }
    const b = asBody(rawBody);
    switch (path) {
      case '/api/v1/get': return { status: 200, body: store.get({ kind: 'kv' }, b.key as string, metadata(b)) };
      case '/api/v1/secret/get': return { status: 200, body: store.get({ kind: 'secret' }, b.key as string, metadata(b)) };
      case '/api/v1/entity/get': return { status: 200, body: store.get(entitySpace(b), b.key as string, metadata(b)) };
      case '/api/v1/set': return setReply(store, { kind: 'kv' }, b);
      case '/api/v1/secret/set': return setReply(store, { kind: 'secret' }, b);
      case '/api/v1/entity/set': return setReply(store, entitySpace(b), b);
      case '/api/v1/delete': store.write([{ type: 'delete', space: { kind: 'kv' }, key: b.key as string }]); return { status: 204 };
      case '/api/v1/secret/delete': store.write([{ type: 'delete', space: { kind: 'secret' }, key: b.key as string }]); return { status: 204 };
      case '/api/v1/entity/delete': store.write([{ type: 'delete', space: entitySpace(b), key: b.key as string }]); return { status: 204 };
      case '/api/v1/query': {
        const where = (b.where ?? []) as { property?: string; condition?: string; values?: unknown[] }[];
        if (!Array.isArray(where) || where.length > 1) throw kvsError.badRequest('QUERY_WHERE_INVALID', 'At most one where clause');
        const w = where[0];
        if (w && (w.property !== 'key' || w.condition !== 'BEGINS_WITH' || typeof w.values?.[0] !== 'string')) {
          throw kvsError.badRequest('QUERY_WHERE_FIELD_INVALID', 'Only key BEGINS_WITH <string> is supported');
        }
        return { status: 200, body: store.query({ prefix: w?.values?.[0] as string | undefined, limit: b.limit as number | undefined, after: b.after as string | undefined, metadataFields: metadata(b) }) };
      }
      case '/api/v1/entity/query':
        return {
          status: 200,
          body: store.entityQuery(
            {
              entity: String(b.entityName),
              index: String(b.indexName),
              partition: b.partition as never,
              range: b.range as never,
              filters: b.filters as never,
              sort: b.sort as never,
              limit: b.limit as number | undefined,
              cursor: b.cursor as string | undefined,
            },
            metadata(b),
          ),
        };
      case '/api/v1/transaction': return transaction(store, b);
      default: return { status: 404, body: { code: 'NOT_FOUND', message: `Unknown KVS path ${path}` } };
    }
  } catch (e) {
    if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
    return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: e instanceof Error ? e.message : String(e) } };
  }
}
