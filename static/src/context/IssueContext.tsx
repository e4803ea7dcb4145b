import { contextApi } from '../api';
import type { ViewContext } from '../boot';
import { PHASE_LABELS } from '../../../src/domain/lifecycle';
import { SlaClock } from '../ui/Sla';
import { ErrorState, Loading } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { useServerNow } from '../ui/useServerNow';
import { formatDateTime, formatDay } from '../ui/format';
import type { OutputOf } from '../../../src/contract/fn';
import type { CONTEXT } from '../../../src/contract/context';

type Load = OutputOf<typeof CONTEXT.load>;

/** Jira's right-hand column: the acknowledgment clock and what is still owed, visible with the panel collapsed. */
export function IssueContext({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => contextApi('load', {}));
  return (
    <main className="module context" aria-labelledby="context-h">
      <h1 id="context-h" className="panel-title">
        Security incident
      </h1>
      {state.status === 'loading' && <Loading label="Loading…" />}
      {state.status === 'error' && <ErrorState message={state.message} onRetry={reload} />}
      {state.status === 'ready' && <Summary data={state.data} ctx={ctx} />}
    </main>
  );
}

function Summary({ data, ctx }: { data: Load; ctx: ViewContext }) {
  const now = useServerNow(data.serverNow);
  const partner = data.viewer.role === 'partner';
  return (
    <>
      {data.outreach ? (
        <div data-testid="context-clock">
          <p className="label">Acknowledgment</p>
          <SlaClock o={data.outreach} clock={data.clock} now={now} l={ctx} closed={data.closed} />
        </div>
      ) : (
        <p className="empty">No outreach yet: the 8-hour clock starts when Atlassian reaches out.</p>
      )}
      <div>
        <p className="label">{partner ? 'You still owe' : 'The partner still owes'}</p>
        {data.owed.length === 0 ? (
          <p className="empty">Nothing open.</p>
        ) : (
          <ul className="owed" data-testid="context-owed">
            {data.owed.map((o) => (
              <li key={o.key}>
                <span className={`lozenge ${o.status === 'overdue' ? 'lozenge-removed' : 'lozenge-inprogress'}`}>{o.status === 'overdue' ? 'Overdue' : 'Open'}</span> {o.label}
                {o.dueAt && <span className="subtle"> · due {/^\d{4}-\d{2}-\d{2}$/.test(o.dueAt) ? formatDay(o.dueAt, ctx) : formatDateTime(o.dueAt, ctx)}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="overview-line">
        <span className="label">Phase</span> <span className="lozenge lozenge-default">{data.phase ? PHASE_LABELS[data.phase] : 'Not started'}</span>
        {data.partnerName && <span className="subtle"> · {data.partnerName}</span>}
      </p>
      <p className="field-help">Open the Security incident panel to act on it.</p>
    </>
  );
}
