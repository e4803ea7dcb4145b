/** Custom entities declared in manifest.yml (`app.storage.entities`), and the keys the app stores them under. */
export const ENTITIES = {
  settings: 'app-settings',
  incident: 'incident',
  auditEntry: 'audit-entry',
  partner: 'partner',
  partnerClaim: 'partner-claim',
} as const;

export const SETTINGS_KEY = 'settings';

// Zero-padded so keys sort in trail order as well as the index does.
export const auditEntryKey = (stream: string, seq: number) => `audit:${stream}:${String(seq).padStart(10, '0')}`;
