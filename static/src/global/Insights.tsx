import { useEffect, useState } from 'react';
import { globalApi } from '../api';
import type { OutputOf } from '../../../src/contract/fn';
import { LIST_PHASES, LIST_SUPPORT_LEVELS, type GLOBAL } from '../../../src/contract/global';
import { Loading } from '../ui/states';
import { flag } from '../ui/flags';
import { formatDateTime, type Locale } from '../ui/format';
import { BarChart } from './BarChart';
import { LEVEL_LABELS, PHASE_NAMES } from './labels';

type Stats = OutputOf<typeof GLOBAL.stats>;

/** IR staff's counts: incidents by phase and support level, and how acknowledgments went over 90 days. */
export function Insights({ l }: { l: Locale }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void globalApi('stats', {}).then((r) => {
      if (!live) return;
      if (r.ok) setStats(r.data);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  if (error) return <p role="alert" className="field-error">{error}</p>;
  if (!stats) return <Loading label="Counting incidents…" />;
  const a = stats.ackCompliance;
  return (
    <div className="two-col charts">
      <BarChart testId="chart-phase" title="Incidents by phase" data={LIST_PHASES.map((p) => ({ label: PHASE_NAMES[p] ?? p, value: stats.byPhase[p] ?? 0 }))} />
      <BarChart testId="chart-level" title="Incidents by support level" data={LIST_SUPPORT_LEVELS.map((s) => ({ label: LEVEL_LABELS[s], value: stats.bySupportLevel[s] ?? 0 }))} />
      <BarChart
        testId="chart-ack"
        title="Acknowledgments, last 90 days"
        data={[
          { label: 'On time', value: a.onTime, tone: 'success' },
          { label: 'Late', value: a.late, tone: 'warning' },
          { label: 'Breached', value: a.breached, tone: 'danger' },
          { label: 'Still running', value: a.running },
        ]}
      />
      {stats.capped && <p className="subtle">Counted the first {stats.incidents} incidents.</p>}
      {stats.orphaned.length > 0 && <Orphaned orphaned={stats.orphaned} l={l} />}
    </div>
  );
}

/**
 * Incidents the sweeps set aside because the app could not see their ticket: Jira answers the same for a deleted
 * ticket and for one whose security level lacks the app's role, so each can be checked again after a fix.
 */
function Orphaned({ orphaned, l }: { orphaned: Stats['orphaned']; l: Locale }) {
  const [list, setList] = useState(orphaned);
  const [busy, setBusy] = useState<string | null>(null);
  async function recheck(o: Stats['orphaned'][number]) {
    const name = o.issueKey || o.issueId;
    setBusy(o.issueId);
    const r = await globalApi('recheckOrphan', { issueId: o.issueId });
    setBusy(null);
    if (!r.ok) return flag('error', `Couldn't check ${name}`, r.error.message);
    if (!r.data.visible) return flag('warning', `The app still can't see ${name}`, 'It was deleted, or its security level lacks the app\u2019s project role (atlassian-addons-project-access).');
    setList((xs) => xs.filter((x) => x.issueId !== o.issueId));
    flag('success', `${name} is back`, 'The app sees its ticket again; its reminders resume.');
  }
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="orphaned-h" data-testid="orphaned">
      <h2 id="orphaned-h">Incidents the app can no longer see</h2>
      <p className="subtle">
        No reminders are posted for these: their Jira issue was deleted, or its issue security level does not include the app&apos;s project role (atlassian-addons-project-access; the settings page&apos;s site check names the fix). Their records and history stay in the app. After a fix, check again.
      </p>
      <ul>
        {list.map((o) => (
          <li key={o.issueId} className="row">
            <span>
              <code>{o.issueKey || o.issueId}</code> {o.summary} · noticed <time dateTime={o.orphanedAt}>{formatDateTime(o.orphanedAt, l)}</time>
            </span>
            <button type="button" className="btn" disabled={busy !== null} aria-label={`Check ${o.issueKey || o.issueId} again`} onClick={() => void recheck(o)}>
              {busy === o.issueId ? 'Checking…' : 'Check again'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
