import type { PartnerContact, PartnerContacts, Coverage } from '../../../src/domain/partner';
import { SelectField, TextField, within, type Errors } from '../ui/fields';

export const EMPTY_CONTACT: PartnerContact = { name: '', role: '', email: '', phone: '', timeZone: '', accountId: '' };
export const EMPTY_CONTACTS: PartnerContacts = { primary: EMPTY_CONTACT, secondary: EMPTY_CONTACT };
const CALENDAR_LABELS = { '24x7': '24x7: every hour counts', '24x5': '24x5: weekends (Saturday and Sunday) do not count' } as const;

function ContactFields({ title, value, onChange, errors, prefix, withAccount }: { title: string; value: PartnerContact; onChange: (c: PartnerContact) => void; errors: Errors; prefix: string; withAccount: boolean }) {
  const set = (k: keyof PartnerContact) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <fieldset className="grid" data-testid={`contact-${prefix}`}>
      <legend>{title}</legend>
      <TextField label="Name" name={`${prefix}.name`} value={value.name} onChange={set('name')} error={errors.name} required />
      <TextField label="Role" name={`${prefix}.role`} value={value.role} onChange={set('role')} error={errors.role} required placeholder="e.g. Head of security" />
      <TextField label="Email" name={`${prefix}.email`} type="email" value={value.email} onChange={set('email')} error={errors.email} required />
      <TextField label="Phone" name={`${prefix}.phone`} type="tel" value={value.phone} onChange={set('phone')} error={errors.phone} required help="International format, e.g. +14155550123" />
      <TextField label="Time zone" name={`${prefix}.timeZone`} value={value.timeZone} onChange={set('timeZone')} error={errors.timeZone} required list="time-zones" placeholder="e.g. Europe/Berlin" />
      {withAccount && <TextField label="Jira account ID (optional)" name={`${prefix}.accountId`} value={value.accountId} onChange={set('accountId')} error={errors.accountId} help="When the contact is a Jira user" />}
    </fieldset>
  );
}

/** The primary and secondary incident contacts, as the settings page and the partner's own page edit them. */
export function ContactsFields({ value, onChange, errors, withAccount = true }: { value: PartnerContacts; onChange: (c: PartnerContacts) => void; errors: Errors; withAccount?: boolean }) {
  return (
    <div className="two-col">
      <ContactFields title="Primary contact" prefix="primary" value={value.primary} onChange={(primary) => onChange({ ...value, primary })} errors={within(errors, 'primary')} withAccount={withAccount} />
      <ContactFields title="Secondary contact" prefix="secondary" value={value.secondary} onChange={(secondary) => onChange({ ...value, secondary })} errors={within(errors, 'secondary')} withAccount={withAccount} />
    </div>
  );
}

export function CoverageFields({ value, onChange, errors }: { value: Coverage; onChange: (c: Coverage) => void; errors: Errors }) {
  return (
    <div className="two-col" data-testid="coverage">
      <SelectField label="Coverage" name="coverage.calendar" value={value.calendar} options={['24x7', '24x5'] as const} labels={CALENDAR_LABELS} onChange={(calendar) => calendar && onChange({ ...value, calendar })} error={errors.calendar} />
      <TextField label="Coverage time zone" name="coverage.timeZone" value={value.timeZone} list="time-zones" onChange={(timeZone) => onChange({ ...value, timeZone })} error={errors.timeZone} help="Where the 24x5 weekend is counted" />
    </div>
  );
}
