import { OUTREACH_CHANNEL_LABELS } from '../../../src/domain/outreach';
import { formatDateTime, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';
import { MitigationsSection } from './MitigationsSection';
import { FollowUpSection } from './FollowUpSection';

const STATUS = { done: ['Done', 'lozenge-success'], open: ['Open', 'lozenge-inprogress'], overdue: ['Overdue', 'lozenge-removed'], 'not-applicable': ['Not applicable', 'lozenge-default'] } as const;

/** Below the Overview's first screen: every outreach, the partner's responsibilities, mitigations and follow-up. */
export default function Responsibilities({ isIr, readOnly, l, ...saved }: Saved & { isIr: boolean; readOnly: boolean; l: Locale }) {
  const ob = saved.incident.obligations;
  return (
    <>
      <section aria-labelledby="resp-h" className="card">
        <h2 id="resp-h">
          {isIr ? "The partner's responsibilities" : 'Your responsibilities'} · {ob.checklist.done} of {ob.checklist.applicable} done
        </h2>
        <progress max={Math.max(ob.checklist.applicable, 1)} value={ob.checklist.done} aria-label="Responsibilities done" />
        <ul className="history-list" data-testid="responsibilities">
          {ob.checklist.items.map((i) => (
            <li key={i.key} className={`resp resp-${i.status}`}>
              <strong>{i.label}</strong> <span className={`lozenge ${STATUS[i.status][1]}`}>{STATUS[i.status][0]}</span>
              <p className="subtle">{i.detail}</p>
            </li>
          ))}
        </ul>
      </section>
      {ob.outreaches.length > 1 && (
        <section aria-labelledby="outreaches-h" className="card">
          <h2 id="outreaches-h">Every outreach</h2>
          <ul className="history-list">
            {ob.outreaches.map((o) => (
              <li key={o.id} data-testid="outreach">
                <strong>{OUTREACH_CHANNEL_LABELS[o.channel]}</strong> · <time dateTime={o.at}>{formatDateTime(o.at, l)}</time> · {o.message} ·{' '}
                {o.ack ? `acknowledged ${formatDateTime(o.ack.at, l)}${o.ack.note ? ` (${o.ack.note})` : ''}` : 'not acknowledged yet'}
              </li>
            ))}
          </ul>
        </section>
      )}
      <fieldset className="plain" disabled={readOnly}>
        <legend className="sr-only">Mitigations and follow-up</legend>
        <MitigationsSection {...saved} />
        <FollowUpSection {...saved} l={l} />
      </fieldset>
    </>
  );
}
