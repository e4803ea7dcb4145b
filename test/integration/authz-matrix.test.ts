import { beforeAll, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, PERSONAS, reset, type Persona, setQuota } from '../support/client';
import { VALID_SETTINGS } from '../support/fixtures';
import { SHAPE_ONLY, validPayload } from '../support/payloads';

type Role = 'ir' | 'partner' | 'admin';
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
    load: ['ir', 'partner'],
    saveReport: ['ir', 'partner'],
    saveIrNotes: ['ir'],
    addIndicators: ['ir', 'partner'],
    updateIndicator: ['ir', 'partner'],
    removeIndicators: ['ir', 'partner'],
    attachments: ['ir', 'partner'],
    // The sites where the incident's app was installed during the incident window (the partner's own archive).
    footprint: ['ir', 'partner'],
    saveTriage: ['ir'],
    saveChannel: ['ir'],
    movePhase: ['ir'],
    recordOutreach: ['ir'],
    acknowledge: ['ir', 'partner'],
    saveMitigations: ['ir', 'partner'],
    saveCustomerNotification: ['ir', 'partner'],
    saveRootCause: ['ir', 'partner'],
    proposeLogRequest: ['ir', 'partner'],
    decideLogRequest: ['ir'],
    deliverLogRequest: ['ir'],
    // The partner's own steps with logs Atlassian shared: IR staff cannot attest for them.
    acknowledgeLogReceipt: ['partner'],
    attestLogDeletion: ['partner'],
    setLegalHold: ['ir'],
    saveLogSharingFacts: ['ir'],
    history: ['ir', 'partner'],
    verifyHistory: ['ir'],
  },
  [MODULES.global]: {
    load: ['ir', 'partner'],
    list: ['ir', 'partner'],
    stats: ['ir'],
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
};

const ISSUES = ['SEC-1', 'SEC-2', 'SEC-3'] as const;
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
let modules: FunctionsEntry[] = [];

function contextsOf(m: FunctionsEntry): { context: Context; issueKey?: string }[] {
  if (m.moduleType === 'jira:issuePanel') return ISSUES.map((k) => ({ context: k, issueKey: k }));
  return [{ context: m.moduleKey === MODULES.admin ? 'admin' : 'global' }];
}

beforeAll(async () => {
  await reset();
  // Every function × persona × issue in a minute or two: more calls than the per-minute storage quota allows,
  // which is not what this suite tests (kvs-quota.test.ts does).
  await setQuota({ readUnitsPerWindow: 10_000_000, writeUnitsPerWindow: 10_000_000 });
  modules = (await control<FunctionsEntry[]>('/__local/functions')).body;
  // A configured site: the settings page's storage-audit functions check apps against the inventory.
  const saved = await invoke('jira-admin', MODULES.admin, 'save', { version: 0, settings: VALID_SETTINGS });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
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
    // 25 panel functions × 5 personas × 3 issues, 3 global and 11 settings functions × 5 personas, at least.
    expect(allowed + denied).toBeGreaterThanOrEqual(25 * 15 + 14 * 5);
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
