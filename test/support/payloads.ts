import { control, invoke, MODULES, panel, type Persona } from './client';
import { ACME_APP_ID, ACME_PARTNER, GLOBEX_APP_ID, VALID_SETTINGS } from './fixtures';
import { exportSettings } from '../../src/domain/settings';
import { LOG_CATEGORIES } from '../../src/domain/log-sharing';

/**
 * Functions whose success needs a chain of earlier steps (a log request proposed, decided, delivered...): their
 * payload here is valid for the schema but names a request that does not exist, so an allowed caller gets past
 * authorization and validation and is answered NOT_FOUND or INVALID_INPUT by the use case.
 */
export const SHAPE_ONLY = new Set(['proposeLogRequest', 'decideLogRequest', 'deliverLogRequest', 'recordLegalDecision', 'acknowledgeLogReceipt', 'attestLogDeletion', 'setLegalHold']);
const NO_SUCH_REQUEST = 'deadbeef';

/**
 * A payload each app function accepts in the incident's or the settings' current state, for tests that need
 * "this call would succeed if the caller were allowed": the authorization matrix and the hostile-input mutations.
 */
export const PARTNER_REPORT = {
  summary: { whatHappened: 'Tokens leaked through a debug endpoint', actionsTaken: 'Rotated secrets', currentStatus: 'Contained' },
  app: { name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: '3F2A8C1E-5B7D-4E9A-8C6F-1D2E3F4A5B6C', environment: 'production', distribution: 'public' },
  impact: { dataExposure: 'credentials-or-tokens', affectedTenants: 42, products: ['jira'] },
  timeline: { firstObservedAt: '2026-11-17T08:00:00Z', detectedAt: '2026-11-17T09:30:00+01:00', containmentAt: '2026-11-18T10:00:00Z' },
  contacts: { primary: { name: 'Priya', role: 'Security lead', email: 'priya@acme.example', phone: '+14155550101' } },
};

/** The report as the incident's partner would write it: SEC-2 is Globex's, the others name Acme's app. */
export const reportFor = (issueKey: string) =>
  issueKey === 'SEC-2'
    ? { ...PARTNER_REPORT, app: { name: 'Globex Charts', appKey: 'globex-charts', appId: GLOBEX_APP_ID, environment: 'production', distribution: 'public' }, contacts: { primary: { name: 'Greta', role: 'PSIRT lead', email: 'greta@globex.example', phone: '+4930555010' } } }
    : PARTNER_REPORT;
const appKeyFor = (issueKey: string) => (issueKey === 'SEC-2' ? 'globex-charts' : 'acme-timesheets');
/** Each issue's partner as the demo links them (SEC-3 has none). */
export const PARTNER_OF: Record<string, string | null> = { 'SEC-1': 'acme', 'SEC-2': 'globex', 'SEC-3': null };

export const TRIAGE = {
  notify: { triggers: ['app-compromised'], exclusions: [], bugBountyCriticalHighImpact: false },
  support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: false, securityEventConfirmed: true, severity: 'high' },
  override: null,
};

export const MITIGATION = { id: 'rotate', kind: 'credential-rotation', description: 'Rotate OAuth secrets', owner: 'Priya', dueOn: '2026-11-24', status: 'planned' };

export const AUDIT_EVENT = {
  appId: ACME_APP_ID,
  appName: 'acme-timesheets',
  siteId: '00000000-0000-4000-8000-000000000001',
  product: 'Jira',
  environment: 'Production',
  installedVersion: '1.0.0',
  event: 'App installed',
  eventDate: '2025-01-10',
  location: 'Global',
  targetLocation: null,
};

export interface PanelState {
  version: number;
  serverNow: string;
  lastPhase: string | undefined;
}
interface PanelLoad {
  serverNow: string;
  incident: { version: number; triage: { phases: { phase: string }[] } };
}
interface IncidentView {
  version: number;
  obligations: { outreaches: { id: string; ack: unknown }[] };
}

/** The incident as IR staff (who may read every issue) see it now. */
export async function panelState(issueKey: string): Promise<PanelState> {
  const r = await panel<PanelLoad>('ir-analyst', 'load', {}, issueKey);
  if (!r.ok || !r.data) throw new Error(`IR load of ${issueKey} failed: ${JSON.stringify(r.error)}`);
  const inc = r.data.incident;
  return { version: inc.version, serverNow: r.data.serverNow, lastPhase: inc.triage.phases.at(-1)?.phase };
}

const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();
let unique = 0;

/** IR staff write what a function needs to exist first (an indicator, an outreach); returns its id and the new version. */
async function prepared(issueKey: string, what: 'indicator' | 'outreach'): Promise<{ id: string; version: number; serverNow: string }> {
  const s = await panelState(issueKey);
  if (what === 'indicator') {
    unique++;
    const r = await panel<{ incident: IncidentView; indicators: { id: string }[] }>('ir-analyst', 'addIndicators', { version: s.version, text: `198.51.${Math.floor(unique / 250) % 250}.${unique % 250}` }, issueKey);
    if (!r.ok) throw new Error(`preparing an indicator failed: ${JSON.stringify(r.error)}`);
    return { id: r.data!.indicators.at(-1)!.id, version: r.data!.incident.version, serverNow: s.serverNow };
  }
  const r = await panel<IncidentView>('ir-analyst', 'recordOutreach', { version: s.version, at: minus(s.serverNow, 60_000), channel: 'email', message: 'Please confirm' }, issueKey);
  if (!r.ok) throw new Error(`preparing an outreach failed: ${JSON.stringify(r.error)}`);
  return { id: r.data!.obligations.outreaches.at(-1)!.id, version: r.data!.version, serverNow: s.serverNow };
}

/** A payload the panel's function accepts on this issue right now (preparing what it refers to first). */
export async function validPanelPayload(fn: string, issueKey: string, as: Persona): Promise<unknown> {
  switch (fn) {
    case 'load':
    case 'indicators':
    case 'partnerHistory':
    case 'attachments':
    case 'footprint':
    case 'history':
    case 'verifyHistory':
    case 'partnerOptions':
      return {};
    case 'updateIndicator': {
      const p = await prepared(issueKey, 'indicator');
      return { version: p.version, id: p.id, note: 'Seen in egress logs', firstSeen: '' };
    }
    case 'removeIndicators': {
      const p = await prepared(issueKey, 'indicator');
      return { version: p.version, ids: [p.id] };
    }
    case 'acknowledge': {
      const p = await prepared(issueKey, 'outreach');
      // IR staff record an acknowledgment received elsewhere (time and note); a partner acknowledges now.
      return as === 'ir-analyst' ? { version: p.version, outreachId: p.id, at: p.serverNow, note: 'By phone' } : { version: p.version, outreachId: p.id };
    }
  }
  const s = await panelState(issueKey);
  const version = s.version;
  switch (fn) {
    case 'saveReport':
      return { version, report: reportFor(issueKey) };
    case 'setPartner':
      return { version, partnerId: PARTNER_OF[issueKey] ?? null };
    case 'saveIrNotes':
      return { version, irNotes: `note ${++unique}` };
    case 'addIndicators':
      unique++;
      return { version, text: `203.0.${Math.floor(unique / 250) % 250}.${unique % 250}` };
    case 'saveTriage':
      return { version, triage: TRIAGE };
    case 'saveChannel':
      return { version, channel: 'email', reference: `ref ${++unique}`, setUpAt: '' };
    case 'movePhase':
      return { version, phase: s.lastPhase === 'detection' ? 'triage' : 'detection', reason: 'Testing the matrix' };
    case 'closeIncident':
      return { version, resolution: 'resolved', summary: `Contained and remediated ${++unique}` };
    case 'recordOutreach':
      return { version, at: minus(s.serverNow, 60_000), channel: 'email', message: 'Please confirm' };
    case 'saveMitigations':
      return { version, mitigations: [{ ...MITIGATION, description: `Rotate ${++unique}` }] };
    case 'saveCustomerNotification':
      return { version, customerNotification: { notifiedAt: minus(s.serverNow, 60_000), customerCount: ++unique, method: 'email' } };
    case 'saveRootCause':
      return { version, rootCause: { status: 'in-progress', reference: `doc ${++unique}` } };
    case 'saveLogSharingFacts':
      return { version, activeExploitationConfirmed: unique++ % 2 === 0, tenantTier: 'standard' };
    case 'proposeLogRequest':
      return {
        version,
        request: { category: LOG_CATEGORIES[0]!.id, appKey: appKeyFor(issueKey), environment: 'production', windowStart: minus(s.serverNow, 86_400_000), windowEnd: minus(s.serverNow, 3_600_000), includes: { accountIds: false, sourceIps: true, emailDomains: false }, coldStorage: false, purpose: 'Scope the token theft' },
      };
    case 'decideLogRequest':
      return { version, requestId: NO_SUCH_REQUEST, decision: 'accept', note: '', internalNote: '' };
    case 'recordLegalDecision':
      return { version, requestId: NO_SUCH_REQUEST, decision: 'approved', approver: { kind: 'external', name: 'J. Doe (Privacy)' }, decidedOn: minus(s.serverNow, 86_400_000).slice(0, 10), reference: 'PRIV-1' };
    case 'findUsers':
      return { query: 'ada' };
    case 'deliverLogRequest':
      return { version, requestId: NO_SUCH_REQUEST, reference: 'sfx://logs/1' };
    case 'acknowledgeLogReceipt':
      return { version, requestId: NO_SUCH_REQUEST, restrictedHandlingAcknowledged: true };
    case 'attestLogDeletion':
      return { version, requestId: NO_SUCH_REQUEST, deletedBy: 'Priya', deletedAt: minus(s.serverNow, 60_000), method: 'Shredded' };
    case 'setLegalHold':
      return { version, requestId: NO_SUCH_REQUEST, hold: true, reason: 'Litigation' };
  }
  throw new Error(`No valid payload known for panel function '${fn}': add one to test/support/payloads.ts`);
}

async function settingsVersion(): Promise<number> {
  const r = await invoke<{ version: number }>('jira-admin', MODULES.admin, 'load');
  if (!r.ok) throw new Error(`admin load failed: ${JSON.stringify(r.error)}`);
  return r.data!.version;
}

/** A payload the settings page's function accepts now. */
export async function validAdminPayload(fn: string): Promise<unknown> {
  switch (fn) {
    case 'load':
    case 'history':
    case 'verifyHistory':
    case 'storageAuditCadence':
    case 'siteCheck':
    case 'platformSelfTest':
      return {};
    case 'save':
      return { version: await settingsVersion(), settings: VALID_SETTINGS };
    case 'importSettings':
      return { version: await settingsVersion(), text: exportSettings(VALID_SETTINGS as never, [], new Date()) };
    case 'partners':
    case 'exportPage':
      return {};
    case 'partner':
    case 'partnerHistory':
      return { id: 'acme' };
    case 'savePartner': {
      const r = await invoke<{ version: number }>('jira-admin', MODULES.admin, 'partner', { id: 'acme' });
      if (!r.ok) throw new Error(`loading Acme failed: ${JSON.stringify(r.error)}`);
      return { id: 'acme', version: r.data!.version, partner: { ...ACME_PARTNER, reviewIntervalDays: 60 + (++unique % 30) } };
    }
    case 'groups':
      return { query: 'inc' };
    case 'storageAuditImport':
      return { fileName: 'audit.csv', rows: [{ line: 2, event: { ...AUDIT_EVENT, siteId: `00000000-0000-4000-8000-${String(++unique).padStart(12, '0')}` } }] };
    case 'storageAuditArchive':
    case 'storageAuditExport':
      return { appId: ACME_APP_ID, environment: 'Production' };
    case 'storageAuditFootprint':
      return { appId: ACME_APP_ID, environment: 'Production', from: '2025-01-01', to: '2025-12-31' };
  }
  throw new Error(`No valid payload known for settings function '${fn}': add one to test/support/payloads.ts`);
}

/** A payload the global page's function accepts (for a partner's own people: their own organization). */
export async function validGlobalPayload(fn: string, as: Persona): Promise<unknown> {
  switch (fn) {
    case 'load':
    case 'stats':
    case 'organization':
    case 'reportPartners':
      return {};
    case 'queue':
      return { view: 'open', sort: { field: 'created', dir: 'desc' } };
    case 'recheckOrphan': {
      // An incident the sweeps set aside, of a ticket that no longer exists (the check answers "not visible").
      const value = { issueId: '99999', issueKey: 'SEC-99999', version: 1, doc: { issueKey: 'SEC-99999' }, auditSeq: 0, auditHash: '0'.repeat(64), updatedAt: '2026-11-01T00:00:00.000Z', orphanedAt: '2026-11-02T00:00:00.000Z' };
      await control('/__local/store/put', { key: '99999', entityName: 'incident', value });
      return { issueId: '99999' };
    }
    case 'report': {
      // A partner reports for its own organization and app; IR staff on Acme's behalf.
      const own = as === 'partner-globex' ? 'globex' : 'acme';
      return {
        partnerId: own,
        title: `Suspicious calls ${++unique}`,
        appId: own === 'globex' ? GLOBEX_APP_ID : ACME_APP_ID,
        summary: { whatHappened: 'Unexpected user search calls from production.' },
        timeline: {},
        contacts: {},
        notify: { triggers: ['unexplained-suspicious-behaviour'], exclusions: [], bugBountyCriticalHighImpact: false },
        ...(as === 'ir-analyst' ? { atlassianInitiated: true } : {}),
      };
    }
    case 'saveOrganization': {
      const own = as === 'partner-globex' ? 'globex' : 'acme';
      const r = await invoke<{ version: number; partner: typeof ACME_PARTNER }>('jira-admin', MODULES.admin, 'partner', { id: own });
      if (!r.ok) throw new Error(`loading ${own} failed: ${JSON.stringify(r.error)}`);
      const p = r.data!.partner;
      return { partnerId: own, version: r.data!.version, contacts: { ...p.contacts, primary: { ...p.contacts.primary, role: `Security lead ${++unique}` } }, coverage: p.coverage };
    }
  }
  throw new Error(`No valid payload known for global function '${fn}': add one to test/support/payloads.ts`);
}

export async function validPayload(moduleKey: string, fn: string, as: Persona, issueKey?: string): Promise<unknown> {
  if (moduleKey === MODULES.panel) return validPanelPayload(fn, issueKey ?? 'SEC-1', as);
  if (moduleKey === MODULES.admin) return validAdminPayload(fn);
  if (moduleKey === MODULES.context && fn === 'load') return {};
  if (moduleKey === MODULES.global) return validGlobalPayload(fn, as);
  throw new Error(`Unknown module ${moduleKey}`);
}
