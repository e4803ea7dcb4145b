import { useState } from 'react';
import { useServerNow } from '../ui/useServerNow';
import type { ObligationsView } from '../../../src/contract/incident';
import { formatRemaining, slaColour } from '../../../src/domain/ack-timer';
import { pausedAt, resumesAt } from '../../../src/domain/ack-timer';
import { OUTREACH_CHANNEL_LABELS, OUTREACH_CHANNELS } from '../../../src/domain/outreach';
import { panelApi } from '../api';
import { SelectField, TextField } from '../ui/fields';
import { formatDateTime, fromLocalInput, toLocalInput, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';
import { MitigationsSection } from './MitigationsSection';
import { FollowUpSection } from './FollowUpSection';

type Outreach = ObligationsView['outreaches'][number];

function Countdown({ o, now, clock, l }: { o: Outreach; now: Date; clock: ObligationsView['clock']; l: Locale }) {
  if (o.ack) {
    return (
      <span className={`status status-${o.state === 'acknowledged' ? 'done' : 'warning'}`} data-testid="ack-state">
        {o.state === 'acknowledged' ? 'Acknowledged' : 'Acknowledged late'} {formatDateTime(o.ack.at, l)}
        {o.ack.note && ` — ${o.ack.note}`}
      </span>
    );
  }
  const remaining = Date.parse(o.dueAt) - now.getTime();
  const colour = slaColour(remaining);
  const paused = clock.calendar === '24x5' && pausedAt(now, clock.calendar, clock.timeZone);
  const resumes = paused ? resumesAt(now, clock.calendar, clock.timeZone) : null;
  return (
    <span className={`sla sla-${colour}`} data-testid="countdown" role="timer" aria-live="off">
      {remaining < 0 ? `Breached ${formatRemaining(remaining)}` : `${formatRemaining(remaining)} left`}
      {paused && resumes && <span className="subtle"> · paused for the weekend until {formatDateTime(resumes.toISOString(), l)}</span>}
      <span className="subtle"> · due {formatDateTime(o.dueAt, l)}</span>
    </span>
  );
}

function OutreachForm({ incident, l, onSaved, onConflict, onError }: Saved & { l: Locale }) {
  const [at, setAt] = useState('');
  const [channel, setChannel] = useState<(typeof OUTREACH_CHANNELS)[number]>('email');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function save() {
    const r = await panelApi('recordOutreach', { version: incident.version, at: at || new Date().toISOString(), channel, message });
    if (r.ok) {
      setMessage('');
      setAt('');
      setErrors({});
      return onSaved(r.data, 'Outreach recorded: the 8-hour clock is running');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setErrors(r.error.fields ?? {});
    onError(r.error.message);
  }
  return (
    <fieldset className="grid">
      <legend>Record an outreach</legend>
      <TextField label="When (leave empty for now)" type="datetime-local" value={toLocalInput(at, l.timeZone)} onChange={(x) => setAt(fromLocalInput(x, l.timeZone))} error={errors.at} />
      <SelectField label="Channel" value={channel} options={OUTREACH_CHANNELS} labels={OUTREACH_CHANNEL_LABELS} onChange={(x) => x && setChannel(x)} />
      <TextField label="Message" value={message} onChange={setMessage} error={errors.message} />
      <div>
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={!message.trim()}>
          Record outreach
        </button>
      </div>
    </fieldset>
  );
}

/** The acknowledgment clocks, the partner's one-click acknowledgment, and the responsibilities checklist. */
export default function ObligationsTab({ serverNow, isIr, l, ...saved }: Saved & { serverNow: string; isIr: boolean; l: Locale }) {
  const now = useServerNow(serverNow);
  const { incident, onSaved, onConflict, onError } = saved;
  const ob = incident.obligations;
  const [note, setNote] = useState('');
  async function ack(o: Outreach) {
    const r = await panelApi('acknowledge', isIr ? { version: incident.version, outreachId: o.id, note } : { version: incident.version, outreachId: o.id });
    if (r.ok) return onSaved(r.data, 'Acknowledgment recorded');
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    onError(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
  }
  return (
    <div className="obligations">
      <section aria-labelledby="clock-h">
        <h2 id="clock-h">Acknowledgment within 8 hours</h2>
        <p className="subtle">
          Calendar {ob.clock.calendar} in {ob.clock.timeZone}. Without an acknowledgment, Atlassian may take unilateral containment action, such as disabling the app.
        </p>
        {ob.outreaches.length === 0 && <p className="empty">Atlassian has not reached out on this incident yet.</p>}
        <ul className="history-list">
          {ob.outreaches.map((o) => (
            <li key={o.id} data-testid="outreach">
              <p className="history-head">
                <strong>{OUTREACH_CHANNEL_LABELS[o.channel]}</strong> · {formatDateTime(o.at, l)} · {o.message}
              </p>
              <Countdown o={o} now={now} clock={ob.clock} l={l} />
              {!o.ack && (
                <div className="row">
                  {isIr && <TextField label="Note (how it was received)" value={note} onChange={setNote} />}
                  <button type="button" className="btn btn-primary" onClick={() => void ack(o)} data-testid="acknowledge">
                    {isIr ? 'Record acknowledgment' : 'Acknowledge'}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
        {isIr && <OutreachForm {...saved} l={l} />}
      </section>
      <section aria-labelledby="resp-h">
        <h2 id="resp-h">
          Partner responsibilities · {ob.checklist.done} of {ob.checklist.applicable} done
        </h2>
        <progress max={Math.max(ob.checklist.applicable, 1)} value={ob.checklist.done} aria-label="Responsibilities done" />
        <ul className="history-list" data-testid="responsibilities">
          {ob.checklist.items.map((i) => (
            <li key={i.key} className={`resp resp-${i.status}`}>
              <strong>{i.label}</strong> <span className={`lozenge status-${i.status === 'done' ? 'done' : i.status === 'overdue' ? 'danger' : 'warning'}`}>{i.status.replace('-', ' ')}</span>
              <p className="subtle">{i.detail}</p>
            </li>
          ))}
        </ul>
      </section>
      <MitigationsSection {...saved} />
      <FollowUpSection {...saved} l={l} />
    </div>
  );
}
