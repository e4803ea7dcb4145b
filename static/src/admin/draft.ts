import type { Contact } from '../../../src/domain/contacts';
import type { Settings } from '../../../src/domain/settings';

/**
 * The settings form's working copy: every section is present so inputs always have a value; `toSettings`
 * turns an untouched contacts or partner section back into "not set".
 */
export interface Draft extends Omit<Settings, 'contacts' | 'partner'> {
  contacts: NonNullable<Settings['contacts']>;
  partner: NonNullable<Settings['partner']>;
}

export const EMPTY_CONTACT: Contact = { name: '', role: '', email: '', phone: '', timeZone: '' };

const blankContact = (c: Contact) => Object.values(c).every((v) => v === '');

export function toDraft(s: Settings, today: string): Draft {
  return {
    ...s,
    contacts: s.contacts ?? { primary: EMPTY_CONTACT, secondary: EMPTY_CONTACT, coverage24x5: false, lastReviewedOn: today, reviewReminderDays: 90 },
    partner: s.partner ?? { name: '', tier: 'other' },
  };
}

export function toSettings(d: Draft, saved: Settings): Settings {
  const c = d.contacts;
  const contactsUntouched = saved.contacts === null && blankContact(c.primary) && blankContact(c.secondary) && !c.coverage24x5;
  const partnerUntouched = saved.partner === null && d.partner.name === '';
  return { ...d, contacts: contactsUntouched ? null : c, partner: partnerUntouched ? null : d.partner };
}
