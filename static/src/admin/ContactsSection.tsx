import type { Contact } from '../../../src/domain/contacts';
import type { SettingsView } from '../../../src/contract/admin';
import { Checkbox, TextField, type Errors, within } from '../ui/fields';
import { formatDay, type Locale } from '../ui/format';
import type { Draft } from './draft';

function ContactFields({ title, value, onChange, errors, prefix }: { title: string; value: Contact; onChange: (c: Contact) => void; errors: Errors; prefix: string }) {
  const set = (k: keyof Contact) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <fieldset className="grid" data-testid={`contact-${prefix}`}>
      <legend>{title}</legend>
      <TextField label="Name" name={`${prefix}.name`} value={value.name} onChange={set('name')} error={errors.name} required />
      <TextField label="Role" name={`${prefix}.role`} value={value.role} onChange={set('role')} error={errors.role} required placeholder="e.g. Head of security" />
      <TextField label="Email" name={`${prefix}.email`} type="email" value={value.email} onChange={set('email')} error={errors.email} required />
      <TextField label="Phone" name={`${prefix}.phone`} type="tel" value={value.phone} onChange={set('phone')} error={errors.phone} required help="International format, e.g. +14155550123" />
      <TextField label="Time zone" name={`${prefix}.timeZone`} value={value.timeZone} onChange={set('timeZone')} error={errors.timeZone} required list="time-zones" placeholder="e.g. Europe/Berlin" />
    </fieldset>
  );
}

export function ContactsSection({ draft, set, errors, status, today, l }: { draft: Draft['contacts']; set: (c: Draft['contacts']) => void; errors: Errors; status: SettingsView['contactsStatus']; today: string; l: Locale }) {
  return (
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">Incident contacts</h2>
      <p className="subtle">
        The program asks for at least one primary and one secondary contact with 24/5 coverage, updated whenever your team changes.
      </p>
      <p className={`status status-${status.state}`} data-testid="contacts-status">
        {status.message}
      </p>
      <div className="two-col">
        <ContactFields title="Primary contact" prefix="primary" value={draft.primary} onChange={(primary) => set({ ...draft, primary })} errors={within(errors, 'primary')} />
        <ContactFields title="Secondary contact" prefix="secondary" value={draft.secondary} onChange={(secondary) => set({ ...draft, secondary })} errors={within(errors, 'secondary')} />
      </div>
      <Checkbox label="Together, these contacts cover 24 hours a day, 5 days a week" checked={draft.coverage24x5} onChange={(coverage24x5) => set({ ...draft, coverage24x5 })} name="coverage24x5" />
      {errors.coverage24x5 && <p className="field-error">{errors.coverage24x5}</p>}
      <div className="row">
        <p className="subtle">
          Last reviewed: <strong>{formatDay(draft.lastReviewedOn, l)}</strong>
        </p>
        <button type="button" className="btn" onClick={() => set({ ...draft, lastReviewedOn: today })} disabled={draft.lastReviewedOn === today}>
          Mark as reviewed today
        </button>
      </div>
      {errors.lastReviewedOn && <p className="field-error">{errors.lastReviewedOn}</p>}
      <TextField
        label="Remind me to review after (days)"
        name="reviewReminderDays"
        type="number"
        value={String(draft.reviewReminderDays)}
        onChange={(v) => set({ ...draft, reviewReminderDays: Number(v) })}
        error={errors.reviewReminderDays}
      />
    </section>
  );
}
