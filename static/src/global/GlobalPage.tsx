import { useEffect, useMemo, useRef, useState } from 'react';
import { view } from '@forge/bridge';
import { globalApi } from '../api';
import type { ViewContext } from '../boot';
import type { OutputOf } from '../../../src/contract/fn';
import { LIST_PHASES, LIST_SUPPORT_LEVELS, type GLOBAL, type QueueRequest } from '../../../src/contract/global';
import { DEFAULT_SORT, QUEUE_VIEWS, QUEUE_VIEW_LABELS, defaultView } from '../../../src/domain/queue';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';
import { SelectField } from '../ui/fields';
import { Tabs } from '../ui/Tabs';
import type { Locale } from '../ui/format';
import { useServerNow } from '../ui/useServerNow';
import { YourOrganization } from './Organization';
import { Insights } from './Insights';
import { Inbox, QueueTable } from './QueueTable';
import { ReportIncident } from './ReportIncident';
import { LEVEL_LABELS, PHASE_NAMES } from './labels';
import { fromSearch, toSearch, type PageState, type PageTab } from './url';
import './global.css';

type Load = OutputOf<typeof GLOBAL.load>;
type Page = Load['page'];
type History = Awaited<ReturnType<typeof view.createHistory>>;

/** The page's URL state comes from Jira's page URL (view.createHistory), so a link opens the same view. */
async function initialState(): Promise<{ history: History | null; search: string }> {
  try {
    const history = await view.createHistory();
    return { history, search: history.location.search ?? '' };
  } catch {
    return { history: null, search: '' };
  }
}

export function GlobalPage({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(async () => {
    const { history, search } = await initialState();
    // The role decides the default view; the URL's own values are checked again on the server.
    const guess = fromSearch(search, 'triage', true);
    const r = await globalApi('load', new URLSearchParams(search).has('view') ? { queue: guess.queue } : {});
    if (!r.ok) return r;
    return { ok: true as const, data: { load: r.data, history, start: fromSearch(search, defaultView(r.data.viewer.role), r.data.viewer.role === 'ir') } };
  });
  if (state.status === 'loading') return <Loading label="Loading incidents…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return <Incidents data={state.data.load} l={ctx} history={state.data.history} start={state.data.start} />;
}

function Incidents({ data, l, history, start }: { data: Load; l: Locale; history: History | null; start: PageState }) {
  const now = useServerNow(data.serverNow);
  const role = data.viewer.role;
  const isIr = role === 'ir';
  const [tab, setTab] = useState<PageTab>(start.tab);
  const [queue, setQueue] = useState<QueueRequest>(start.queue);
  const [page, setPage] = useState<Page>(data.page);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linkProblem, setLinkProblem] = useState(start.problem);
  const [reporting, setReporting] = useState(false);
  const [search, setSearch] = useState(start.queue.search ?? '');
  const sort = queue.sort ?? DEFAULT_SORT[queue.view];

  async function fetchPage(q: QueueRequest, from?: string) {
    setBusy(true);
    const r = await globalApi('queue', { ...q, ...(from ? { cursor: from } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
    setError(null);
    setPage((prev) => (from ? { ...r.data, rows: [...prev.rows, ...r.data.rows] } : r.data));
  }

  /** Every change of view, filter or sort: into the page's URL (so the link is shareable), then the first page. */
  function apply(nextTab: PageTab, next: QueueRequest) {
    setTab(nextTab);
    setQueue(next);
    history?.replace({ pathname: '/', search: toSearch(nextTab, next) });
    if (nextTab !== 'insights') void fetchPage(next);
  }

  // Typing searches after a pause; the other controls apply at once.
  const searched = useRef(search);
  useEffect(() => {
    const t = setTimeout(() => {
      if (searched.current === search.trim()) return;
      searched.current = search.trim();
      apply(tab, { ...queue, search: search.trim() || undefined });
    }, 300);
    return () => clearTimeout(t);
  });

  const tabs = useMemo(() => [...QUEUE_VIEWS.map((k) => ({ key: k as PageTab, label: QUEUE_VIEW_LABELS[k] })), ...(isIr ? [{ key: 'insights' as PageTab, label: 'Insights' }] : [])], [isIr]);
  const set = (patch: Partial<QueueRequest>) => apply(tab, { ...queue, ...patch });
  const selectTab = (k: PageTab) => {
    setLinkProblem(null);
    apply(k, k === 'insights' ? queue : { ...queue, view: k, sort: undefined });
  };
  const jqlHref = `/issues/?jql=${encodeURIComponent(page.jql)}`;
  const c = data.cadence;
  // IR staff report for any partner of the directory (the form searches it); a partner's people for their own.
  const canReport = role === 'ir' || (role === 'partner' && data.reportable.length > 0);

  return (
    <main className="module">
      <div className="page-head">
        <h1>Security incidents</h1>
        <ViewerBadge viewer={data.viewer} />
        {canReport && !reporting && (
          <button type="button" className="btn btn-primary" onClick={() => setReporting(true)} data-testid="report-open">
            Report an incident
          </button>
        )}
      </div>
      {c?.overdue && (
        <p className="banner banner-warning" role="status" data-testid="cadence-warning">
          The storage audit logs are due for an import (every {c.cadenceDays} days). Import the developer console's CSV on the app's settings page before the console forgets uninstalled sites.
        </p>
      )}
      {reporting && <ReportIncident partners={data.reportable} isIr={isIr} l={l} onCancel={() => setReporting(false)} />}
      {role === 'partner' && !reporting && (
        <div className="two-col">
          <section aria-labelledby="inbox-title">
            <h2 id="inbox-title">Your incidents and what each needs from you</h2>
            {queue.view === 'mine' && tab === 'mine' ? <Inbox rows={page.rows} now={now} l={l} /> : <p className="subtle">Open the \u201cNeeds my action\u201d tab to see what each incident needs from you.</p>}
          </section>
          <YourOrganization l={l} />
        </div>
      )}
      {linkProblem && (
        <p className="banner banner-warning" role="alert" data-testid="link-problem">
          {linkProblem}
        </p>
      )}
      <Tabs tabs={tabs} selected={tab} onSelect={selectTab}>
        {tab === 'insights' ? (
          <Insights l={l} />
        ) : (
          <>
            <div className="filters" role="search">
              <div className="field">
                <label htmlFor="search">Search by key or summary</label>
                <input id="search" type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
              </div>
              <SelectField label="Support level" value={queue.supportLevel ?? ''} options={LIST_SUPPORT_LEVELS} labels={LEVEL_LABELS} emptyLabel="Any" onChange={(x) => set({ supportLevel: x || undefined })} />
              <SelectField label="Phase" value={queue.phase ?? ''} options={LIST_PHASES} labels={PHASE_NAMES} emptyLabel="Any" onChange={(x) => set({ phase: x || undefined })} />
              <a className="jql-link" href={jqlHref} target="_blank" rel="noreferrer" data-testid="jql-link" title={page.jql}>
                Open in Jira search
              </a>
            </div>
            {error && (
              <p role="alert" className="field-error" data-testid="queue-error">
                {error}
              </p>
            )}
            {page.problem ? (
              <p className="banner banner-danger" role="alert" data-testid="queue-problem">
                {page.problem}
              </p>
            ) : page.rows.length === 0 && !busy ? (
              <p className="empty" data-testid="no-incidents">
                {queue.view === 'triage' ? 'No ticket is waiting for triage.' : 'No incidents match this view.'}
              </p>
            ) : (
              <QueueTable rows={page.rows} sort={sort} onSort={(s) => set({ sort: s })} isIr={isIr} now={now} l={l} busy={busy} />
            )}
            {page.cursor && (
              <div>
                <button type="button" className="btn" onClick={() => void fetchPage(queue, page.cursor)} disabled={busy}>
                  {busy ? 'Loading…' : 'Show more'}
                </button>
              </div>
            )}
          </>
        )}
      </Tabs>
    </main>
  );
}
