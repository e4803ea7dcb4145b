// The partner directory in KVS: each partner its own versioned record with its own hash-chained trail, and
// a claim per member group and per app ID (written in the partner's transaction, only if absent) so a
// lookup by group or by app is a key read and no group or app can belong to two partners.
import { createHash } from 'node:crypto';
import { kvs, Filter, FilterConditions, Sort } from '@forge/kvs';
import { normalizeGroup, upgradePartner, type Partner } from '../../domain/partner';
import { normalizeAppId } from '../../domain/inventory';
import type { UnsealedEntry } from '../../domain/audit-trail';
import { batchRead, commitRecord, EMPTY_HEAD, type SideWrite, type StoredRecord, type Versioned } from './versioned-store';
import { ENTITIES } from './entities';
import { fromCursor } from './cursor';

export const partnerStream = (id: string) => `partner-${id}`;
export const partnerItem = (id: string) => ({ key: id, entityName: ENTITIES.partner });

// Group names may hold any character and be 255 long; KVS keys may not: the claim key is a hash of the name.
export const groupClaimKey = (group: string) => `g:${createHash('sha256').update(normalizeGroup(group)).digest('hex')}`;
export const appClaimKey = (appId: string) => `a:${normalizeAppId(appId)}`;
export const claimItem = (key: string) => ({ key, entityName: ENTITIES.partnerClaim });

interface Claim {
  partnerId: string;
  kind: 'group' | 'app';
  value: string;
}

export const PARTNER_PAGE = 25;

/** A stored partner value as today's partner, whatever shape version wrote it. */
export function partnerFromStored(id: string, stored: unknown): Versioned<Partner> | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const s = stored as StoredRecord<Partial<Partner>>;
  return { version: s.version, doc: upgradePartner({ ...(s.doc ?? {}), id }), head: { seq: s.auditSeq, hash: s.auditHash } };
}

const searchTextOf = (p: Partner) => [p.name, p.id, ...p.memberGroups, ...p.apps.flatMap((a) => [a.name, a.appKey, a.appId])].join(' ').toLowerCase();

export interface ClaimDelta {
  addGroups: string[];
  dropGroups: string[];
  addApps: string[];
  dropApps: string[];
}

export const partnerRepo = {
  async load(id: string): Promise<Versioned<Partner> | undefined> {
    const [found] = await batchRead([partnerItem(id)]);
    return partnerFromStored(id, found?.value);
  },

  /** Several partners in one read (at most 25). */
  async loadMany(ids: string[]): Promise<Map<string, Versioned<Partner>>> {
    const unique = [...new Set(ids)].slice(0, 25);
    const found = await batchRead(unique.map(partnerItem));
    const out = new Map<string, Versioned<Partner>>();
    for (const f of found) {
      const p = partnerFromStored(f.key, f.value);
      if (p) out.set(f.key, p);
    }
    return out;
  },

  /** Who claims each of these groups or app IDs (claim keys): one read of at most 25 keys. */
  async claims(keys: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(keys)];
    const out = new Map<string, string>();
    for (let i = 0; i < unique.length; i += 25) {
      for (const f of await batchRead(unique.slice(i, i + 25).map(claimItem))) {
        const c = f.value as Partial<Claim> | undefined;
        if (c && typeof c.partnerId === 'string') out.set(f.key, c.partnerId);
      }
    }
    return out;
  },

  /**
   * Writes a partner, its trail entries and its claim changes in one transaction, conditional on the version
   * the caller edited and on each new claim being free (CONFLICT otherwise; nothing is written).
   */
  save(p: Partner, from: Versioned<Partner> | undefined, entries: UnsealedEntry[], delta: ClaimDelta) {
    const claim = (kind: Claim['kind'], value: string, key: string): SideWrite => ({
      key,
      entityName: ENTITIES.partnerClaim,
      value: { partnerId: p.id, kind, value } satisfies Claim,
      onlyIfAbsent: true,
      takenMessage: `Another partner claimed this ${kind === 'group' ? 'group' : 'app ID'} (${value}) meanwhile; nothing was saved.`,
    });
    const also: SideWrite[] = [
      ...delta.addGroups.map((g) => claim('group', g, groupClaimKey(g))),
      ...delta.addApps.map((a) => claim('app', a, appClaimKey(a))),
      ...delta.dropGroups.map((g) => ({ key: groupClaimKey(g), entityName: ENTITIES.partnerClaim })),
      ...delta.dropApps.map((a) => ({ key: appClaimKey(a), entityName: ENTITIES.partnerClaim })),
    ];
    return commitRecord({
      entityName: ENTITIES.partner,
      key: p.id,
      from: from?.version ?? 0,
      head: from?.head ?? EMPTY_HEAD,
      doc: p,
      attributes: { partnerId: p.id, nameKey: `${p.name.toLowerCase()}#${p.id}`, searchText: searchTextOf(p) },
      audit: { stream: partnerStream(p.id), entries },
      also,
    });
  },

  /** One page of the directory in name order, optionally only partners whose name, groups or apps contain `search`. */
  async list(q: { search?: string; cursor?: string; limit?: number }): Promise<{ partners: Partner[]; cursor?: string }> {
    let query = kvs.entity<StoredRecord<Partial<Partner>> & { partnerId: string; searchText: string }>(ENTITIES.partner).query().index('by-name');
    if (q.search) query = query.filters(new Filter<{ searchText: string }>().and('searchText', FilterConditions.contains(q.search.toLowerCase())));
    query = query.sort(Sort.ASC).limit(q.limit ?? PARTNER_PAGE);
    if (q.cursor) query = query.cursor(q.cursor);
    const page = await fromCursor(q.cursor, () => query.getMany());
    const partners = page.results.map((r) => partnerFromStored(r.value.partnerId, r.value)!.doc);
    return page.nextCursor ? { partners, cursor: page.nextCursor } : { partners };
  },
};
