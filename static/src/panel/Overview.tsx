import type { OutputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import type { IncidentViewData } from '../../../src/contract/incident';
import { PHASE_LABELS } from '../../../src/domain/lifecycle';
import { OUTREACH_CHANNEL_LABELS } from '../../../src/domain/outreach';
import { panelApi } from '../api';
import { useState } from 'react';
import { SlaClock } from '../ui/Sla';
import { formatDateTime, formatDay, type Locale } from '../ui/format';
import { useServerNow } from '../ui/useServerNow';
import { TextField } from '../ui/fields';
import { COLLABORATION_LABELS } from './labels';
import { OutreachForm } from './OutreachForm';
import type { Saved } from './ReportForm';
import { waitingOnUs } from './waiting';

type Load = OutputOf<typeof PANEL.load>;
type Outreach = IncidentViewData['obligations']['outreaches'][number];

const when = (due: string, l: Locale) => (/^\d{4}-\d{2}-\d{2}$/.test(due) ? formatDay(due, l) : formatDateTime(due, l));

/** The clock that matters now: the oldest unacknowledged outreach, else the latest one. */
export function currentOutreach(outreaches: readonly Outreach[]): Outreach | undefined {
  return outreaches.find((o) => !o.ack) ?? outreaches.at(-1);
}

/** What the partner still owes, each with its due date: the checklist items not done. */
export function OwedList({ incident, l, empty }: { incident: IncidentViewData; l: Locale; empty: string }) {
  const open = incident.obligations.checklist.items.filter((i) => i.status === 'open' || i.status === 'overdue');
  if (open.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="owed" data-testid="owed">
      {open.map((i) => (
        <li key={i.key}>
          <span className={`lozenge ${i.status === 'overdue' ? 'lozenge-removed' : 'lozenge-inprogress'}`}>{i.status === 'overdue' ? 'Overdue' : 'Open'}</span> <strong>{i.label}</strong>
          {i.dueAt && (
            <span className="subtle">
              {' '}
              · due <time dateTime={i.dueAt}>{when(i.dueAt, l)}</time>
            </span>
          )}
          <span className="owed-detail">{i.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function Phase({ incident }: { incident: IncidentViewData }) {
  const last = incident.triage.phases.at(-1);
  return (
    <p className="overview-line" data-testid="phase">
      <span className="label">Phase</span> <span className="lozenge lozenge-default">{last ? PHASE_LABELS[last.phase] : 'Not started'}</span>
    </p>
  );
}

/**
 * The first screen: what this viewer must do next, with the one primary button for it. A partner sees the
 * 8-hour clock with Acknowledge, what they still owe and what Atlassian can see; IR staff the clock with
 * Record outreach, what waits on whom, and the partner organization.
 */
export function Overview({ data, incident, l, serverNow, onClose, ...saved }: Saved & { data: Load; l: Locale; serverNow: string; onClose: () => void }) {
  const now = useServerNow(serverNow);
  const role = data.viewer.role;
  const isIr = role === 'ir';
  const ob = incident.obligations;
  const o = currentOutreach(ob.outreaches);
  const closed = incident.logSharing.closedAt !== null;
  const [outreachOpen, setOutreachOpen] = useState(false);
  const [note, setNote] = useState('');
  const outcome = incident.triage.outcome;

  async function ack(target: Outreach) {
    const r = await panelApi('acknowledge', isIr ? { version: incident.version, outreachId: target.id, note } : { version: incident.version, outreachId: target.id });
    if (r.ok) return saved.onSaved(r.data, isIr ? 'Acknowledgment recorded' : 'Acknowledged: Atlassian can see you are on it');
    if (r.error.code === 'CONFLICT') return saved.onConflict(r.error.message, null);
    saved.onError(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
  }

  const clock = (
    <section className="card sla-card" aria-labelledby="sla-h" data-testid="overview-clock">
      <h2 id="sla-h">{isIr ? 'Partner acknowledgment' : "Acknowledge Atlassian's outreach"}</h2>
      {o ? (
        <>
          <p className="subtle">
            {OUTREACH_CHANNEL_LABELS[o.channel]} · <time dateTime={o.at}>{formatDateTime(o.at, l)}</time> · {o.message}
          </p>
          <SlaClock o={o} clock={ob.clock} now={now} l={l} closed={closed} />
          {!o.ack && !closed && role === 'partner' && (
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={() => void ack(o)} data-testid="acknowledge">
                Acknowledge
              </button>
              <span className="subtle">Without an acknowledgment within 8 hours, Atlassian may contain the app on its own, such as disabling it.</span>
            </div>
          )}
          {!o.ack && !closed && isIr && (
            <div className="row">
              <TextField label="How the partner acknowledged (if outside the app)" value={note} onChange={setNote} />
              <button type="button" className="btn" onClick={() => void ack(o)} data-testid="acknowledge">
                Record acknowledgment
              </button>
            </div>
          )}
        </>
      ) : (
        <p className="empty">{isIr ? 'No outreach recorded yet: record one when you contact the partner, and its 8-hour clock starts.' : 'Atlassian has not reached out on this incident yet. When it does, the 8-hour clock shows here.'}</p>
      )}
      {isIr && !closed && (outreachOpen ? <OutreachForm {...saved} incident={incident} l={l} onDone={() => setOutreachOpen(false)} /> : (
        <div className="row">
          <button type="button" className={`btn ${o && !o.ack ? '' : 'btn-primary'}`} onClick={() => setOutreachOpen(true)} data-testid="record-outreach">
            Record outreach
          </button>
        </div>
      ))}
      {ob.clock.calendar === '24x5' && <p className="field-help">The partner's coverage is 24x5: the clock pauses at weekends in {ob.clock.timeZone}.</p>}
    </section>
  );

  if (!isIr) {
    return (
      <div className="overview" data-testid="overview">
        {clock}
        <section className="card" aria-labelledby="owe-h">
          <h2 id="owe-h">{role === 'partner' ? 'You still owe' : 'The partner still owes'}</h2>
          <OwedList incident={incident} l={l} empty={role === 'partner' ? 'Nothing is open for you right now.' : 'Nothing is open for the partner right now.'} />
        </section>
        <section className="card" aria-labelledby="support-h">
          <h2 id="support-h">Support and visibility</h2>
          <p className="overview-line" data-testid="support-line">
            <span className="lozenge lozenge-inprogress">{COLLABORATION_LABELS[outcome.collaboration]}</span> <strong>{outcome.visibility.label}:</strong> {outcome.visibility.headline}
          </p>
          <Phase incident={incident} />
        </section>
      </div>
    );
  }

  const us = waitingOnUs(data, incident);
  const p = data.prefill.partner;
  return (
    <div className="overview" data-testid="overview">
      {clock}
      <div className="two-col">
        <section className="card" aria-labelledby="wait-partner-h">
          <h2 id="wait-partner-h">Waiting on the partner</h2>
          <OwedList incident={incident} l={l} empty="Nothing is waiting on the partner." />
        </section>
        <section className="card" aria-labelledby="wait-us-h">
          <h2 id="wait-us-h">Waiting on us</h2>
          {us.length === 0 ? (
            <p className="empty">Nothing is waiting on IR staff.</p>
          ) : (
            <ul className="owed" data-testid="waiting-on-us">
              {us.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="org-h">
        <h2 id="org-h">Partner organization</h2>
        {p ? (
          <p className="overview-line" data-testid="overview-partner">
            <strong>{p.name}</strong> · <span className={`lozenge ${data.prefill.contactsStatus.state === 'current' ? 'lozenge-success' : 'lozenge-moved'}`}>{data.prefill.contactsStatus.state === 'current' ? 'Contacts current' : 'Contacts need review'}</span> <span className="subtle">{data.prefill.contactsStatus.message}</span>
          </p>
        ) : (
          <p className="empty">Not linked to a partner yet: choose the partner below so its people can see this incident.</p>
        )}
        <p className="overview-line">
          <span className="lozenge lozenge-inprogress">{COLLABORATION_LABELS[outcome.collaboration]}</span> <strong>{outcome.visibility.label}:</strong> {outcome.visibility.headline}
        </p>
        <Phase incident={incident} />
        {!closed && (
          <div className="row">
            <button type="button" className="btn" onClick={onClose} data-testid="close-incident">
              Close incident…
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
