import type { StorageAuditEvent } from '../../src/domain/storage-audit';

/** Valid settings an admin might save, for tests that need a configured site. */
export const ACME_APP_ID = '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';

export const contact = (name: string, email: string, phone: string) => ({ name, role: 'Security lead', email, phone, timeZone: 'America/New_York' });

export const VALID_SETTINGS = {
  contacts: {
    primary: contact('Priya Acheson', 'priya@acme.example', '+14155550101'),
    secondary: contact('Sam Okafor', 'sam@acme.example', '+14155550102'),
    coverage24x5: true,
    lastReviewedOn: '2026-11-01',
    reviewReminderDays: 90,
  },
  partner: { name: 'Acme Apps', tier: 'platinum' },
  apps: [
    {
      name: 'Acme Timesheets',
      appKey: 'acme-timesheets',
      appId: ACME_APP_ID,
      framework: 'forge',
      enterpriseTrustSignal: true,
      environments: ['production'],
      distribution: 'public',
    },
  ],
  roles: { irGroups: ['incident-response'] },
  clock: { calendar: '24x7', timeZone: 'UTC', reminderThresholds: [50, 75] },
  storageAudit: { importCadenceDays: 7 },
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
