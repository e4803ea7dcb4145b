import { useEffect, useState } from 'react';
import * as v from 'valibot';
import { fieldErrors } from '../../../src/contract/envelope';
import type { IncidentViewData, Prefill } from '../../../src/contract/incident';
import {
  ATLASSIAN_PRODUCTS,
  DATA_EXPOSURE_LABELS,
  DATA_EXPOSURE_TYPES,
  DISTRIBUTION_LABELS,
  DISTRIBUTIONS,
  ENVIRONMENT_LABELS,
  ENVIRONMENTS,
  LONG_TEXT_MAX,
  PartnerReportSchema,
  PRODUCT_LABELS,
  REPORT_FIELD_LABELS,
  SECTION_LABELS,
  type PartnerReport,
} from '../../../src/domain/report';
import type { ReportContact } from '../../../src/domain/contacts';
import { panelApi } from '../api';
import { Checkbox, DateTimeField, SelectField, TextField, within, type Errors } from '../ui/fields';
import type { Locale } from '../ui/format';
import { AttachmentsPicker } from './AttachmentsPicker';
import { DEFAULT_TLP, TLP_LABELS, TLP_LEVELS, TLP_MEANINGS } from '../../../src/domain/tlp';
import { FootprintHint } from './FootprintHint';

const L = REPORT_FIELD_LABELS;

const partnerPart = (r: IncidentViewData['report']): PartnerReport => {
  const { irNotes: _internal, ...rest } = r;
  return rest;
};
const blank = (c: ReportContact) => !c.name && !c.role && !c.email && !c.phone;

/** The saved report as the form's starting point; empty contacts are prefilled from the settings page. */
function initialDraft(report: PartnerReport, prefill: Prefill): { draft: PartnerReport; prefilled: boolean } {
  if (!prefill.contacts || !blank(report.contacts.primary) || !blank(report.contacts.secondary)) return { draft: report, prefilled: false };
  return { draft: { ...report, contacts: prefill.contacts }, prefilled: true };
}

export interface Saved {
  incident: IncidentViewData;
  onSaved: (incident: IncidentViewData, message: string) => void;
  /** `mine`: the user's unsaved report, shown next to the newer values so nothing is lost silently. */
  onConflict: (message: string, mine: PartnerReport | null) => void;
  onError: (message: string) => void;
}

function ContactFields({ title, prefix, value, set, errors, readOnly }: { title: string; prefix: string; value: ReportContact; set: (c: ReportContact) => void; errors: Errors; readOnly: boolean }) {
  const f = (k: keyof ReportContact) => (x: string) => set({ ...value, [k]: x });
  return (
    <fieldset className="grid" data-testid={`report-${prefix}`}>
      <legend>{title}</legend>
      <TextField label="Name" value={value.name} onChange={f('name')} error={errors.name} readOnly={readOnly} />
      <TextField label="Role" value={value.role} onChange={f('role')} error={errors.role} readOnly={readOnly} />
      <TextField label="Email" type="email" value={value.email} onChange={f('email')} error={errors.email} readOnly={readOnly} />
      <TextField label="Phone" type="tel" value={value.phone} onChange={f('phone')} error={errors.phone} readOnly={readOnly} help="E.164, e.g. +14155550123" />
    </fieldset>
  );
}

/** The structured report in the program's order; IR staff and partners both edit it (partners never see IR notes). */
export function ReportForm({ incident, prefill, l, readOnly, onSaved, onConflict, onError, onDirty }: Saved & { prefill: Prefill; l: Locale; readOnly: boolean; onDirty?: (dirty: boolean) => void }) {
  const [{ draft: start, prefilled }] = useState(() => initialDraft(partnerPart(incident.report), prefill));
  const [draft, setDraft] = useState<PartnerReport>(start);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(partnerPart(incident.report));
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const set = <K extends keyof PartnerReport>(k: K, value: PartnerReport[K]) => setDraft({ ...draft, [k]: value });
  const e = errors;

  async function save() {
    const local = v.safeParse(PartnerReportSchema, draft);
    if (!local.success) {
      setErrors(fieldErrors(local.issues));
      onError('Some fields need attention. Nothing was saved.');
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const r = await panelApi('saveReport', { version: incident.version, report: local.output });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setDraft(partnerPart(r.data.report));
      return onSaved(r.data, 'Report saved');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, draft);
    setErrors(within(r.error.fields ?? {}, 'report'));
    onError(r.error.message);
  }

  const timeField = (k: keyof PartnerReport['timeline']) => (
    <DateTimeField label={L[`timeline.${k}`]} value={draft.timeline[k]} l={l} onChange={(x) => set('timeline', { ...draft.timeline, [k]: x })} error={within(e, 'timeline')[k]} readOnly={readOnly} />
  );

  return (
    <form
      className="report"
      noValidate
      // Enter in a field does not send the whole report: only the Save button does.
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && ev.target instanceof HTMLInputElement) ev.preventDefault();
      }}
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <section aria-labelledby="tlp-h">
        <h2 id="tlp-h">Sharing</h2>
        <SelectField label={L.tlp} value={draft.tlp} options={TLP_LEVELS} labels={TLP_LABELS} onChange={(x) => set('tlp', x === '' ? DEFAULT_TLP : x)} help={`${TLP_MEANINGS[draft.tlp]} Applies to the whole record, its indicators and their exports; an indicator can be marked stricter.`} error={e.tlp} disabled={readOnly} />
      </section>

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{SECTION_LABELS.summary}</h2>
        <TextField multiline label={L['summary.whatHappened']} value={draft.summary.whatHappened} onChange={(x) => set('summary', { ...draft.summary, whatHappened: x })} error={within(e, 'summary').whatHappened} readOnly={readOnly} maxLength={LONG_TEXT_MAX} />
        <TextField multiline label={L['summary.actionsTaken']} value={draft.summary.actionsTaken} onChange={(x) => set('summary', { ...draft.summary, actionsTaken: x })} error={within(e, 'summary').actionsTaken} readOnly={readOnly} maxLength={LONG_TEXT_MAX} />
        <TextField multiline label={L['summary.currentStatus']} value={draft.summary.currentStatus} onChange={(x) => set('summary', { ...draft.summary, currentStatus: x })} error={within(e, 'summary').currentStatus} readOnly={readOnly} maxLength={LONG_TEXT_MAX} />
      </section>

      <section aria-labelledby="app-h">
        <h2 id="app-h">{SECTION_LABELS.app}</h2>
        {!readOnly && prefill.apps.length > 0 && (
          <SelectField
            label="Fill from the app inventory"
            value=""
            emptyLabel="Choose an app…"
            options={prefill.apps.map((a) => a.appId)}
            labels={Object.fromEntries(prefill.apps.map((a) => [a.appId, `${a.name} (${a.appKey})`]))}
            onChange={(id) => {
              const a = prefill.apps.find((x) => x.appId === id);
              if (!a) return;
              const env = a.environments.length === 1 ? (a.environments[0] as PartnerReport['app']['environment']) : draft.app.environment;
              set('app', { name: a.name, appKey: a.appKey, appId: a.appId, environment: env, distribution: a.distribution as PartnerReport['app']['distribution'] });
            }}
          />
        )}
        <div className="grid">
          <TextField label={L['app.name']} value={draft.app.name} onChange={(x) => set('app', { ...draft.app, name: x })} error={within(e, 'app').name} readOnly={readOnly} />
          <TextField label={L['app.appKey']} value={draft.app.appKey} onChange={(x) => set('app', { ...draft.app, appKey: x })} error={within(e, 'app').appKey} readOnly={readOnly} />
          <TextField label={L['app.appId']} value={draft.app.appId} onChange={(x) => set('app', { ...draft.app, appId: x })} error={within(e, 'app').appId} readOnly={readOnly} help="A UUID" />
          <SelectField label={L['app.environment']} value={draft.app.environment} options={ENVIRONMENTS} labels={ENVIRONMENT_LABELS} emptyLabel="Not known yet" onChange={(x) => set('app', { ...draft.app, environment: x })} error={within(e, 'app').environment} disabled={readOnly} />
          <SelectField label={L['app.distribution']} value={draft.app.distribution} options={DISTRIBUTIONS} labels={DISTRIBUTION_LABELS} emptyLabel="Not known yet" onChange={(x) => set('app', { ...draft.app, distribution: x })} error={within(e, 'app').distribution} disabled={readOnly} />
        </div>
      </section>

      <section aria-labelledby="impact-h">
        <h2 id="impact-h">{SECTION_LABELS.impact}</h2>
        <div className="grid">
          <SelectField label={L['impact.dataExposure']} value={draft.impact.dataExposure} options={DATA_EXPOSURE_TYPES} labels={DATA_EXPOSURE_LABELS} emptyLabel="Not known yet" onChange={(x) => set('impact', { ...draft.impact, dataExposure: x })} error={within(e, 'impact').dataExposure} disabled={readOnly} />
          <TextField
            label={L['impact.affectedTenants']}
            type="number"
            value={draft.impact.affectedTenants === null ? '' : String(draft.impact.affectedTenants)}
            onChange={(x) => set('impact', { ...draft.impact, affectedTenants: x === '' ? null : Number(x) })}
            error={within(e, 'impact').affectedTenants}
            readOnly={readOnly}
          />
        </div>
        {!readOnly && <FootprintHint l={l} onUse={(n) => set('impact', { ...draft.impact, affectedTenants: n })} />}
        <TextField multiline label={L['impact.dataExposureDetail']} value={draft.impact.dataExposureDetail} onChange={(x) => set('impact', { ...draft.impact, dataExposureDetail: x })} error={within(e, 'impact').dataExposureDetail} readOnly={readOnly} maxLength={LONG_TEXT_MAX} />
        <fieldset>
          <legend>{L['impact.products']}</legend>
          <div className="row">
            {ATLASSIAN_PRODUCTS.map((p) => (
              <Checkbox
                key={p}
                label={PRODUCT_LABELS[p]}
                checked={draft.impact.products.includes(p)}
                disabled={readOnly}
                onChange={(on) => set('impact', { ...draft.impact, products: on ? ATLASSIAN_PRODUCTS.filter((x) => x === p || draft.impact.products.includes(x)) : draft.impact.products.filter((x) => x !== p) })}
              />
            ))}
          </div>
          {within(e, 'impact').products && <p className="field-error">{within(e, 'impact').products}</p>}
        </fieldset>
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{SECTION_LABELS.timeline}</h2>
        <div className="grid">
          {timeField('firstObservedAt')}
          {timeField('detectedAt')}
          {timeField('containmentAt')}
        </div>
      </section>

      <section aria-labelledby="attachments-h">
        <h2 id="attachments-h">{SECTION_LABELS.attachments}</h2>
        <AttachmentsPicker chosen={draft.attachments} names={incident.attachmentNames} onChange={(ids) => set('attachments', ids)} readOnly={readOnly} error={e.attachments ?? Object.entries(e).find(([k]) => k.startsWith('attachments.'))?.[1]} l={l} />
      </section>

      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">{SECTION_LABELS.contacts}</h2>
        {prefilled && dirty && <p className="banner">Prefilled from the partner\u2019s directory entry. Save the report to keep these contacts on this incident.</p>}
        <div className="two-col">
          <ContactFields title="Primary contact" prefix="primary" value={draft.contacts.primary} set={(c) => set('contacts', { ...draft.contacts, primary: c })} errors={within(e, 'contacts.primary')} readOnly={readOnly} />
          <ContactFields title="Secondary contact" prefix="secondary" value={draft.contacts.secondary} set={(c) => set('contacts', { ...draft.contacts, secondary: c })} errors={within(e, 'contacts.secondary')} readOnly={readOnly} />
        </div>
      </section>

      {!readOnly && (
        <div className="save-bar">
          <button type="submit" className="btn btn-primary" disabled={busy || !dirty} data-testid="save-report">
            {busy ? 'Saving…' : 'Save report'}
          </button>
          {dirty ? <span className="subtle">Unsaved changes</span> : <span className="subtle">All changes saved</span>}
        </div>
      )}
    </form>
  );
}
