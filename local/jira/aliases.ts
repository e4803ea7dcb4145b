import type { PropertyAlias } from './model';

interface RawManifest {
  modules?: { 'jira:entityProperty'?: { entityType?: string; propertyKey?: string; values?: { path?: string; type?: string; searchAlias?: string }[] }[] };
}

/** The search aliases the manifest's `jira:entityProperty` modules declare for issue properties, as Jira indexes them. */
export function searchAliases(raw: unknown): Map<string, PropertyAlias> {
  const out = new Map<string, PropertyAlias>();
  for (const m of (raw as RawManifest).modules?.['jira:entityProperty'] ?? []) {
    if ((m.entityType ?? 'issue') !== 'issue' || !m.propertyKey) continue;
    for (const v of m.values ?? []) {
      if (!v.searchAlias || !v.path) continue;
      out.set(v.searchAlias.toLowerCase(), { propertyKey: m.propertyKey, path: v.path, type: (['date', 'number', 'text'].includes(v.type ?? '') ? v.type : 'string') as PropertyAlias['type'] });
    }
  }
  return out;
}
