import { useState } from 'react';
import { ACTIVITIES, PARTIES, PHASE_LABELS, PHASES, RACI_MEANING, phaseTimeline, type Phase } from '../../../src/domain/lifecycle';
import { panelApi } from '../api';
import { SelectField, TextField } from '../ui/fields';
import { formatDateTime, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';

const PARTY_LABELS = { atlassian: 'Atlassian', partner: 'Partner', customer: 'Customer' } as const;

/** The current phase, when each phase began, and who is responsible for what (seed 001's RACI). */
export function LifecycleSection({ incident, isIr, l, onSaved, onConflict, onError }: Saved & { isIr: boolean; l: Locale }) {
  const phases = incident.triage.phases;
  const current = phases.at(-1)?.phase;
  const [to, setTo] = useState<Phase | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const timeline = phaseTimeline(phases.map((p) => ({ phase: p.phase, at: new Date(p.at) })));
  const backwards = current !== undefined && to !== '' && PHASES.indexOf(to) < PHASES.indexOf(current);

  async function move() {
    if (!to) return;
    setBusy(true);
    const r = await panelApi('movePhase', { version: incident.version, phase: to, reason });
    setBusy(false);
    if (r.ok) {
      setTo('');
      setReason('');
      setError(undefined);
      return onSaved(r.data, `Moved to ${PHASE_LABELS[to]}`);
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setError(r.error.fields?.reason ?? r.error.fields?.phase);
    onError(r.error.message);
  }

  return (
    <section aria-labelledby="lifecycle-h">
      <h2 id="lifecycle-h">Lifecycle</h2>
      <p data-testid="current-phase">
        Current phase: <strong>{current ? PHASE_LABELS[current] : 'Not started'}</strong>
      </p>
      <ol className="row">
        {timeline.map((t) => (
          <li key={t.phase} className={`lozenge${t.phase === current ? ' lozenge-partner' : ''}`}>
            {PHASE_LABELS[t.phase]}
            {t.startedAt && <span className="subtle"> · {formatDateTime(t.startedAt.toISOString(), l)}</span>}
          </li>
        ))}
      </ol>
      {isIr && (
        <div className="grid">
          <SelectField label="Move to phase" value={to} options={PHASES.filter((p) => p !== current)} labels={PHASE_LABELS} emptyLabel="Choose a phase…" onChange={setTo} />
          {backwards && <TextField label="Why move back?" required value={reason} onChange={setReason} error={error} />}
          <div>
            <button type="button" className="btn" disabled={!to || busy} onClick={() => void move()}>
              Move
            </button>
          </div>
        </div>
      )}
      <details>
        <summary>Who is responsible for what</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Activity</th>
              {PARTIES.map((p) => (
                <th scope="col" key={p}>
                  {PARTY_LABELS[p]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ACTIVITIES.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.label}</th>
                {PARTIES.map((p) => (
                  <td key={p} title={a.raci[p] ? RACI_MEANING[a.raci[p]] : undefined}>
                    {a.raci[p] ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="subtle">
          {Object.entries(RACI_MEANING)
            .map(([k, m]) => `${k}: ${m}`)
            .join(' · ')}
        </p>
      </details>
    </section>
  );
}
