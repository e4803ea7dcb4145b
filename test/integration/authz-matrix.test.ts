import { beforeAll, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, PERSONAS, reset, type Persona, setQuota } from '../support/client';
import { configureSite } from '../support/directory';
import { ACME_PARTNER, GLOBEX_PARTNER } from '../support/fixtures';
import { SHAPE_ONLY, validPayload } from '../support/payloads';

type Role = 'ir' | 'partner' | 'viewer' | 'admin';
type Context = 'SEC-1' | 'SEC-2' | 'SEC-3' | 'global' | 'admin';
interface FunctionsEntry {
  moduleKey: string;
  moduleType: string;
  functionKeys: string[];
}

/**
 * THE TABLE. Which roles each function of each module answers. A function the host lists that is not here
 * fails the test: adding a function means deciding, here, who may call it.
 */
const ALLOWED: Record<string, Record<string, readonly Role[]>> = {
  [MODULES.panel]: {
    // A viewer (can browse the ticket, neither IR staff nor one of its partner's people) reads the shared record only.
    load: ['ir', 'partner', 'viewer'],
    saveReport: ['ir', 'partner'],
    saveIrNotes: ['ir'],
    addIndicators: ['ir', 'partner'],
    updateIndicator: ['ir', 'partner'],
    removeIndicators: ['ir', 'partner'],
    attachments: ['ir', 'partner', 'viewer'],
    indicators: ['ir', 'partner', 'viewer'],
    // The sites where the incident's app was installed during the incident window (the partner's own archive).
    footprint: ['ir', 'partner'],
    saveTriage: ['ir'],
    saveChannel: ['ir'],
    movePhase: ['ir'],
    // Closing stops the clocks and starts the retention of shared logs: IR staff only.
    closeIncident: ['ir'],
    recordOutreach: ['ir'],
    acknowledge: ['ir', 'partner'],
    saveMitigations: ['ir', 'partner'],
    saveCustomerNotification: ['ir', 'partner'],
    saveRootCause: ['ir', 'partner'],
    proposeLogRequest: ['ir', 'partner'],
    decideLogRequest: ['ir'],
    deliverLogRequest: ['ir'],
    // Legal/Privacy's decision is evidence IR staff record; the people search serves picking the approver.
    recordLegalDecision: ['ir'],
    findUsers: ['ir'],
    // The partner's own steps with logs Atlassian shared: IR staff cannot attest for them.
    acknowledgeLogReceipt: ['partner'],
    attestLogDeletion: ['partner'],
    setLegalHold: ['ir'],
    saveLogSharingFacts: ['ir'],
    history: ['ir', 'partner', 'viewer'],
    // The directory trail of the incident's partner: IR staff only.
    partnerHistory: ['ir'],
    verifyHistory: ['ir'],
    // Which partner of the directory the incident belongs to, and the directory to choose from: IR staff only.
    setPartner: ['ir'],
    partnerOptions: ['ir'],
  },
  // Jira's right-hand column: the clock and what is owed, read as the panel's load is.
  [MODULES.context]: {
    load: ['ir', 'partner', 'viewer'],
  },
  [MODULES.global]: {
    load: ['ir', 'partner', 'viewer'],
    // A queue view: Jira's search as the caller, so each sees only the tickets Jira shares with them.
    queue: ['ir', 'partner', 'viewer'],
    // Reporting an incident: a partner's people for their own organization, IR staff for any partner.
    report: ['ir', 'partner'],
    // IR staff find the partner to report for in the directory.
    reportPartners: ['ir'],
    stats: ['ir'],
    // IR staff look again at an incident whose ticket the app could not see.
    recheckOrphan: ['ir'],
    // A partner's own people: their organization's contacts and coverage.
    organization: ['partner'],
    saveOrganization: ['partner'],
  },
  [MODULES.admin]: {
    load: ['admin'],
    save: ['admin'],
    importSettings: ['admin'],
    groups: ['admin'],
    history: ['admin'],
    verifyHistory: ['admin'],
    storageAuditImport: ['admin'],
    storageAuditArchive: ['admin'],
    storageAuditCadence: ['admin'],
    storageAuditExport: ['admin'],
    storageAuditFootprint: ['admin'],
    siteCheck: ['admin'],
    platformSelfTest: ['admin'],
    partners: ['admin'],
    partner: ['admin'],
    savePartner: ['admin'],
    partnerHistory: ['admin'],
    exportPage: ['admin'],
  },
};

/**
 * Each persona's role where it calls from (seed.json): SEC-1 is shared with Acme, SEC-2 with Globex, SEC-3 is
 * IR-only; the Jira admin administers the site but browses no incident; the outsider has nothing. `null` = no role.
 */
const ROLE: Record<Persona, Record<Context, Role | null>> = {
  'ir-analyst': { 'SEC-1': 'ir', 'SEC-2': 'ir', 'SEC-3': 'ir', global: 'ir', admin: null },
  'partner-acme': { 'SEC-1': 'partner', 'SEC-2': null, 'SEC-3': null, global: 'partner', admin: null },
  'partner-globex': { 'SEC-1': null, 'SEC-2': 'partner', 'SEC-3': null, global: 'partner', admin: null },
  'jira-admin': { 'SEC-1': null, 'SEC-2': null, 'SEC-3': null, global: null, admin: 'admin' },
  outsider: { 'SEC-1': null, 'SEC-2': null, 'SEC-3': null, global: null, admin: null },
  // Browses SEC-1 (and the project), without EDIT_ISSUES and without a partner: read-only.
  'viewer-browse': { 'SEC-1': 'viewer', 'SEC-2': null, 'SEC-3': null, global: 'viewer', admin: null },
};

const ISSUES = ['SEC-1', 'SEC-2', 'SEC-3'] as const;
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
let modules: FunctionsEntry[] = [];

function contextsOf(m: FunctionsEntry): { context: Context; issueKey?: string }[] {
  if (m.moduleType === 'jira:issuePanel' || m.moduleType === 'jira:issueContext') return ISSUES.map((k) => ({ context: k, issueKey: k }));
  return [{ context: m.moduleKey === MODULES.admin ? 'admin' : 'global' }];
}

beforeAll(async () => {
  await reset();
  // Every function × persona × issue in a minute or two: more calls than the per-minute storage quota allows,
  // which is not what this suite tests (kvs-quota.test.ts does).
  await setQuota({ readUnitsPerWindow: 10_000_000, writeUnitsPerWindow: 10_000_000 });
  modules = (await control<FunctionsEntry[]>('/__local/functions')).body;
  // A configured site: Acme (SEC-1) and Globex (SEC-2) in the directory; the storage-audit functions check apps against it.
  await configureSite();
});

describe('authorization matrix', () => {
  it('has an explicit row for every function the host serves, and no row for a function that is gone', () => {
    expect(modules.map((m) => m.moduleKey).sort()).toEqual(Object.keys(ALLOWED).sort());
    for (const m of modules) {
      const listed = Object.keys(ALLOWED[m.moduleKey] ?? {}).sort();
      expect([...m.functionKeys].sort(), `${m.moduleKey}: add new functions to ALLOWED with the roles that may call them`).toEqual(listed);
    }
  });

  it('answers every function × persona × issue as the table says: allowed calls succeed, denied ones change nothing', async () => {
    const unexpected: string[] = [];
    let allowed = 0;
    let denied = 0;
    for (const m of modules) {
      for (const fn of m.functionKeys) {
        const roles = ALLOWED[m.moduleKey]?.[fn];
        if (!roles) throw new Error(`${m.moduleKey}.${fn} is not in the table`);
        for (const { context, issueKey } of contextsOf(m)) {
          for (const as of PERSONAS) {
            const role = ROLE[as][context];
            const may = role !== null && roles.includes(role);
            // The payload is one that succeeds for an allowed caller, so a missing check would show as a success.
            const payload = await validPayload(m.moduleKey, fn, as, issueKey);
            const label = `${m.moduleKey}.${fn} as ${as} on ${context}`;
            if (may) {
              const r = await invoke(as, m.moduleKey, fn, payload, issueKey);
              if (SHAPE_ONLY.has(fn) && m.moduleKey === MODULES.panel) {
                // Past authorization: the use case itself answers (no such request, or a rule of the program).
                if (!r.ok && !['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT'].includes(r.error?.code ?? '')) unexpected.push(`${label}: expected to pass authorization, got ${JSON.stringify(r.error)}`);
                if (!r.ok && r.error?.code === 'FORBIDDEN') unexpected.push(`${label}: FORBIDDEN for an allowed role`);
              } else if (!r.ok) unexpected.push(`${label}: expected success, got ${JSON.stringify(r.error)}`);
              allowed++;
            } else {
              const before = await digest();
              const r = await invoke(as, m.moduleKey, fn, payload, issueKey);
              if (r.ok || !['FORBIDDEN', 'NOT_FOUND'].includes(r.error?.code ?? '')) unexpected.push(`${label}: expected FORBIDDEN/NOT_FOUND, got ${JSON.stringify(r.ok ? 'ok' : r.error)}`);
              else if (r.data !== undefined) unexpected.push(`${label}: a denial carried data`);
              if ((await digest()) !== before) unexpected.push(`${label}: the store changed on a denied call`);
              denied++;
            }
          }
        }
      }
    }
    expect(unexpected).toEqual([]);
    // 27 panel functions × 6 personas × 3 issues, 5 global and 16 settings functions × 6 personas, at least.
    expect(allowed + denied).toBeGreaterThanOrEqual(27 * 18 + 21 * 6);
    expect(allowed).toBeGreaterThan(0);
    expect(denied).toBeGreaterThan(allowed);
  });

  it('never answers a settings function from the issue panel or the global page, whoever asks', async () => {
    const admin = modules.find((m) => m.moduleKey === MODULES.admin)!;
    const others = modules.filter((m) => m.moduleKey !== MODULES.admin);
    const start = await digest();
    const problems: string[] = [];
    for (const m of others) {
      for (const fn of admin.functionKeys) {
        // The settings page's payload, as an attacker would send it to the other modules.
        const payload = await validPayload(MODULES.admin, fn, 'jira-admin');
        for (const { context, issueKey } of contextsOf(m)) {
          for (const as of PERSONAS) {
            const r = await invoke(as, m.moduleKey, fn, payload, issueKey);
            const label = `${m.moduleKey}.${fn} as ${as} on ${context}`;
            if (!m.functionKeys.includes(fn)) {
              if (r.ok || r.error?.code !== 'NOT_FOUND') problems.push(`${label}: expected NOT_FOUND, got ${JSON.stringify(r.ok ? r.data : r.error)}`);
              continue;
            }
            // Same name (load, history, verifyHistory): the module's own function, with its own schema and roles;
            // the settings page's payload is not valid there, or the answer is that module's own data.
            if (r.ok && fn !== 'load' && /settings\.save|Priya Acheson|incident-response/.test(JSON.stringify(r.data))) problems.push(`${label}: answered with settings data`);
            if (!r.ok && !['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT'].includes(r.error?.code ?? '')) problems.push(`${label}: ${JSON.stringify(r.error)}`);
            if (r.ok && ROLE[as][context] === null) problems.push(`${label}: answered a caller with no role here`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Denied calls wrote nothing; the allowed same-named ones (history, verifyHistory) only read.
    expect(await digest()).toBe(start);
  });
});

describe('cross-partner rows', () => {
  const acmeSecrets = [ACME_PARTNER.contacts.primary.email, ACME_PARTNER.contacts.secondary.email, ACME_PARTNER.contacts.primary.phone, ACME_PARTNER.apps[0]!.appId, ACME_PARTNER.apps[0]!.name];
  const globexSecrets = [GLOBEX_PARTNER.contacts.primary.email, GLOBEX_PARTNER.contacts.secondary.email, GLOBEX_PARTNER.contacts.primary.phone, GLOBEX_PARTNER.apps[0]!.appId, GLOBEX_PARTNER.apps[0]!.name];
  const leaks = (data: unknown, secrets: string[]) => secrets.filter((x) => JSON.stringify(data ?? null).toLowerCase().includes(x.toLowerCase()));

  it('when SEC-1 belongs to Globex, Acme (who can browse it in Jira) only reads it, for every function, and receives nothing of Globex', async () => {
    const loaded = await invoke<{ incident: { version: number } }>('ir-analyst', MODULES.panel, 'load', {}, 'SEC-1');
    const moved = await invoke('ir-analyst', MODULES.panel, 'setPartner', { version: loaded.data!.incident.version, partnerId: 'globex' }, 'SEC-1');
    expect(moved.ok, JSON.stringify(moved.error)).toBe(true);
    const panelFns = modules.find((m) => m.moduleKey === MODULES.panel)!.functionKeys;
    const problems: string[] = [];
    for (const fn of panelFns) {
      const payload = await validPayload(MODULES.panel, fn, 'partner-acme', 'SEC-1');
      const before = await digest();
      const r = await invoke('partner-acme', MODULES.panel, fn, payload, 'SEC-1');
      const viewerMay = ALLOWED[MODULES.panel]![fn]!.includes('viewer');
      if (viewerMay && !r.ok) problems.push(`${fn}: a viewer may read, got ${JSON.stringify(r.error)}`);
      if (!viewerMay && (r.ok || r.error?.code !== 'FORBIDDEN')) problems.push(`${fn}: expected FORBIDDEN, got ${JSON.stringify(r.ok ? 'ok' : r.error)}`);
      if (!viewerMay && (await digest()) !== before) problems.push(`${fn}: the store changed`);
      const leaked = leaks(r.data, globexSecrets.slice(0, 3));
      if (leaked.length) problems.push(`${fn}: Acme received Globex's ${leaked.join(', ')}`);
      if (fn === 'load') expect((r.data as { viewer: { role: string } }).viewer.role).toBe('viewer');
    }
    expect(problems).toEqual([]);
    const back = await invoke<{ incident: { version: number } }>('ir-analyst', MODULES.panel, 'load', {}, 'SEC-1');
    expect((await invoke('ir-analyst', MODULES.panel, 'setPartner', { version: back.data!.incident.version, partnerId: 'acme' }, 'SEC-1')).ok).toBe(true);
  });

  it("a partner's people cannot read or change another partner's organization from the global page", async () => {
    const own = await invoke<{ organizations: { id: string }[] }>('partner-acme', MODULES.global, 'organization');
    expect(own.data!.organizations.map((o) => o.id)).toEqual(['acme']);
    expect(leaks(own.data, globexSecrets)).toEqual([]);
    const globex = await invoke<{ version: number }>('jira-admin', MODULES.admin, 'partner', { id: 'globex' });
    const before = await digest();
    const r = await invoke('partner-acme', MODULES.global, 'saveOrganization', { partnerId: 'globex', version: globex.data!.version, contacts: ACME_PARTNER.contacts, coverage: ACME_PARTNER.coverage });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.error?.fields).toHaveProperty('partnerId');
    expect(await digest()).toBe(before);
    for (const fn of ['load', 'queue', 'organization']) {
      const g = await invoke('partner-globex', MODULES.global, fn, fn === 'queue' ? { view: 'open' } : {});
      expect(leaks(g.data, acmeSecrets), `global ${fn} as Globex`).toEqual([]);
      const a = await invoke('partner-acme', MODULES.global, fn, fn === 'queue' ? { view: 'open' } : {});
      expect(leaks(a.data, globexSecrets), `global ${fn} as Acme`).toEqual([]);
    }
  });

  it("a partner cannot report for another partner or with its app; a partner's reported ticket stays out of every view of the other", async () => {
    const report = (o: Record<string, unknown>) => ({ title: 'Cross-partner attempt', appId: '', summary: { whatHappened: 'x' }, timeline: {}, contacts: {}, notify: { triggers: [], exclusions: [], bugBountyCriticalHighImpact: false }, ...o });
    const before = await digest();
    for (const [as, o] of [
      ['partner-globex', { partnerId: 'acme' }],
      ['partner-globex', { appId: ACME_PARTNER.apps[0]!.appId }],
      ['partner-acme', { partnerId: 'globex', appId: GLOBEX_PARTNER.apps[0]!.appId }],
    ] as const) {
      const r = await invoke(as, MODULES.global, 'report', report(o));
      expect(r.error?.code, `${as} ${JSON.stringify(o)}`).toBe('INVALID_INPUT');
      expect(leaks(r, as === 'partner-globex' ? acmeSecrets : globexSecrets)).toEqual([]);
    }
    expect(await digest()).toEqual(before);
    const made = await invoke<{ issueKey: string }>('partner-acme', MODULES.global, 'report', report({ appId: ACME_PARTNER.apps[0]!.appId }));
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    for (const view of ['triage', 'open', 'mine', 'at-risk', 'closed']) {
      const g = await invoke<{ rows: { issueKey: string }[] }>('partner-globex', MODULES.global, 'queue', { view });
      expect(g.data!.rows.map((r) => r.issueKey), view).not.toContain(made.data!.issueKey);
      expect(leaks(g.data, acmeSecrets), view).toEqual([]);
    }
    expect((await invoke('partner-globex', MODULES.panel, 'load', {}, made.data!.issueKey)).ok).toBe(false);
  });
});
