import type { StorageAuditEvent } from '../../src/domain/storage-audit';

/** Valid settings an admin might save, for tests that need a configured site. */
export const ACME_APP_ID = '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';

export const contact = (name: string, email: string, phone: string) => ({ name, role: 'Security lead', email, phone, timeZone: 'America/New_York' });

export const GLOBEX_APP_ID = '7c1d9e2f-4a6b-4c8d-9e0f-2a3b4c5d6e7f';

/** Valid site-wide settings (schema version 2). */
export const VALID_SETTINGS = {
  schemaVersion: 2,
  roles: { irGroups: ['incident-response'] },
  clock: { timeZone: 'UTC', reminderThresholds: [50, 75] },
  storageAudit: { importCadenceDays: 7 },
  incidents: { projects: ['SEC'], issueTypes: ['Security incident'] },
};

const dirContact = (name: string, email: string, phone: string, timeZone = 'America/New_York') => ({ ...contact(name, email, phone), timeZone, accountId: '' });

/** The demo's Acme: Platinum, 24x7 in New York, Acme Timesheets (SEC-1 is theirs). */
export const ACME_PARTNER = {
  name: 'Acme',
  tier: 'platinum',
  memberGroups: ['partner-acme-security'],
  securityLevelId: '10101',
  contacts: { primary: dirContact('Priya Acheson', 'priya@acme.example', '+14155550101'), secondary: dirContact('Sam Okafor', 'sam@acme.example', '+14155550102') },
  coverage: { calendar: '24x7', timeZone: 'America/New_York' },
  lastReviewedOn: '2026-11-01',
  reviewIntervalDays: 90,
  apps: [{ name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: ACME_APP_ID, framework: 'forge', enterpriseTrustSignal: true, environments: ['production'], distribution: 'public' }],
};

/** The demo's Globex: other tier, 24x5 in Berlin, Globex Charts (SEC-2 is theirs). */
export const GLOBEX_PARTNER = {
  name: 'Globex',
  tier: 'other',
  memberGroups: ['partner-globex-security'],
  securityLevelId: '10102',
  contacts: { primary: dirContact('Greta Lindqvist', 'greta@globex.example', '+4930555010', 'Europe/Berlin'), secondary: dirContact('Jonas Weber', 'jonas@globex.example', '+4930555011', 'Europe/Berlin') },
  coverage: { calendar: '24x5', timeZone: 'Europe/Berlin' },
  lastReviewedOn: '2026-11-01',
  reviewIntervalDays: 90,
  apps: [{ name: 'Globex Charts', appKey: 'globex-charts', appId: GLOBEX_APP_ID, framework: 'connect', enterpriseTrustSignal: false, environments: ['staging', 'production'], distribution: 'public' }],
};

/** A site ID the console would show, numbered for tests. */
export const auditSite = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** One row of the developer console's storage audit log for the Acme app (site 1 installed, by default). */
export const auditEvent = (over: Partial<StorageAuditEvent> = {}): StorageAuditEvent => ({
  appId: ACME_APP_ID,
  appName: 'acme-timesheets',
  siteId: auditSite(1),
  product: 'Jira',
  environment: 'Production',
  installedVersion: '1.0.0',
  event: 'App installed',
  eventDate: '2025-01-10',
  location: 'Global',
  targetLocation: null,
  ...over,
});

/**
 * A console download of `rows` events of the Acme app, sorted by day as the console writes it: four events per
 * site (installed, backfill started and completed, a migration), spread over `days` days from July 2024.
 */
export function consoleDownload(rows: number, days = 700): StorageAuditEvent[] {
  const names = ['App installed', 'Forge backfill started', 'Forge backfill completed', 'Migration scheduled'];
  return Array.from({ length: rows }, (_, i) => {
    const day = new Date(Date.UTC(2024, 6, 1) + Math.floor((i / rows) * days) * 86_400_000).toISOString().slice(0, 10);
    return auditEvent({ siteId: auditSite(Math.floor(i / 4)), installedVersion: `2.${i % 7}.0`, event: names[i % 4]!, eventDate: day, targetLocation: i % 4 === 3 ? 'EU' : null });
  });
}
