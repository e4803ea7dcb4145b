import { useCallback, useEffect, useMemo, useState } from 'react';
import * as v from 'valibot';
import { adminApi } from '../api';
import type { ViewContext } from '../boot';
import { fieldErrors } from '../../../src/contract/envelope';
import type { SettingsView } from '../../../src/contract/admin';
import { SettingsSchema } from '../../../src/domain/settings';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';
import { Flag, type FlagMessage } from '../ui/Flag';
import { History } from '../ui/History';
import { toLocalInput, type Locale } from '../ui/format';
import { within, type Errors } from '../ui/fields';
import { toDraft, toSettings, type Draft } from './draft';
import { ContactsSection } from './ContactsSection';
import { AppsSection, PartnerSection } from './InventorySection';
import { RolesSection } from './RolesSection';
import { ClockSection } from './ClockSection';
import { TransferSection } from './TransferSection';
import { StorageAuditSection } from './StorageAuditSection';

const ACTIONS = { 'settings.save': 'saved the settings', 'settings.import': 'imported settings from a file' };
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Server field paths are relative to the request ("settings.contacts.primary.email"); the form's to the settings. */
const fromServer = (fields: Record<string, string> = {}): Errors => within(fields, 'settings');

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function AdminPage({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => adminApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading settings…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return <SettingsForm key={state.data.serverNow} initial={state.data} viewer={state.data.viewer} ctx={ctx} reload={reload} />;
}

function SettingsForm({ initial, viewer, ctx, reload }: { initial: SettingsView; viewer: Parameters<typeof ViewerBadge>[0]['viewer']; ctx: ViewContext; reload: () => void }) {
  const today = toLocalInput(new Date().toISOString(), ctx.timeZone).slice(0, 10);
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial.settings, today));
  const [errors, setErrors] = useState<Errors>({});
  const [importErrors, setImportErrors] = useState<Errors>({});
  const [flag, setFlag] = useState<FlagMessage | null>(null);
  const [busy, setBusy] = useState<'save' | 'import' | null>(null);
  const [conflicted, setConflicted] = useState(false);
  const l: Locale = ctx;
  const closeFlag = useCallback(() => setFlag(null), []);

  const candidate = useMemo(() => toSettings(draft, saved.settings), [draft, saved.settings]);
  const dirty = JSON.stringify(candidate) !== JSON.stringify(saved.settings);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function accept(view: SettingsView, message: string) {
    setSaved(view);
    setDraft(toDraft(view.settings, today));
    setErrors({});
    setImportErrors({});
    setConflicted(false);
    setFlag({ kind: 'success', text: message });
  }

  function reject(code: string, message: string, fields: Record<string, string> | undefined, onFields: (e: Errors) => void) {
    if (code === 'CONFLICT') setConflicted(true);
    if (fields) onFields(fields);
    setFlag({ kind: code === 'CONFLICT' ? 'warning' : 'error', text: message });
  }

  async function save() {
    const local = v.safeParse(SettingsSchema, candidate);
    if (!local.success) {
      setErrors(fieldErrors(local.issues));
      setFlag({ kind: 'error', text: 'Some fields need attention. Nothing was saved.' });
      return focusFirstInvalid();
    }
    setBusy('save');
    const r = await adminApi('save', { version: saved.version, settings: candidate });
    setBusy(null);
    if (r.ok) return accept(r.data, 'Settings saved');
    reject(r.error.code, r.error.message, r.error.fields, (f) => {
      setErrors(fromServer(f));
      focusFirstInvalid();
    });
  }

  async function importFile(text: string) {
    setBusy('import');
    const r = await adminApi('importSettings', { version: saved.version, text });
    setBusy(null);
    if (r.ok) return accept(r.data, 'Settings imported');
    reject(r.error.code, r.error.message, r.error.fields, setImportErrors);
  }

  const e = errors;
  return (
    <form
      className="module settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
      noValidate
    >
      <ViewerBadge viewer={viewer} />
      <datalist id="time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <ContactsSection draft={draft.contacts} set={(contacts) => setDraft({ ...draft, contacts })} errors={within(e, 'contacts')} status={saved.contactsStatus} today={today} l={l} />
      <PartnerSection draft={draft.partner} set={(partner) => setDraft({ ...draft, partner })} errors={within(e, 'partner')} />
      <AppsSection apps={draft.apps} set={(apps) => setDraft({ ...draft, apps })} errors={within(e, 'apps')} />
      <RolesSection groups={draft.roles.irGroups} set={(irGroups) => setDraft({ ...draft, roles: { irGroups } })} errors={within(e, 'roles.irGroups')} />
      <ClockSection clock={draft.clock} setClock={(clock) => setDraft({ ...draft, clock })} audit={draft.storageAudit} setAudit={(storageAudit) => setDraft({ ...draft, storageAudit })} errors={e} />
      <StorageAuditSection apps={saved.settings.apps} l={l} />
      <TransferSection saved={saved.settings} onImport={(t) => void importFile(t)} busy={busy === 'import'} />
      {Object.keys(importErrors).length > 0 && (
        <div className="problems" role="alert" data-testid="import-errors">
          <p>The file was not imported:</p>
          <ul>
            {Object.entries(importErrors).map(([k, msg]) => (
              <li key={k}>
                <code>{k}</code>: {msg}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h">History</h2>
        <History load={(cursor) => adminApi('history', cursor ? { cursor } : {})} verify={(cursor) => adminApi('verifyHistory', cursor ? { cursor } : {})} l={l} actionLabels={ACTIONS} />
      </section>
      <div className="save-bar">
        <button type="submit" className="btn btn-primary" disabled={busy !== null || !dirty} data-testid="save-settings">
          {busy === 'save' ? 'Saving…' : 'Save settings'}
        </button>
        {dirty && <span className="subtle">Unsaved changes</span>}
        {conflicted && (
          <button type="button" className="btn" onClick={reload}>
            Load the newer settings
          </button>
        )}
      </div>
      <Flag flag={flag} onClose={closeFlag} />
    </form>
  );
}
