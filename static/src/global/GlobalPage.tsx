import { useEffect, useRef, useState } from 'react';
import { router } from '@forge/bridge';
import { globalApi } from '../api';
import type { ViewContext } from '../boot';
import type { OutputOf } from '../../../src/contract/fn';
import { CLOCK_STATES, LIST_PHASES, LIST_SUPPORT_LEVELS, type GLOBAL, type IncidentRow, type ListRequest } from '../../../src/contract/global';
import { PHASE_LABELS } from '../../../src/domain/lifecycle';
import { formatRemaining, slaColour } from '../../../src/domain/ack-timer';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';
import { SelectField } from '../ui/fields';
import { formatDateTime, type Locale } from '../ui/format';
import { useServerNow } from '../ui/useServerNow';
import { BarChart } from './BarChart';
import { YourOrganization } from './Organization';

type Load = OutputOf<typeof GLOBAL.load>;
type Stats = OutputOf<typeof GLOBAL.stats>;

const LEVEL_LABELS: Record<(typeof LIST_SUPPORT_LEVELS)[number], string> = { joint: 'Joint', async: 'Async', 'out-of-scope': 'Out of scope', untriaged: 'Not triaged' };
const PHASE_NAMES: Record<string, string> = { ...PHASE_LABELS, none: 'Not started' };
const CLOCK_LABELS: Record<(typeof CLOCK_STATES)[number], string> = { none: 'No outreach', running: 'Running', breached: 'Breached', acknowledged: 'Acknowledged', 'acknowledged-late': 'Acknowledged late' };

export function GlobalPage({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => globalApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading incidents…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return <Incidents data={state.data} l={ctx} />;
}

function Clock({ row, now, l }: { row: IncidentRow; now: Date; l: Locale }) {
  if (row.clock !== 'running' && row.clock !== 'breached') return <span className="subtle">{CLOCK_LABELS[row.clock]}</span>;
  const remaining = Date.parse(row.ackDueAt) - now.getTime();
  return (
    <span className={`sla sla-${slaColour(remaining)}`} title={`Due ${formatDateTime(row.ackDueAt, l)}`} data-testid="row-clock">
      {remaining < 0 ? `Breached ${formatRemaining(remaining)}` : `${formatRemaining(remaining)} left`}
    </span>
  );
}

function Charts({ l }: { l: Locale }) {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    let live = true;
    void globalApi('stats', {}).then((r) => live && r.ok && setStats(r.data));
    return () => {
      live = false;
    };
  }, []);
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

function Incidents({ data, l }: { data: Load; l: Locale }) {
  const now = useServerNow(data.serverNow);
  const [filters, setFilters] = useState<ListRequest>({ order: 'due', pageSize: 25 });
  const [rows, setRows] = useState<IncidentRow[]>(data.firstPage.rows);
  const [cursor, setCursor] = useState<string | undefined>(data.firstPage.cursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);
  const isIr = data.viewer.role === 'ir';

  async function fetchPage(f: ListRequest, from?: string) {
    setBusy(true);
    const r = await globalApi('list', { ...f, ...(from ? { cursor: from } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setRows((prev) => (from ? [...prev, ...r.data.rows] : r.data.rows));
    setCursor(r.data.cursor);
  }

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Searching waits for a pause in typing; other filters apply at once.
    const t = setTimeout(() => void fetchPage(filters), 300);
    return () => clearTimeout(t);
  }, [filters]);

  const set = (patch: Partial<ListRequest>) => setFilters((f) => ({ ...f, ...patch }));
  const c = data.cadence;
  return (
    <div className="module">
      <ViewerBadge viewer={data.viewer} />
      {c?.overdue && (
        <p className="banner banner-warning" role="status" data-testid="cadence-warning">
          The storage audit logs are due for an import (every {c.cadenceDays} days). Import the developer console's CSV on the app's settings page before the console forgets uninstalled sites.
        </p>
      )}
      {isIr && <Charts l={l} />}
      {data.viewer.role === 'partner' && <YourOrganization l={l} />}
      <div className="grid filters" role="search">
        <div className="field">
          <label htmlFor="search">Search by key or summary</label>
          <input id="search" type="search" value={filters.search ?? ''} onChange={(e) => set({ search: e.target.value || undefined })} />
        </div>
        <SelectField label="Sort" value={filters.order} options={['due', 'updated'] as const} labels={{ due: 'Overdue and at risk first', updated: 'Recently updated' }} onChange={(order) => order && set({ order })} />
        <SelectField label="Support level" value={filters.supportLevel ?? ''} options={LIST_SUPPORT_LEVELS} labels={LEVEL_LABELS} emptyLabel="Any" onChange={(x) => set({ supportLevel: x || undefined })} />
        <SelectField label="Phase" value={filters.phase ?? ''} options={LIST_PHASES} labels={PHASE_NAMES} emptyLabel="Any" onChange={(x) => set({ phase: x || undefined })} />
        <SelectField label="Acknowledgment" value={filters.clock ?? ''} options={CLOCK_STATES} labels={CLOCK_LABELS} emptyLabel="Any" onChange={(x) => set({ clock: x || undefined })} />
        {data.apps.length > 0 && (
          <SelectField label="App" value={filters.appId ?? ''} options={data.apps.map((a) => a.appId)} labels={Object.fromEntries(data.apps.map((a) => [a.appId, a.name]))} emptyLabel="Any" onChange={(x) => set({ appId: x || undefined })} />
        )}
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
      {rows.length === 0 && !busy ? (
        <p className="empty" data-testid="no-incidents">No incidents match.</p>
      ) : (
        <table data-testid="incidents" aria-busy={busy}>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Summary</th>
              <th scope="col">App</th>
              <th scope="col">Support</th>
              <th scope="col">Phase</th>
              <th scope="col">Acknowledgment</th>
              <th scope="col">Partner next due</th>
              <th scope="col">Shared logs delete by</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.issueId} data-testid="incident-row">
                <td>
                  <a
                    href={`/browse/${encodeURIComponent(r.issueKey)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      void router.navigate({ target: 'issue', issueKey: r.issueKey });
                    }}
                  >
                    {r.issueKey}
                  </a>
                </td>
                <td>{r.summary}</td>
                <td>{r.appName || <span className="empty">—</span>}</td>
                <td>{LEVEL_LABELS[r.supportLevel]}</td>
                <td>{PHASE_NAMES[r.phase] ?? r.phase}</td>
                <td>
                  <Clock row={r} now={now} l={l} />
                </td>
                <td>{r.nextPartnerDue ? formatDateTime(r.nextPartnerDue, l) : ''}</td>
                <td>{r.nextDeletionDue ? formatDateTime(r.nextDeletionDue, l) : ''}</td>
                <td>{r.updatedAt ? formatDateTime(r.updatedAt, l) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <div>
          <button type="button" className="btn" onClick={() => void fetchPage(filters, cursor)} disabled={busy}>
            {busy ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
    </div>
  );
}
