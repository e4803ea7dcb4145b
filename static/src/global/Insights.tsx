import { useEffect, useState } from 'react';
import { globalApi } from '../api';
import type { OutputOf } from '../../../src/contract/fn';
import { LIST_PHASES, LIST_SUPPORT_LEVELS, type GLOBAL } from '../../../src/contract/global';
import { Loading } from '../ui/states';
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
      {stats.orphaned.length > 0 && (
        <section aria-labelledby="orphaned-h" data-testid="orphaned">
          <h2 id="orphaned-h">Incidents whose Jira issue is gone</h2>
          <p className="subtle">The issue was deleted or moved out of reach, so no reminders are posted for these. Their records and history stay in the app.</p>
          <ul>
            {stats.orphaned.map((o) => (
              <li key={o.issueId}>
                <code>{o.issueKey || o.issueId}</code> {o.summary} · noticed <time dateTime={o.orphanedAt}>{formatDateTime(o.orphanedAt, l)}</time>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
