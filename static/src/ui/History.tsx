import { useState } from 'react';
import type { Result } from '../../../src/contract/envelope';
import type { HistoryPage } from '../../../src/contract/audit';
import { formatDateTime, type Locale } from './format';

type Entry = HistoryPage['entries'][number];

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '(empty)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

/** The audit trail, newest first, loaded only when someone opens it (the first render stays one invoke). */
export function History({ load, l, actionLabels }: { load: (cursor?: string) => Promise<Result<HistoryPage>>; l: Locale; actionLabels?: Record<string, string> }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function more(from?: string) {
    setBusy(true);
    const r = await load(from);
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setEntries((prev) => [...(from ? (prev ?? []) : []), ...r.data.entries]);
    setNames((prev) => ({ ...prev, ...r.data.names }));
    setCursor(r.data.cursor);
  }

  if (entries === null) {
    return (
      <button type="button" className="btn" onClick={() => void more()} disabled={busy} data-testid="show-history">
        {busy ? 'Loading history…' : 'Show history'}
      </button>
    );
  }
  return (
    <div className="history" data-testid="history">
      {error && <p role="alert" className="field-error">{error}</p>}
      {entries.length === 0 ? (
        <p className="subtle">No changes recorded yet.</p>
      ) : (
        <ol className="history-list">
          {entries.map((e) => (
            <li key={e.seq} data-testid="history-entry">
              <p className="history-head">
                <strong>{names[e.actor] ?? 'Someone'}</strong> · {actionLabels?.[e.action] ?? e.action} · <time dateTime={e.at}>{formatDateTime(e.at, l)}</time>
              </p>
              {e.note && <p className="subtle">{e.note}</p>}
              {e.changes.length > 0 && (
                <ul className="changes">
                  {e.changes.map((c) => (
                    <li key={c.path}>
                      <code>{c.path}</code>: <span className="before">{show(c.before)}</span> → <span className="after">{show(c.after)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {cursor && (
        <button type="button" className="btn" onClick={() => void more(cursor)} disabled={busy}>
          {busy ? 'Loading…' : 'Show older'}
        </button>
      )}
    </div>
  );
}
