import { useState } from 'react';
import { MAX_IMPORT_CADENCE_DAYS, type Settings } from '../../../src/domain/settings';
import { SelectField, TextField, type Errors, within } from '../ui/fields';

const CALENDAR_LABELS = { '24x7': '24x7: every hour counts', '24x5': '24x5: weekends (Saturday and Sunday) do not count' } as const;

const parseThresholds = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map(Number);

export function ClockSection({ clock, setClock, audit, setAudit, errors }: { clock: Settings['clock']; setClock: (c: Settings['clock']) => void; audit: Settings['storageAudit']; setAudit: (a: Settings['storageAudit']) => void; errors: Errors }) {
  // The text is kept as typed ("50, " mid-edit); the numbers go into the draft.
  const [thresholdText, setThresholdText] = useState(clock.reminderThresholds.join(', '));
  const clockErrors = within(errors, 'clock');
  const thresholdError = clockErrors.reminderThresholds ?? Object.entries(clockErrors).find(([k]) => k.startsWith('reminderThresholds.'))?.[1];
  return (
    <section aria-labelledby="clock-h">
      <h2 id="clock-h">Acknowledgment clock</h2>
      <p className="subtle">Partners acknowledge Atlassian's outreach within 8 hours. These settings decide how the hours count and when reminders go out.</p>
      <div className="two-col">
        <SelectField label="Calendar" name="clock.calendar" value={clock.calendar} options={['24x7', '24x5'] as const} labels={CALENDAR_LABELS} onChange={(calendar) => calendar && setClock({ ...clock, calendar })} error={clockErrors.calendar} />
        <TextField label="Time zone" name="clock.timeZone" value={clock.timeZone} list="time-zones" onChange={(timeZone) => setClock({ ...clock, timeZone })} error={clockErrors.timeZone} help="The partner's time zone, where the weekend is counted" />
        <TextField
          label="Reminder thresholds (% of the time)"
          name="clock.reminderThresholds"
          value={thresholdText}
          onChange={(t) => {
            setThresholdText(t);
            setClock({ ...clock, reminderThresholds: parseThresholds(t) });
          }}
          error={thresholdError}
          help="Comma-separated, ascending, e.g. 50, 75"
        />
      </div>
      <h2 id="audit-h">Storage audit-log imports</h2>
      <TextField
        label="Import the developer console's audit logs every (days)"
        name="storageAudit.importCadenceDays"
        type="number"
        value={String(audit.importCadenceDays)}
        onChange={(v) => setAudit({ importCadenceDays: Number(v) })}
        error={within(errors, 'storageAudit').importCadenceDays}
        help={`At most ${MAX_IMPORT_CADENCE_DAYS} days: the console keeps an uninstalled site's logs for only 30.`}
      />
    </section>
  );
}
