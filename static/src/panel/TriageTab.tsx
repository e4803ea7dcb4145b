import { COLLABORATION_LABELS, DATA_SCOPE_LABELS } from './labels';
import { useState } from 'react';
import * as v from 'valibot';
import { fieldErrors } from '../../../src/contract/envelope';
import { BUG_BOUNTY_CRITICAL_LABEL, NOTIFY_EXCLUSIONS, NOTIFY_TRIGGERS, WHEN_IN_DOUBT } from '../../../src/domain/notify';
import { CHANNEL_INFO, CHANNELS, COLLABORATIONS, DATA_SCOPES, FRAMEWORKS, PARTNER_TIERS, SEVERITIES } from '../../../src/domain/eligibility';
import { TriageSchema, triageOutcome, type Triage } from '../../../src/domain/triage';
import { panelApi } from '../api';
import { Checkbox, ReadField, SelectField, TextField, within, type Errors } from '../ui/fields';
import type { Locale } from '../ui/format';
import type { Saved } from './ReportForm';
import { ChannelsSection } from './ChannelsSection';
import { LifecycleSection } from './LifecycleSection';

const FRAMEWORK_LABELS = { forge: 'Forge', 'forge-remote': 'Forge Remote', 'connect-on-forge': 'Connect on Forge', connect: 'Connect', 'server-dc': 'Server / Data Center' } as const;
const DECISION_LABELS = { notify: 'Notify Atlassian', 'likely-not-needed': 'Notification likely not needed', 'when-in-doubt-report': 'When in doubt, report it' } as const;
const SEVERITY_LABELS = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' } as const;

/** A read view of ticked items: what applies, in words, instead of disabled checkboxes Tab skips. */
function ReadList({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  return (
    <div className="read-list" data-testid="notify-read">
      <p className="label">{title}</p>
      {items.length ? (
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </div>
  );
}

const toggle = <T extends string>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));

/** Should Atlassian be notified, what support applies, the channels and the lifecycle. IR staff edit; partners read. */
export default function TriageTab({ incident, isIr, l, onSaved, onConflict, onError }: Saved & { isIr: boolean; l: Locale }) {
  const view = incident.triage;
  const [draft, setDraft] = useState<Triage>(view.inputs);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const outcome = triageOutcome(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(view.inputs);
  const ro = !isIr;
  const n = draft.notify;
  const s = draft.support;

  async function save() {
    const local = v.safeParse(TriageSchema, draft);
    if (!local.success) {
      setErrors(fieldErrors(local.issues));
      return onError('Some fields need attention. Nothing was saved.');
    }
    setBusy(true);
    const r = await panelApi('saveTriage', { version: incident.version, triage: local.output });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      return onSaved(r.data, 'Triage saved');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setErrors(within(r.error.fields ?? {}, 'triage'));
    onError(r.error.message);
  }

  return (
    <div className="triage">
      <section aria-labelledby="notify-h">
        <h2 id="notify-h">{ro ? "Atlassian IR's notification assessment" : 'Should Atlassian be notified?'}</h2>
        <p className={`status status-${outcome.decision === 'notify' ? 'danger' : outcome.decision === 'likely-not-needed' ? 'done' : 'warning'}`} data-testid="notify-decision">
          <strong>{DECISION_LABELS[outcome.decision]}.</strong> {outcome.explanation}
        </p>
        {ro ? (
          <ReadList
            title="What applies to this incident, as Atlassian IR assessed it"
            items={[...NOTIFY_TRIGGERS.filter((t) => n.triggers.includes(t.id)).map((t) => t.label), ...NOTIFY_EXCLUSIONS.filter((t) => n.exclusions.includes(t.id)).map((t) => `Usually no notification: ${t.label}`), ...(n.bugBountyCriticalHighImpact ? [BUG_BOUNTY_CRITICAL_LABEL] : [])]}
            empty={view.saved ? 'None of the listed situations was ticked.' : 'Atlassian IR have not assessed this incident yet. Ask them on the ticket if you need the answer now.'}
          />
        ) : (
          <>
        <fieldset>
          <legend>Notify when any of these apply</legend>
          {NOTIFY_TRIGGERS.map((t) => (
            <Checkbox key={t.id} label={t.label} checked={n.triggers.includes(t.id)} disabled={ro} onChange={(on) => setDraft({ ...draft, notify: { ...n, triggers: toggle(n.triggers, t.id, on) } })} />
          ))}
        </fieldset>
        <fieldset>
          <legend>Usually no notification is needed for</legend>
          {NOTIFY_EXCLUSIONS.map((t) => (
            <Checkbox key={t.id} label={t.label} checked={n.exclusions.includes(t.id)} disabled={ro} onChange={(on) => setDraft({ ...draft, notify: { ...n, exclusions: toggle(n.exclusions, t.id, on) } })} />
          ))}
          <Checkbox label={BUG_BOUNTY_CRITICAL_LABEL} checked={n.bugBountyCriticalHighImpact} disabled={ro} onChange={(on) => setDraft({ ...draft, notify: { ...n, bugBountyCriticalHighImpact: on } })} />
        </fieldset>
          </>
        )}
        <p className="subtle">
          <strong>{WHEN_IN_DOUBT}.</strong>
        </p>
      </section>

      <section aria-labelledby="support-h">
        <h2 id="support-h">Eligibility and support level</h2>
        {!view.saved && <p className="subtle">Inputs prefilled from the app settings (partner profile and app inventory) where known.</p>}
        {ro ? (
          <div className="grid" data-testid="triage-read">
            <ReadField label="Partner tier">{{ platinum: 'Platinum', other: 'Other' }[s.partnerTier]}</ReadField>
            <ReadField label="Framework">{FRAMEWORK_LABELS[s.framework]}</ReadField>
            <ReadField label="Severity">{SEVERITY_LABELS[s.severity]}</ReadField>
            <ReadField label="Enterprise trust signal">{s.enterpriseTrustSignal ? 'Yes' : 'No'}</ReadField>
            <ReadField label="Security event confirmed by Atlassian">{s.securityEventConfirmed ? 'Yes' : 'Not yet'}</ReadField>
          </div>
        ) : (
          <>
        <div className="grid">
          <SelectField label="Partner tier" value={s.partnerTier} options={PARTNER_TIERS} labels={{ platinum: 'Platinum', other: 'Other' }} disabled={ro} onChange={(x) => x && setDraft({ ...draft, support: { ...s, partnerTier: x } })} />
          <SelectField label="Framework" value={s.framework} options={FRAMEWORKS} labels={FRAMEWORK_LABELS} disabled={ro} onChange={(x) => x && setDraft({ ...draft, support: { ...s, framework: x } })} />
          <SelectField label="Severity" value={s.severity} options={SEVERITIES} labels={SEVERITY_LABELS} disabled={ro} onChange={(x) => x && setDraft({ ...draft, support: { ...s, severity: x } })} />
        </div>
        <Checkbox label="Enterprise Forge app with the Marketplace trust signal" checked={s.enterpriseTrustSignal} disabled={ro} onChange={(on) => setDraft({ ...draft, support: { ...s, enterpriseTrustSignal: on } })} />
        <Checkbox label="Security event confirmed by Atlassian" checked={s.securityEventConfirmed} disabled={ro} onChange={(on) => setDraft({ ...draft, support: { ...s, securityEventConfirmed: on } })} />
          </>
        )}
        <div className="banner" data-testid="assessment">
          <p>
            <strong data-testid="collaboration">{COLLABORATION_LABELS[outcome.collaboration]}</strong> · <strong data-testid="data-scope">{DATA_SCOPE_LABELS[outcome.dataScope]}</strong>
            {outcome.overridden && ' (adjusted by Atlassian IR)'}
          </p>
          <ul>
            {outcome.assessment.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
        <div className="banner" data-testid="visibility">
          <p>
            <strong>What Atlassian can see — {outcome.visibility.label}:</strong> {outcome.visibility.headline}
          </p>
        </div>
        {isIr && (
          <fieldset>
            <legend>IR override</legend>
            <Checkbox
              label="Override the assessment"
              checked={draft.override !== null}
              onChange={(on) => setDraft({ ...draft, override: on ? { collaboration: outcome.assessment.collaboration, dataScope: outcome.assessment.dataScope, reason: '' } : null })}
            />
            {draft.override && (
              <div className="grid">
                <SelectField label="Collaboration" value={draft.override.collaboration} options={COLLABORATIONS} labels={COLLABORATION_LABELS} onChange={(x) => x && setDraft({ ...draft, override: { ...draft.override!, collaboration: x } })} />
                <SelectField label="Data scope" value={draft.override.dataScope} options={DATA_SCOPES} labels={DATA_SCOPE_LABELS} onChange={(x) => x && setDraft({ ...draft, override: { ...draft.override!, dataScope: x } })} />
                <TextField label="Reason (kept in the audit trail)" required value={draft.override.reason} onChange={(reason) => setDraft({ ...draft, override: { ...draft.override!, reason } })} error={errors['override.reason']} />
              </div>
            )}
          </fieldset>
        )}
        {isIr && (
          <div className="save-bar">
            <button type="button" className="btn btn-primary" disabled={busy || (!dirty && view.saved)} onClick={() => void save()} data-testid="save-triage">
              {busy ? 'Saving…' : 'Save triage'}
            </button>
            {dirty && <span className="subtle">Unsaved changes</span>}
          </div>
        )}
      </section>

      <ChannelsSection incident={incident} isIr={isIr} l={l} offered={CHANNELS.filter((c) => view.outcome.channels.includes(c))} info={CHANNEL_INFO} onSaved={onSaved} onConflict={onConflict} onError={onError} />
      <LifecycleSection incident={incident} isIr={isIr} l={l} onSaved={onSaved} onConflict={onConflict} onError={onError} />
    </div>
  );
}
