/** Calls one app function as a persona, the way a page of that module would. */
export type DemoInvoke = (as: string, moduleKey: string, issueKey: string | undefined, functionKey: string, payload: unknown) => Promise<{ status: number; body: unknown }>;

const ADMIN = 'settings-page';
const PANEL = 'incident-panel';
const ACME_APP_ID = '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';
const GLOBEX_APP_ID = '7c1d9e2f-4a6b-4c8d-9e0f-2a3b4c5d6e7f';
const contact = (name: string, role: string, email: string, phone: string, timeZone = 'America/New_York') => ({ name, role, email, phone, timeZone, accountId: '' });

/**
 * Demo data for `npm start` and `POST /__local/reset`, written through the app's own functions so it is
 * always data the app itself could have written: site settings, two partners (Acme, Platinum, 24x7 in New
 * York; Globex, other tier, 24x5 in Berlin), a joint Acme incident with a running acknowledgment clock
 * (SEC-1), a Globex incident in containment (SEC-2), and an IR-only ticket with no partner (SEC-3).
 */
export async function seedDemoData(invoke: DemoInvoke): Promise<void> {
  const now = Date.now();
  const ago = (h: number) => new Date(now - h * 3_600_000).toISOString();
  const acme = { primary: contact('Priya Acheson', 'Head of security', 'priya@acme.example', '+14155550101'), secondary: contact('Sam Okafor', 'SRE lead', 'sam@acme.example', '+14155550102') };
  const globex = { primary: contact('Greta Lindqvist', 'PSIRT lead', 'greta@globex.example', '+4930555010', 'Europe/Berlin'), secondary: contact('Jonas Weber', 'On-call engineer', 'jonas@globex.example', '+4930555011', 'Europe/Berlin') };
  const reviewed = ago(24 * 20).slice(0, 10);
  const steps: Parameters<DemoInvoke>[] = [
    ['jira-admin', ADMIN, undefined, 'save', { version: 0, settings: { schemaVersion: 2, roles: { irGroups: ['incident-response'] }, clock: { timeZone: 'America/New_York', reminderThresholds: [50, 75] }, storageAudit: { importCadenceDays: 7 } } }],
    [
      'jira-admin', ADMIN, undefined, 'savePartner',
      {
        id: null,
        version: 0,
        partner: {
          name: 'Acme', tier: 'platinum', memberGroups: ['partner-acme-security'], securityLevelId: '10101', contacts: acme, coverage: { calendar: '24x7', timeZone: 'America/New_York' }, lastReviewedOn: reviewed, reviewIntervalDays: 90,
          apps: [{ name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: ACME_APP_ID, framework: 'forge', enterpriseTrustSignal: true, environments: ['production'], distribution: 'public' }],
        },
      },
    ],
    [
      'jira-admin', ADMIN, undefined, 'savePartner',
      {
        id: null,
        version: 0,
        partner: {
          name: 'Globex', tier: 'other', memberGroups: ['partner-globex-security'], securityLevelId: '10102', contacts: globex, coverage: { calendar: '24x5', timeZone: 'Europe/Berlin' }, lastReviewedOn: reviewed, reviewIntervalDays: 90,
          apps: [{ name: 'Globex Charts', appKey: 'globex-charts', appId: GLOBEX_APP_ID, framework: 'connect', enterpriseTrustSignal: false, environments: ['staging', 'production'], distribution: 'public' }],
        },
      },
    ],
    [
      'partner-acme', PANEL, 'SEC-1', 'saveReport',
      {
        version: 0,
        report: {
          summary: { whatHappened: 'Unusual calls to /rest/api/3/user/search from our Forge app in production.', actionsTaken: 'Rotated the OAuth client secret; paused the nightly sync.', currentStatus: 'Investigating' },
          app: { name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: ACME_APP_ID, environment: 'production', distribution: 'public' },
          impact: { dataExposure: 'personal-data', affectedTenants: 37, products: ['jira'] },
          timeline: { firstObservedAt: ago(30), detectedAt: ago(28), containmentAt: '' },
          contacts: { primary: { name: acme.primary.name, role: acme.primary.role, email: acme.primary.email, phone: acme.primary.phone }, secondary: { name: acme.secondary.name, role: acme.secondary.role, email: acme.secondary.email, phone: acme.secondary.phone } },
        },
      },
    ],
    ['partner-acme', PANEL, 'SEC-1', 'addIndicators', { version: 1, text: '203.0.113.7\nhxxps://exfil[.]example[.]net/upload\n/rest/api/3/user/search\n5b10ac8d82e05b22cc7d4ef5\nPOST /rest/api/3/issue/bulk\nscope added: read:jira-user\negress added: *[.]exfil[.]example[.]net\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }],
    ['ir-analyst', PANEL, 'SEC-1', 'saveTriage', { version: 2, triage: { notify: { triggers: ['customer-data-exposed'], exclusions: [], bugBountyCriticalHighImpact: false }, support: { partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: true, securityEventConfirmed: true, severity: 'high' }, override: null } }],
    ['ir-analyst', PANEL, 'SEC-1', 'movePhase', { version: 3, phase: 'investigation' }],
    ['ir-analyst', PANEL, 'SEC-1', 'recordOutreach', { version: 4, at: ago(3), channel: 'email', message: 'Please acknowledge and confirm your incident contacts.' }],
    ['ir-analyst', PANEL, 'SEC-2', 'setPartner', { version: 0, partnerId: 'globex' }],
    ['ir-analyst', PANEL, 'SEC-2', 'saveReport', { version: 1, report: { summary: { whatHappened: 'A malicious release of a charting dependency.', actionsTaken: '', currentStatus: 'Containment' }, app: { name: 'Globex Charts', appKey: 'globex-charts', appId: GLOBEX_APP_ID, environment: 'production', distribution: 'public' }, contacts: { primary: { name: globex.primary.name, role: globex.primary.role, email: globex.primary.email, phone: globex.primary.phone }, secondary: { name: globex.secondary.name, role: globex.secondary.role, email: globex.secondary.email, phone: globex.secondary.phone } } } }],
    ['ir-analyst', PANEL, 'SEC-2', 'movePhase', { version: 2, phase: 'containment' }],
  ];
  for (const step of steps) {
    const r = await invoke(...step);
    const body = r.body as { ok?: boolean; error?: unknown };
    if (r.status !== 200 || body.ok !== true) throw new Error(`Demo seed step ${step[3]} on ${step[2] ?? 'settings'} failed: ${JSON.stringify(r.body)}`);
  }
}
