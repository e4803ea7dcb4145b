import type { Settings } from '../domain/settings';
import type { IncidentDoc } from '../adapters/kvs/incident-repo';

export interface Recipient {
  name: string;
  email: string;
}

/**
 * Whom a reminder comment names: the incident's own report contacts when any is recorded, else the contacts
 * from the settings. The one place both sweeps decide it.
 */
export function reminderRecipients(doc: IncidentDoc, settings: Settings): Recipient[] {
  const own = [doc.report.contacts.primary, doc.report.contacts.secondary];
  if (own.some((c) => c.email || c.name)) return own;
  return settings.contacts ? [settings.contacts.primary, settings.contacts.secondary] : [];
}
