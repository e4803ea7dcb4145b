import type { IncidentDoc } from '../domain/incident';
import type { Partner } from '../domain/partner';
import { reminderContacts } from '../domain/prefill';

export { reminderMentions } from '../domain/prefill';

export interface Recipient {
  name: string;
  email: string;
}

/**
 * Whom a reminder comment names: the incident's partner's current contacts (they keep them current in the
 * directory), else the incident's own report contacts; never another partner's. The one place both sweeps decide it.
 */
export function reminderRecipients(doc: IncidentDoc, partner: Partner | null): Recipient[] {
  return reminderContacts(doc.report, partner);
}
