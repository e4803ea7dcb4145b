import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { adminApi } from '../api';
import type { AppEntry } from '../../../src/domain/inventory';
import type { ArchivePage, ArchiveSite, Cadence, Footprint, RowProblem } from '../../../src/contract/storage-audit';
import { download } from '../ui/download';
import { formatDateTime, formatDay, formatNumber, type Locale } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { importAuditFile, refuseFile } from './storage-audit-import';
import './storage-audit.css';

type App = AppEntry;

/** The storage audit-log archive on the settings page: import the console's CSV, see and export the archive. */
export function StorageAuditSection({ apps, l }: { apps: readonly App[]; l: Locale }) {
  const [cadence, reloadCadence] = useLoad(() => adminApi('storageAuditCadence', {}));
  const [imported, setImported] = useState(0);

  return (
    <section aria-labelledby="storage-audit-h" className="storage-audit">
      <h2 id="storage-audit-h">Storage audit logs</h2>
      <p className="subtle">
        The developer console keeps Forge hosted-storage audit logs for two years, and only 30 days after an app is uninstalled from a site. Import its CSV downloads here regularly: this archive keeps
        them, and answers which sites had an app installed during an incident.
      </p>
      {cadence.status === 'error' ? (
        <ErrorState message={cadence.message} onRetry={reloadCadence} />
      ) : cadence.status === 'ready' ? (
        <CadenceStatus c={cadence.data} l={l} hasApps={apps.length > 0} />
      ) : (
        <Loading label="Loading the import status…" />
      )}
      <ImportFiles
        l={l}
        disabled={apps.length === 0}
        onImported={() => {
          reloadCadence();
          setImported((n) => n + 1);
        }}
      />
      {apps.length > 0 && <Archive apps={apps} l={l} refresh={imported} />}
    </section>
  );
}

function CadenceStatus({ c, l, hasApps }: { c: Cadence; l: Locale; hasApps: boolean }) {
  const last = c.lastImportAt ? formatDateTime(c.lastImportAt, l) : null;
  const late = c.overdue && hasApps;
  return (
    <p className={`status ${late ? 'status-warning' : 'status-current'}`} data-testid="audit-cadence" role={late ? 'alert' : undefined}>
      {last === null
        ? `No audit logs imported yet. Import the developer console's download every ${c.cadenceDays} days.`
        : late
          ? `Import overdue: the last import was on ${last}, and the next was due on ${formatDay(c.nextDueOn, l)}. The console erases an uninstalled site's logs 30 days after the uninstall.`
          : `Last import ${last}. Next import due on ${formatDay(c.nextDueOn, l)} (every ${c.cadenceDays} days).`}
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

interface FileState {
  id: string;
  name: string;
  phase: 'waiting' | 'reading' | 'sending' | 'done' | 'refused' | 'stopped';
  /** 0..1 of the whole import, reading and saving. */
  progress: number;
  message?: string;
  read?: number;
  added?: number;
  known?: number;
  rejected?: RowProblem[];
}

const SHOWN_PROBLEMS = 100;

function ImportFiles({ l, disabled, onImported }: { l: Locale; disabled: boolean; onImported: () => void }) {
  const [files, setFiles] = useState<FileState[]>([]);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const update = (id: string, patch: Partial<FileState>) => setFiles((list) => list.map((f) => (f.id === id ? { ...f, ...patch } : f)));
  // The bar never moves back, though the share saved dips each time more rows are read.
  const advance = (id: string, phase: FileState['phase'], progress: number) => setFiles((list) => list.map((f) => (f.id === id ? { ...f, phase, progress: Math.max(f.progress, progress) } : f)));

  async function importOne(file: File, id: string) {
    const refused = refuseFile(file);
    if (refused) return update(id, { phase: 'refused', message: refused });
    update(id, { phase: 'reading', progress: 0 });
    const r = await importAuditFile(file, (req) => adminApi('storageAuditImport', req, { quotaRetries: 0 }), {
      fileName: file.name,
      importId: id,
      // Reading runs ahead of saving; the bar shows both: half for reading, half for the rows saved.
      onProgress: (p) => advance(id, p.read < 1 ? 'reading' : 'sending', p.read / 2 + (p.rows === 0 ? 0 : (p.saved / p.rows) * p.read) / 2),
    });
    if (r.kind === 'refused') return update(id, { phase: 'refused', message: r.message });
    update(id, { phase: r.kind, read: r.read, added: r.new, known: r.known, rejected: r.rejected, ...(r.kind === 'stopped' && { message: r.message }) });
  }

  async function importAll(list: FileList | File[]) {
    const chosen = [...list];
    if (chosen.length === 0) return;
    const queued = chosen.map((f) => ({ file: f, state: { id: crypto.randomUUID(), name: f.name, phase: 'waiting' as const, progress: 0 } }));
    setFiles((prev) => [...queued.map((q) => q.state), ...prev]);
    setBusy(true);
    // One file at a time: each file's report stays readable, and the backend sees one import at a time.
    for (const q of queued) await importOne(q.file, q.state.id);
    setBusy(false);
    onImported();
  }

  return (
    <div className="audit-import">
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}${disabled ? ' dropzone-disabled' : ''}`}
        data-testid="audit-dropzone"
        onDragOver={(e) => {
          if (disabled) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!disabled && !busy) void importAll(e.dataTransfer.files);
        }}
      >
        <p>{disabled ? 'Add the apps to their partner under Partners and save before importing their audit logs.' : 'Drop the console\u2019s storage audit-log CSV files here, or'}</p>
        <label className="btn" htmlFor={inputId}>
          {busy ? 'Importing…' : 'Choose CSV files…'}
        </label>
        <input
          ref={input}
          id={inputId}
          className="sr-only"
          type="file"
          multiple
          accept=".csv,text/csv"
          disabled={disabled || busy}
          data-testid="audit-file-input"
          onChange={(e) => {
            const list = e.target.files ? [...e.target.files] : [];
            if (input.current) input.current.value = '';
            void importAll(list);
          }}
        />
      </div>
      {files.length > 0 && (
        <ul className="audit-files" aria-live="polite">
          {files.map((f) => (
            <FileReport key={f.id} f={f} l={l} />
          ))}
        </ul>
      )}
    </div>
  );
}

function FileReport({ f, l }: { f: FileState; l: Locale }) {
  const id = useId();
  const n = (x: number | undefined) => formatNumber(x ?? 0, l);
  const rejected = f.rejected ?? [];
  return (
    <li className="audit-file" data-testid="audit-file" data-file={f.name}>
      <strong>{f.name}</strong>
      {(f.phase === 'waiting' || f.phase === 'reading' || f.phase === 'sending') && (
        <div className="progress-line">
          <label htmlFor={id}>{f.phase === 'waiting' ? 'Waiting…' : f.phase === 'reading' ? 'Reading and saving…' : 'Saving to the archive…'}</label>
          <progress id={id} max={1} value={f.phase === 'waiting' ? 0 : f.progress} />
          <span className="subtle">{Math.round(f.progress * 100)}%</span>
        </div>
      )}
      {f.message && (
        <p className={f.phase === 'refused' ? 'problems' : 'banner banner-warning'} role="alert" data-testid="audit-file-message">
          {f.message}
        </p>
      )}
      {f.read !== undefined && (
        <dl className="audit-counts">
          <div>
            <dt>Rows read</dt>
            <dd data-testid="audit-read">{n(f.read)}</dd>
          </div>
          <div>
            <dt>New</dt>
            <dd data-testid="audit-new">{n(f.added)}</dd>
          </div>
          <div>
            <dt>Already known</dt>
            <dd data-testid="audit-known">{n(f.known)}</dd>
          </div>
          <div>
            <dt>Rejected</dt>
            <dd data-testid="audit-rejected">{n(rejected.length)}</dd>
          </div>
        </dl>
      )}
      {rejected.length > 0 && (
        <details className="audit-problems" open={rejected.length <= 10}>
          <summary>Rejected rows</summary>
          <ul>
            {rejected.slice(0, SHOWN_PROBLEMS).map((p) => (
              <li key={`${p.line}:${p.message}`} data-testid="audit-problem">
                Line {p.line}: {p.message}
              </li>
            ))}
          </ul>
          {rejected.length > SHOWN_PROBLEMS && <p className="subtle">…and {formatNumber(rejected.length - SHOWN_PROBLEMS, l)} more.</p>}
        </details>
      )}
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// The archive
// ---------------------------------------------------------------------------------------------

/** Enter in a field of this section must not submit the settings form around it. */
const noSubmit = (e: KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

function Archive({ apps, l, refresh }: { apps: readonly App[]; l: Locale; refresh: number }) {
  const [appId, setAppId] = useState(apps[0]?.appId ?? '');
  const app = apps.find((a) => a.appId === appId) ?? apps[0];
  const [environment, setEnvironment] = useState<string>(app?.environments.includes('production') ? 'production' : (app?.environments[0] ?? 'production'));
  const [shown, setShown] = useState(false);
  const [nonce, setNonce] = useState(0);
  // The pages shown, and the query they answer: a newer query shows "Loading" until its first page is in.
  const [loaded, setLoaded] = useState<{ query: string; pages: ArchivePage[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'more' | 'export' | null>(null);
  const appSelect = useId();
  const envSelect = useId();
  const query = JSON.stringify([appId, environment, refresh, nonce]);

  useEffect(() => {
    if (!shown) return;
    let live = true;
    void adminApi('storageAuditArchive', { appId, environment }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLoaded({ query, pages: [r.data] });
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [shown, appId, environment, query]);

  async function more(cursor: string) {
    setBusy('more');
    const r = await adminApi('storageAuditArchive', { appId, environment, cursor });
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setLoaded((prev) => (prev ? { ...prev, pages: [...prev.pages, r.data] } : prev));
  }

  async function exportCsv() {
    setBusy('export');
    let csv = '';
    let cursor: string | undefined;
    do {
      const r = await adminApi('storageAuditExport', { appId, environment, ...(cursor !== undefined && { cursor }) });
      if (!r.ok) {
        setBusy(null);
        return setError(r.error.message);
      }
      csv += r.data.csv;
      cursor = r.data.cursor;
    } while (cursor);
    setBusy(null);
    download(`storage-audit-${app?.appKey ?? appId}-${environment}.csv`, csv, 'text/csv');
  }

  const pages = loaded?.query === query ? loaded.pages : null;
  const first = pages?.[0];
  const sites = pages?.flatMap((p) => p.sites) ?? [];
  const last = pages?.[pages.length - 1];
  return (
    <div className="audit-archive">
      <h3>Archive</h3>
      <div className="row">
        <div className="field">
          <label htmlFor={appSelect}>App</label>
          <select
            id={appSelect}
            value={appId}
            onChange={(e) => {
              const next = apps.find((a) => a.appId === e.target.value);
              setAppId(e.target.value);
              if (next && !next.environments.includes(environment as App['environments'][number])) setEnvironment(next.environments[0] ?? 'production');
            }}
          >
            {apps.map((a) => (
              <option key={a.appId} value={a.appId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={envSelect}>Environment</label>
          <select id={envSelect} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            {(app?.environments ?? ['production']).map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </select>
        </div>
        <div className="row audit-actions">
          <button type="button" className="btn" onClick={() => (shown ? setNonce((n) => n + 1) : setShown(true))} disabled={busy !== null} data-testid="audit-show-archive">
            {shown ? 'Refresh' : 'Show the archive'}
          </button>
          <button type="button" className="btn" onClick={() => void exportCsv()} disabled={busy !== null} data-testid="audit-export">
            {busy === 'export' ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </div>
      {error && <ErrorState message={error} />}
      {shown && !first && !error && <Loading label="Loading the archive…" />}
      {shown && first && (
        <>
          {first.attention && <AttentionPanels a={first.attention} l={l} />}
          {sites.length === 0 ? <p className="empty">No audit events for this app and environment yet.</p> : <SitesTable sites={sites} l={l} />}
          {last?.cursor !== undefined && (
            <button type="button" className="btn" onClick={() => void more(last.cursor!)} disabled={busy !== null}>
              {busy === 'more' ? 'Loading…' : 'Show more sites'}
            </button>
          )}
          <FootprintLookup appId={appId} environment={environment} l={l} />
        </>
      )}
    </div>
  );
}

function AttentionPanels({ a, l }: { a: NonNullable<ArchivePage['attention']>; l: Locale }) {
  const d = (day: string) => formatDay(day, l);
  return (
    <div className="audit-attention">
      {a.downloadAgainBefore.length > 0 && (
        <div className="banner banner-warning" data-testid="audit-download-again">
          <p>
            <strong>Download again soon.</strong> These sites uninstalled the app recently; the console keeps their logs only until the day shown. Import a fresh download before then.
          </p>
          <ul>
            {a.downloadAgainBefore.map((s) => (
              <li key={`${s.siteId}:${s.product}`}>
                <span className="mono">{s.siteId}</span> ({s.product}): uninstalled {d(s.uninstalledOn)}, download before {d(s.downloadAgainBefore)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {a.failedMigrations.length > 0 && (
        <div className="banner banner-danger" data-testid="audit-failed-migrations">
          <p>
            <strong>Failed data migrations.</strong> The latest migration of these sites' app data failed.
          </p>
          <ul>
            {a.failedMigrations.map((s) => (
              <li key={`${s.siteId}:${s.product}`}>
                <span className="mono">{s.siteId}</span> ({s.product}): failed {d(s.date)}
                {s.targetLocation ? ` moving to ${s.targetLocation}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {a.nearHorizon.count > 0 && (
        <div className="banner" data-testid="audit-near-horizon">
          <p>
            {formatNumber(a.nearHorizon.count, l)}
            {a.nearHorizon.more ? '+' : ''} {a.nearHorizon.count === 1 && !a.nearHorizon.more ? 'event reaches' : 'events reach'} the console's two-year limit within {a.nearHorizon.windowDays}{' '}
            days. The console will erase them; this archive keeps them.
          </p>
          <ul>
            {a.nearHorizon.shown.slice(0, 10).map((e) => (
              <li key={`${e.siteId}:${e.product}:${e.event}:${e.eventDate}`}>
                <span className="mono">{e.siteId}</span>: {e.event} on {d(e.eventDate)}, erased by the console on {d(e.consoleDeletesOn)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {a.beyondHorizon.count > 0 && (
        <p className="subtle" data-testid="audit-beyond-horizon">
          {formatNumber(a.beyondHorizon.count, l)}
          {a.beyondHorizon.more ? '+' : ''} {a.beyondHorizon.count === 1 && !a.beyondHorizon.more ? 'event is' : 'events are'} older than two years: the console no longer has them, only this
          archive.
        </p>
      )}
    </div>
  );
}

function SitesTable({ sites, l }: { sites: ArchiveSite[]; l: Locale }) {
  const [open, setOpen] = useState<string | null>(null);
  const d = (day: string | undefined) => (day ? formatDay(day, l) : '');
  return (
    <table className="audit-sites" data-testid="audit-sites">
      <thead>
        <tr>
          <th scope="col">Site</th>
          <th scope="col">Product</th>
          <th scope="col">State</th>
          <th scope="col">Since</th>
          <th scope="col">Version</th>
          <th scope="col">Location</th>
          <th scope="col">Download again before</th>
          <th scope="col">Migration</th>
        </tr>
      </thead>
      <tbody>
        {sites.map((s) => {
          const key = `${s.siteId}:${s.product}`;
          const expanded = open === key;
          return (
            <SiteRows key={key} s={s} expanded={expanded} toggle={() => setOpen(expanded ? null : key)} d={d} />
          );
        })}
      </tbody>
    </table>
  );
}

function SiteRows({ s, expanded, toggle, d }: { s: ArchiveSite; expanded: boolean; toggle: () => void; d: (day: string | undefined) => string }) {
  const timelineId = useId();
  return (
    <>
      <tr className={s.failedMigration ? 'row-danger' : undefined} data-testid="audit-site" data-site={s.siteId}>
        <td>
          <button type="button" className="btn btn-subtle mono" aria-expanded={expanded} aria-controls={timelineId} onClick={toggle}>
            {s.siteId}
          </button>
        </td>
        <td>{s.product}</td>
        <td>
          <span className={`lozenge ${s.state === 'installed' ? 'lozenge-installed' : ''}`}>{s.state}</span>
        </td>
        <td>{d(s.since)}</td>
        <td>{s.installedVersion}</td>
        <td>{s.location}</td>
        <td>{s.downloadAgainBefore ? d(s.downloadAgainBefore) : s.consoleLogsErasedOn ? <span className="subtle">erased by the console {d(s.consoleLogsErasedOn)}</span> : ''}</td>
        <td>
          {s.failedMigration ? (
            <strong className="text-danger">
              failed {d(s.failedMigration.date)}
              {s.failedMigration.targetLocation ? ` → ${s.failedMigration.targetLocation}` : ''}
            </strong>
          ) : s.pendingMigration ? (
            `${s.pendingMigration.status} ${d(s.pendingMigration.date)}${s.pendingMigration.targetLocation ? ` → ${s.pendingMigration.targetLocation}` : ''}`
          ) : (
            ''
          )}
        </td>
      </tr>
      {expanded && (
        <tr id={timelineId} className="audit-timeline-row">
          <td colSpan={8}>
            <ol className="audit-timeline" data-testid="audit-timeline">
              {s.timeline.map((t, i) => (
                <li key={i}>
                  {d(t.eventDate)}: {t.event}
                  {t.installedVersion ? `, version ${t.installedVersion}` : ''}
                  {t.location ? `, data in ${t.location}` : ''}
                  {t.targetLocation ? ` → ${t.targetLocation}` : ''} <span className="subtle">(console erases it {d(t.consoleDeletesOn)})</span>
                </li>
              ))}
            </ol>
          </td>
        </tr>
      )}
    </>
  );
}

function FootprintLookup({ appId, environment, l }: { appId: string; environment: string; l: Locale }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<Footprint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fromId = useId();
  const toId = useId();

  async function find() {
    if (!from || !to) return setError('Choose the first and the last day of the window.');
    setBusy(true);
    const sites: Footprint['sites'] = [];
    let cursor: string | undefined;
    let overdue: boolean | undefined;
    do {
      const r = await adminApi('storageAuditFootprint', { appId, environment, from, to, ...(cursor !== undefined && { cursor }) });
      if (!r.ok) {
        setBusy(false);
        return setError(r.error.fields?.['(payload)'] ?? r.error.message);
      }
      sites.push(...r.data.sites);
      overdue = r.data.archiveOverdue;
      cursor = r.data.cursor;
    } while (cursor !== undefined);
    setBusy(false);
    setError(null);
    setResult({ sites, archiveOverdue: overdue === true });
  }

  return (
    <div className="audit-footprint">
      <h3>Sites with the app installed during a window</h3>
      <div className="row">
        <div className="field">
          <label htmlFor={fromId}>From</label>
          <input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.target.value)} onKeyDown={noSubmit} />
        </div>
        <div className="field">
          <label htmlFor={toId}>To</label>
          <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} onKeyDown={noSubmit} />
        </div>
        <button type="button" className="btn audit-actions" onClick={() => void find()} disabled={busy} data-testid="audit-footprint-find">
          {busy ? 'Looking…' : 'Find sites'}
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
      {result && (
        <div data-testid="audit-footprint">
          <p>
            {formatNumber(result.sites.length, l)} {result.sites.length === 1 ? 'site' : 'sites'} had the app installed on at least one day of the window.
            {result.archiveOverdue && ' The archive may be missing recent installs: an import is overdue.'}
          </p>
          <ul>
            {result.sites.map((s) => (
              <li key={s.siteId}>
                <span className="mono">{s.siteId}</span>
                {s.versions.length > 0 && `: ${s.versions.join(', ')}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
