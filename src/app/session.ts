import type { Role } from '../contract/common';
import { permissions } from '../adapters/jira/permissions';
import { settingsFromStored, settingsItem, settingsRepo, type SettingsState } from '../adapters/kvs/settings-repo';
import { chunkItems, incidentFromStored, incidentItem, incidentRepo, indicatorsFrom, type IncidentState } from '../adapters/kvs/incident-repo';
import type { StoredIndicator } from '../domain/report';
import { appClaimKey, claimItem, groupClaimKey, partnerFromStored, partnerItem, partnerRepo } from '../adapters/kvs/partner-repo';
import { batchRead, type Versioned } from '../adapters/kvs/versioned-store';
import { ENTITIES } from '../adapters/kvs/entities';
import { isMember, type Partner } from '../domain/partner';
import { forbidden } from './errors';

/** What the platform tells us about a call. Only these trusted fields are ever used to authorize. */
export interface TrustedCall {
  accountId: string | undefined;
  moduleKey: string;
  issue?: { id: string; key: string };
  now: Date;
}

const memo = <T>(load: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  const get = () => (p ??= load());
  /** Lets a combined read hand over its answer, so the separate read never happens. */
  get.seed = (value: Promise<T>) => {
    p ??= value;
  };
  return get;
};

/** The incident as the panel reads it, with its partner (null when unassigned) and what the viewer's groups claim. */
export interface IncidentRead {
  state: IncidentState;
  /** The incident's partner; null when unassigned or when the partner's record is gone. */
  partner: Versioned<Partner> | null;
  /** For an unassigned incident: the partner that owns the report's app ID (IR's suggestion). */
  appOwnerId: string | null;
  /** For an unassigned incident: the partners whose member groups include the viewer. */
  myPartnerIds: string[] | null;
  /** The indicators, read in the same batch as the partner when the function works on them (`reads`); else null. */
  indicators: StoredIndicator[] | null;
}

// batchGet takes at most 25 keys.
const BATCH_MAX = 25;

/** One invocation's view of the caller: each Jira or KVS answer is fetched at most once. */
export class Session {
  readonly settings = memo<SettingsState>(() => settingsRepo.load());
  readonly myself = memo(() => permissions.myself());
  readonly issuePermissions = memo(() => (this.call.issue ? permissions.onIssue(this.call.issue.id) : Promise.resolve({ browse: false, edit: false, comment: false })));
  readonly globalPermissions = memo(() => permissions.global());

  /**
   * The panel's reads: the incident record and the settings in one batch (op 1), then the incident's partner
   * (op 2), and with it the indicator chunks that exist when the function works on indicators (`reads`). An
   * unassigned incident reads, instead of a partner, the claims that name its suggested partner (the report's
   * app ID) and the viewer's partners (their groups).
   */
  readonly incident = memo<IncidentRead>(async () => {
    const issue = this.call.issue;
    if (!issue) throw forbidden('This function needs an issue.');
    const [first, me] = await Promise.all([batchRead([incidentItem(issue.id), settingsItem]), this.myself()]);
    this.settings.seed(Promise.resolve(settingsFromStored(first.find((f) => f.entityName === ENTITIES.settings)?.value)));
    const record = incidentFromStored(issue.key, first.find((f) => f.entityName === ENTITIES.incident)?.value);
    const chunks = this.reads.indicators ? chunkItems(issue.id, record.doc.indicatorCount) : [];
    const partnerId = record.doc.partnerId ?? null;
    const appId = record.doc.report.app.appId;
    const groupKeys = partnerId ? [] : me.groups.map(groupClaimKey);
    const claimKeys = partnerId ? [] : [...(appId ? [appClaimKey(appId)] : []), ...groupKeys];
    const second = [...(partnerId ? [partnerItem(partnerId)] : []), ...chunks, ...claimKeys.slice(0, Math.max(0, BATCH_MAX - chunks.length)).map(claimItem)];
    const found = await batchRead(second);
    const overflow = claimKeys.slice(Math.max(0, BATCH_MAX - chunks.length));
    const claims = new Map(found.filter((f) => f.entityName === ENTITIES.partnerClaim).map((f) => [f.key, (f.value as { partnerId?: string }).partnerId ?? '']));
    // Someone in more groups than one batch holds: the rest in a further read (rare; never for the app's own personas).
    if (overflow.length) for (const [k, id] of await partnerRepo.claims(overflow)) claims.set(k, id);
    const partnerValue = partnerId ? found.find((f) => f.entityName === ENTITIES.partner)?.value : undefined;
    const partner = partnerId ? (partnerFromStored(partnerId, partnerValue) ?? null) : null;
    if (partnerId && !this.partners.has(partnerId)) this.partners.set(partnerId, Promise.resolve(partner));
    return {
      state: { record },
      partner,
      appOwnerId: appId ? (claims.get(appClaimKey(appId)) ?? null) : null,
      myPartnerIds: partnerId ? null : [...new Set(groupKeys.map((k) => claims.get(k)).filter((x): x is string => !!x))],
      indicators: this.reads.indicators ? indicatorsFrom(found, record.doc.indicatorCount) : null,
    };
  });

  /** The incident's indicators as of the record read in this invocation (with it, when `reads` says so). */
  readonly indicators = memo<StoredIndicator[]>(async () => {
    const read = await this.incident();
    return read.indicators ?? incidentRepo.indicators(this.call.issue!.id, read.state.record.doc.indicatorCount);
  });

  /** The partners whose member groups include the caller (group claims, then their records). */
  readonly myPartners = memo<Versioned<Partner>[]>(async () => {
    const me = await this.myself();
    const ids = [...new Set((await partnerRepo.claims(me.groups.map(groupClaimKey))).values())];
    if (ids.length === 0) return [];
    const partners = await partnerRepo.loadMany(ids);
    // A claim is written with its partner; the membership is still checked on the record itself.
    return [...partners.values()].filter((p) => isMember(p.doc, me.groups));
  });

  private readonly partners = new Map<string, Promise<Versioned<Partner> | null>>();

  /** A partner by id, read at most once per invocation (the incident's own partner comes with the incident). */
  partner(id: string): Promise<Versioned<Partner> | null> {
    let p = this.partners.get(id);
    if (!p) {
      p = partnerRepo.load(id).then((x) => x ?? null);
      this.partners.set(id, p);
    }
    return p;
  }

  /** The partner of an incident record: the one read with the incident, or read now (background work). */
  async partnerOf(doc: { partnerId?: string | null }): Promise<Versioned<Partner> | null> {
    return doc.partnerId ? this.partner(doc.partnerId) : null;
  }

  /** `reads.indicators`: the function works on the indicators, so they come with the incident's second read. */
  constructor(
    readonly call: TrustedCall,
    private readonly reads: { indicators?: boolean } = {},
  ) {}

  get accountId(): string {
    if (!this.call.accountId) throw forbidden('This function needs a signed-in user.');
    return this.call.accountId;
  }

  async isIrStaff(): Promise<boolean> {
    const [me, settings] = await Promise.all([this.myself(), this.settings()]);
    const ir = new Set(settings.doc.roles.irGroups.map((g) => g.toLowerCase()));
    return me.groups.some((g) => ir.has(g.toLowerCase()));
  }

  /**
   * The partner a partner member acts for on this incident: its own partner, or, on an unassigned incident,
   * the one partner whose member groups include them (the incident becomes that partner's on their first save).
   */
  async actingPartnerId(): Promise<string | null> {
    const read = await this.incident();
    if (read.partner) return read.partner.doc.id;
    return read.myPartnerIds?.length === 1 ? read.myPartnerIds[0]! : null;
  }
}

export type ModuleKind = 'panel' | 'global' | 'admin';

/** What a use case receives besides its validated input. */
export interface Call {
  session: Session;
  role: Role;
  now: Date;
  /** The app's own background work: its writes may use the record space kept back from users (versioned-store). */
  system?: true;
}

/**
 * The one authorization helper: the caller's role here, from Jira's answers (IR staff group, ADMINISTER,
 * browse and edit permission on the issue) and the partner directory (membership of the incident's partner).
 * Throws FORBIDDEN when the caller has no role in this module.
 * - panel: IR staff → 'ir'; a member of the incident's partner (or, on an unassigned incident, of exactly one
 *   partner) who may edit the issue → 'partner'; anyone else who can browse it → 'viewer' (read-only, the
 *   incident's shared fields, nothing from the directory).
 * - global: IR staff → 'ir'; a member of at least one partner → 'partner'; anyone who can browse a project → 'viewer'.
 */
export async function roleIn(session: Session, kind: ModuleKind): Promise<Role> {
  if (!session.call.accountId) throw forbidden('This function needs a signed-in user.');
  if (kind === 'admin') {
    const { administer } = await session.globalPermissions();
    if (!administer) throw forbidden('Only Jira administrators can use the app settings.');
    return 'admin';
  }
  if (kind === 'panel') {
    // The incident's read also brings the settings (one batch), so the IR check costs no further KVS call.
    const [perm, read, me] = await Promise.all([session.issuePermissions(), session.incident(), session.myself()]);
    if (!perm.browse) throw forbidden("You don't have permission to see this issue.");
    if (await session.isIrStaff()) return 'ir';
    const member = read.partner ? isMember(read.partner.doc, me.groups) : read.myPartnerIds?.length === 1;
    return member && perm.edit ? 'partner' : 'viewer';
  }
  const [ir, global] = await Promise.all([session.isIrStaff(), session.globalPermissions()]);
  if (ir) return 'ir';
  if (!global.browseAny) throw forbidden("You don't have access to any incident tickets.");
  return (await session.myPartners()).length > 0 ? 'partner' : 'viewer';
}
