import { useEffect, useState } from 'react';
import { router } from '@forge/bridge';
import { globalApi } from '../api';
import type { InputOf, OutputOf } from '../../../src/contract/fn';
import type { GLOBAL } from '../../../src/contract/global';
import { NOTIFY_EXCLUSIONS, NOTIFY_TRIGGERS, notifyDecision, notifyExplanation, type NotifyExclusion, type NotifyTrigger } from '../../../src/domain/notify';
import { Checkbox, SelectField, TextField, type Errors } from '../ui/fields';
import { fromLocalInput, type Locale } from '../ui/format';
import { flag } from '../ui/flags';

type Reportable = OutputOf<typeof GLOBAL.load>['reportable'][number];
type Contact = Reportable['contacts']['primary'];

const DECISION_TITLES = { notify: 'Notify Atlassian', 'likely-not-needed': 'Likely not a security incident', 'when-in-doubt-report': 'When in doubt, report it' } as const;

function ContactFields({ who, value, onChange, errors }: { who: 'primary' | 'secondary'; value: Contact; onChange: (c: Contact) => void; errors: Errors }) {
  const set = (patch: Partial<Contact>) => onChange({ ...value, ...patch });
  const e = (f: string) => errors[`contacts.${who}.${f}`];
  return (
    <fieldset className="grid">
      <legend>{who === 'primary' ? 'Primary contact' : 'Secondary contact'}</legend>
      <TextField label="Name" value={value.name} onChange={(name) => set({ name })} error={e('name')} />
      <TextField label="Role" value={value.role} onChange={(role) => set({ role })} error={e('role')} />
      <TextField label="Email" type="email" value={value.email} onChange={(email) => set({ email })} error={e('email')} />
      <TextField label="Phone" type="tel" value={value.phone} onChange={(phone) => set({ phone })} error={e('phone')} />
    </fieldset>
  );
}

/** IR staff's search of the directory for the form (on open, then as they type): a page of matches at a time. */
function useDirectorySearch(enabled: boolean, query: string) {
  const [found, setFound] = useState<{ partners: Reportable[]; more: boolean; error: string | null } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const t = setTimeout(() => {
      void globalApi('reportPartners', query.trim() ? { search: query.trim() } : {}).then((r) => {
        if (live) setFound(r.ok ? { ...r.data, error: null } : { partners: [], more: false, error: r.error.message });
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [enabled, query]);
  return found;
}

/**
 * Report an incident (seed 000, "Where to report"): the program's first fields, partial is fine. The ticket is
 * created in the site's incident project, restricted to IR staff and the partner, and the page opens it.
 */
export function ReportIncident({ partners, isIr, l, onCancel }: { partners: Reportable[]; isIr: boolean; l: Locale; onCancel: () => void }) {
  const [query, setQuery] = useState('');
  const found = useDirectorySearch(isIr, query);
  const listed = isIr ? (found?.partners ?? []) : partners;
  // The chosen partner stays chosen when a later search no longer lists it.
  const [partner, setPartner] = useState<Reportable | undefined>(partners.length === 1 ? partners[0] : undefined);
  const partnerId = partner?.id ?? '';
  const options = partner && !listed.some((p) => p.id === partner.id) ? [partner, ...listed] : listed;
  const [title, setTitle] = useState('');
  const [whatHappened, setWhatHappened] = useState('');
  const [currentStatus, setCurrentStatus] = useState('');
  const [appId, setAppId] = useState('');
  const [triggers, setTriggers] = useState<NotifyTrigger[]>([]);
  const [exclusions, setExclusions] = useState<NotifyExclusion[]>([]);
  const [firstObserved, setFirstObserved] = useState('');
  const [detected, setDetected] = useState('');
  const [contacts, setContacts] = useState(partner?.contacts ?? null);
  const [atlassianInitiated, setAtlassianInitiated] = useState(isIr);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const shownContacts = contacts ?? partner?.contacts;
  const notify = { triggers, exclusions, bugBountyCriticalHighImpact: false };
  const decision = notifyDecision(notify);
  const toggle = <T extends string>(list: T[], id: T, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  async function submit() {
    const local: Errors = {};
    if (!partner) local.partnerId = isIr ? 'Choose the partner the incident is about' : 'Choose your organization';
    if (!title.trim()) local.title = 'Enter a title for the ticket';
    if (Object.keys(local).length) return setErrors(local);
    const input: InputOf<typeof GLOBAL.report> = {
      partnerId,
      title,
      appId,
      summary: { whatHappened, actionsTaken: '', currentStatus },
      timeline: { firstObservedAt: firstObserved ? fromLocalInput(firstObserved, l.timeZone) : '', detectedAt: detected ? fromLocalInput(detected, l.timeZone) : '', containmentAt: '' },
      contacts: shownContacts!,
      notify,
      ...(isIr ? { atlassianInitiated } : {}),
    };
    setBusy(true);
    const r = await globalApi('report', input);
    setBusy(false);
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      flag('error', r.error.code === 'INVALID_INPUT' && r.error.fields && !r.error.fields.project ? 'Some fields need attention. Nothing was created.' : r.error.message);
      return;
    }
    flag('success', `${r.data.issueKey} created`, r.data.recorded ? 'Opening the ticket…' : 'The ticket exists; the app finishes its record on the next load.');
    void router.navigate({ target: 'issue', issueKey: r.data.issueKey });
  }

  return (
    <section aria-labelledby="report-title" className="report-incident" data-testid="report-form">
      <h2 id="report-title">Report an incident</h2>
      <p className="subtle">Give what you know now; you can complete the report on the ticket as your investigation progresses. The ticket is shared only with Atlassian IR and {partner ? partner.name : 'the partner'}.</p>
      {errors.project && <p role="alert" className="banner banner-danger">{errors.project}</p>}
      <div className="grid">
        {isIr && (
          <TextField
            label="Find a partner"
            type="search"
            value={query}
            onChange={setQuery}
            help={found === null ? 'Loading the partner directory…' : found.error ? `The directory could not be read: ${found.error}` : found.more ? 'More partners match: type more of the name.' : found.partners.length === 0 ? 'No partner matches.' : `${found.partners.length} partner${found.partners.length === 1 ? '' : 's'}.`}
          />
        )}
        {(isIr || partners.length > 1) && (
          <SelectField
            label={isIr ? 'Partner' : 'Your organization'}
            value={partnerId}
            options={options.map((p) => p.id)}
            labels={Object.fromEntries(options.map((p) => [p.id, p.name]))}
            emptyLabel="Choose…"
            error={errors.partnerId}
            onChange={(id) => {
              setPartner(options.find((p) => p.id === id));
              setAppId('');
              setContacts(null);
            }}
          />
        )}
        {!isIr && partners.length === 1 && errors.partnerId && <p role="alert" className="field-error">{errors.partnerId}</p>}
        <TextField label="Title" value={title} onChange={setTitle} error={errors.title} required maxLength={200} />
        <SelectField label="Affected app" value={appId} options={(partner?.apps ?? []).map((a) => a.appId)} labels={Object.fromEntries((partner?.apps ?? []).map((a) => [a.appId, a.name]))} emptyLabel="Not sure yet" error={errors.appId} onChange={setAppId} />
      </div>
      <TextField label="What happened" multiline value={whatHappened} onChange={setWhatHappened} error={errors['summary.whatHappened']} help="What you observed, what you have done so far." />
      <TextField label="Current status" multiline value={currentStatus} onChange={setCurrentStatus} error={errors['summary.currentStatus']} />
      <div className="grid">
        <TextField label="First observed" type="datetime-local" value={firstObserved} onChange={setFirstObserved} error={errors['timeline.firstObservedAt']} help={`Your time zone: ${l.timeZone}`} />
        <TextField label="Detected internally" type="datetime-local" value={detected} onChange={setDetected} error={errors['timeline.detectedAt']} />
      </div>
      <fieldset>
        <legend>Should you notify Atlassian?</legend>
        {NOTIFY_TRIGGERS.map((t) => (
          <Checkbox key={t.id} label={t.label} checked={triggers.includes(t.id)} onChange={(on) => setTriggers(toggle(triggers, t.id, on))} name={`trigger-${t.id}`} />
        ))}
        <p className="subtle">You likely do not need to open a security incident if:</p>
        {NOTIFY_EXCLUSIONS.map((x) => (
          <Checkbox key={x.id} label={x.label} checked={exclusions.includes(x.id)} onChange={(on) => setExclusions(toggle(exclusions, x.id, on))} name={`exclusion-${x.id}`} />
        ))}
        <p className={`banner ${decision === 'notify' ? 'banner-warning' : ''}`} role="status" data-testid="notify-decision">
          <strong>{DECISION_TITLES[decision]}.</strong> {notifyExplanation(decision, notify)}
        </p>
      </fieldset>
      {shownContacts && (
        <div className="grid">
          <ContactFields who="primary" value={shownContacts.primary} onChange={(primary) => setContacts({ ...shownContacts, primary })} errors={errors} />
          <ContactFields who="secondary" value={shownContacts.secondary} onChange={(secondary) => setContacts({ ...shownContacts, secondary })} errors={errors} />
        </div>
      )}
      {isIr && <Checkbox label="Atlassian initiated (IR staff report on the partner's behalf)" checked={atlassianInitiated} onChange={setAtlassianInitiated} name="atlassian-initiated" />}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy} data-testid="report-submit">
          {busy ? 'Creating the ticket…' : 'Create the incident ticket'}
        </button>
        <button type="button" className="btn btn-subtle" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
