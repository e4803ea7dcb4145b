import { kvsError } from './errors';
import type { Scalar } from './conditions';

export interface EntityIndex {
  name: string;
  range: string;
  partition: string[];
}
export interface EntityDef {
  name: string;
  attributes: Record<string, { type: 'string' | 'boolean' | 'integer' | 'float' | 'any' }>;
  indexes: EntityIndex[];
}

/** Reads `app.storage.entities` from the parsed manifest into index definitions. */
export function entityDefsFromManifest(manifest: unknown): Map<string, EntityDef> {
  const app = (manifest as { app?: { storage?: { entities?: unknown[] } } }).app;
  const defs = new Map<string, EntityDef>();
  for (const raw of app?.storage?.entities ?? []) {
    const e = raw as { name: string; attributes: EntityDef['attributes']; indexes?: unknown[] };
    const indexes = (e.indexes ?? []).map((ix): EntityIndex => {
      if (typeof ix === 'string') return { name: ix, range: ix, partition: [] };
      const named = ix as { name: string; range: string[]; partition?: string[] };
      return { name: named.name, range: named.range[0]!, partition: named.partition ?? [] };
    });
    defs.set(e.name, { name: e.name, attributes: e.attributes, indexes });
  }
  return defs;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Checks an entity value against its declared attributes, as Forge does on every write. */
export function checkEntityValue(def: EntityDef, value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw kvsError.badRequest('INVALID_ENTITY_VALUE', `Value of entity '${def.name}' must be an object`);
  }
  for (const [attr, v] of Object.entries(value as Record<string, unknown>)) {
    const decl = def.attributes[attr];
    if (!decl) throw kvsError.badRequest('INVALID_ENTITY_ATTRIBUTE', `Attribute '${attr}' is not declared on entity '${def.name}'`);
    if (v === undefined) continue;
    const ok =
      decl.type === 'any' ||
      (decl.type === 'string' && typeof v === 'string' && v.trim().length > 0) ||
      (decl.type === 'boolean' && typeof v === 'boolean') ||
      (decl.type === 'integer' && Number.isInteger(v) && (v as number) >= INT32.min && (v as number) <= INT32.max) ||
      (decl.type === 'float' && typeof v === 'number' && Number.isFinite(v));
    if (!ok) {
      throw kvsError.badRequest('INVALID_ENTITY_VALUE', `Attribute '${attr}' of entity '${def.name}' must be of type ${decl.type}`);
    }
  }
  return value as Record<string, unknown>;
}

/** The index entries a stored entity value produces: one per index whose attributes are all present. */
export function indexEntries(def: EntityDef, value: Record<string, unknown>): { index: string; partition: string; range: Scalar }[] {
  const out: { index: string; partition: string; range: Scalar }[] = [];
  for (const ix of def.indexes) {
    const range = value[ix.range];
    const partition = ix.partition.map((p) => value[p]);
    if (range === undefined || partition.some((p) => p === undefined)) continue;
    out.push({ index: ix.name, partition: JSON.stringify(partition), range: range as Scalar });
  }
  return out;
}
