import { useCallback, useState } from 'react';
import * as v from 'valibot';
import { adminApi } from '../api';
import { fieldErrors } from '../../../src/contract/envelope';
import type { SettingsView } from '../../../src/contract/admin';
import { MAX_IMPORT_CADENCE_DAYS, SiteSettingsSchema, type SiteSettings } from '../../../src/domain/site-settings';
import { TextField, within, type Errors } from '../ui/fields';
import { RolesSection } from './RolesSection';
import { useSave, useUnsavedGuard } from './useSection';

type Slice = 'roles' | 'clock' | 'storageAudit';

/**
 * One slice of the site settings with its own Save: the request carries the other slices as saved, so a
 * section never saves what another section holds unsaved.
 */
function useSlice<K extends Slice>(key: K, saved: SettingsView, onSaved: (v: SettingsView) => void) {
  const [draft, setDraft] = useState<SiteSettings[K]>(saved.settings[key]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved.settings[key]);
  useUnsavedGuard(`site-${key}`, dirty);
  const fromServer = useCallback((f: Record<string, string>) => within(f, `settings.${key}`), [key]);
  const s = useSave<SettingsView>('Settings saved', fromServer);
  const save = () => {
    const candidate = { ...saved.settings, [key]: draft };
    const local = v.safeParse(SiteSettingsSchema, candidate);
    if (!local.success) return s.fail(within(fieldErrors(local.issues), key));
    void s.run(() => adminApi('save', { version: saved.version, settings: local.output }), (view) => {
      setDraft(view.settings[key]);
      onSaved(view);
    });
  };
  return { draft, setDraft, dirty, save, ...s };
}

function SaveBar({ id, busy, dirty, conflicted, onSave, label }: { id: string; busy: boolean; dirty: boolean; conflicted: boolean; onSave: () => void; label: string }) {
  return (
    <div className="save-bar">
      <button type="button" className="btn btn-primary" disabled={busy || !dirty} onClick={onSave} data-testid={`save-${id}`}>
        {busy ? 'Saving…' : label}
      </button>
      {dirty && <span className="subtle">Unsaved changes</span>}
      {conflicted && <span className="subtle">Someone saved the settings meanwhile: reload the page to see theirs.</span>}
    </div>
  );
}

export function IrStaffSection({ saved, onSaved }: { saved: SettingsView; onSaved: (v: SettingsView) => void }) {
  const s = useSlice('roles', saved, onSaved);
  return (
    <div className="card" data-testid="section-ir-staff">
      <RolesSection groups={s.draft.irGroups} set={(irGroups) => s.setDraft({ irGroups })} errors={within(s.errors, 'irGroups')} />
      <SaveBar id="roles" label="Save IR staff" busy={s.busy} dirty={s.dirty} conflicted={s.conflicted} onSave={s.save} />
    </div>
  );
}

const parseThresholds = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map(Number);

export function RemindersSection({ saved, onSaved }: { saved: SettingsView; onSaved: (v: SettingsView) => void }) {
  const s = useSlice('clock', saved, onSaved);
  // The text is kept as typed ("50, " mid-edit); the numbers go into the draft.
  const [text, setText] = useState(s.draft.reminderThresholds.join(', '));
  const e: Errors = s.errors;
  const thresholdError = e.reminderThresholds ?? Object.entries(e).find(([k]) => k.startsWith('reminderThresholds.'))?.[1];
  return (
    <section aria-labelledby="reminders-h" className="card" data-testid="section-reminders">
      <h2 id="reminders-h">Reminders</h2>
      <p className="subtle">Partners acknowledge Atlassian&apos;s outreach within 8 hours; each partner&apos;s coverage (24x7 or 24x5, and its time zone) decides how the hours count. These thresholds decide when reminders are posted, for every partner.</p>
      <div className="two-col">
        <TextField
          label="Reminder thresholds (% of the time)"
          name="clock.reminderThresholds"
          value={text}
          onChange={(t) => {
            setText(t);
            s.setDraft({ ...s.draft, reminderThresholds: parseThresholds(t) });
          }}
          error={thresholdError}
          help="Comma-separated, ascending, e.g. 50, 75"
        />
        <TextField label="Site time zone" name="clock.timeZone" value={s.draft.timeZone} list="time-zones" onChange={(timeZone) => s.setDraft({ ...s.draft, timeZone })} error={e.timeZone} help="The calendar days of the site's own tasks (the audit-log import cadence) are counted here" />
      </div>
      <SaveBar id="reminders" label="Save reminders" busy={s.busy} dirty={s.dirty} conflicted={s.conflicted} onSave={s.save} />
    </section>
  );
}

export function ImportCadenceSection({ saved, onSaved }: { saved: SettingsView; onSaved: (v: SettingsView) => void }) {
  const s = useSlice('storageAudit', saved, onSaved);
  return (
    <div className="card" data-testid="section-cadence">
      <TextField
        label="Import the developer console's audit logs every (days)"
        name="storageAudit.importCadenceDays"
        type="number"
        value={String(s.draft.importCadenceDays)}
        onChange={(x) => s.setDraft({ importCadenceDays: Number(x) })}
        error={s.errors.importCadenceDays}
        help={`At most ${MAX_IMPORT_CADENCE_DAYS} days: the console keeps an uninstalled site's logs for only 30.`}
      />
      <SaveBar id="cadence" label="Save import cadence" busy={s.busy} dirty={s.dirty} conflicted={s.conflicted} onSave={s.save} />
    </div>
  );
}
