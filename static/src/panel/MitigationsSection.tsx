import { useState } from 'react';
import * as v from 'valibot';
import { fieldErrors } from '../../../src/contract/envelope';
import { MITIGATION_KIND_LABELS, MITIGATION_KINDS, MITIGATION_STATUS_LABELS, MITIGATION_STATUSES, MitigationListSchema, type Mitigation } from '../../../src/domain/responsibilities';
import { panelApi } from '../api';
import { SelectField, TextField, within, type Errors } from '../ui/fields';
import type { Saved } from './ReportForm';

const newStep = (n: number): Mitigation => ({ id: `step-${Date.now().toString(36)}-${n}`, kind: 'credential-rotation', description: '', owner: '', dueOn: '', status: 'planned' });

/** The mitigations agreed during the investigation, each with an owner, a due date and a status. */
export function MitigationsSection({ incident, onSaved, onConflict, onError }: Saved) {
  const saved = incident.obligations.mitigations;
  const [steps, setSteps] = useState<Mitigation[]>(saved);
  const [errors, setErrors] = useState<Errors>({});
  const dirty = JSON.stringify(steps) !== JSON.stringify(saved);
  async function save() {
    const local = v.safeParse(MitigationListSchema, steps);
    if (!local.success) return setErrors(fieldErrors(local.issues));
    const r = await panelApi('saveMitigations', { version: incident.version, mitigations: local.output });
    if (r.ok) {
      setErrors({});
      return onSaved(r.data, 'Mitigations saved');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setErrors(within(r.error.fields ?? {}, 'mitigations'));
    onError(r.error.message);
  }
  const set = (i: number, m: Partial<Mitigation>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...m } : s)));
  return (
    <section aria-labelledby="mit-h">
      <h2 id="mit-h">Mitigations</h2>
      {steps.length === 0 && <p className="empty">No mitigation steps agreed yet.</p>}
      {steps.map((s, i) => {
        const e = within(errors, String(i));
        return (
          <fieldset key={s.id} className="grid" data-testid="mitigation">
            <legend>Step {i + 1}</legend>
            <SelectField label="Kind" value={s.kind} options={MITIGATION_KINDS} labels={MITIGATION_KIND_LABELS} onChange={(x) => x && set(i, { kind: x })} />
            <TextField label="What" value={s.description} onChange={(x) => set(i, { description: x })} error={e.description} />
            <TextField label="Owner" value={s.owner} onChange={(x) => set(i, { owner: x })} error={e.owner} />
            <TextField label="Due" type="date" value={s.dueOn} onChange={(x) => set(i, { dueOn: x })} error={e.dueOn} />
            <SelectField label="Status" value={s.status} options={MITIGATION_STATUSES} labels={MITIGATION_STATUS_LABELS} onChange={(x) => x && set(i, { status: x })} />
            <div>
              <button type="button" className="btn btn-subtle" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                Remove step
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="row">
        <button type="button" className="btn" onClick={() => setSteps([...steps, newStep(steps.length)])}>
          Add a step
        </button>
        <button type="button" className="btn btn-primary" disabled={!dirty} onClick={() => void save()}>
          Save mitigations
        </button>
      </div>
    </section>
  );
}
