import { useState } from 'react';
import type { Result } from '../../../src/contract/envelope';
import type { HistoryPage, TrailCheck } from '../../../src/contract/audit';
import { formatDateTime, type Locale } from './format';
import { useHistoryPages } from './useHistoryPages';

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '(empty)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

type Verify = (cursor?: string) => Promise<Result<TrailCheck>>;

/**
 * Checks the whole trail: a long one is checked a part per call (each well inside Forge's time limit), so this
 * keeps calling with the cursor each answer gives until the check is complete or finds a broken link.
 */
export function VerifyTrail({ verify }: { verify: Verify }) {
  const [state, setState] = useState<{ busy: boolean; text: string; tone: 'subtle' | 'field-error' | 'text-success' }>({ busy: false, text: '', tone: 'subtle' });
  async function run() {
    let cursor: string | undefined;
    for (;;) {
      setState({ busy: true, text: 'Checking the history…', tone: 'subtle' });
      const r = await verify(cursor);
      if (!r.ok) return setState({ busy: false, text: r.error.message, tone: 'field-error' });
      const c = r.data;
      if (!c.ok) return setState({ busy: false, text: `The history was changed: ${c.reason}.`, tone: 'field-error' });
      if (!c.cursor) return setState({ busy: false, text: `All ${c.count} entries are intact.`, tone: 'text-success' });
      setState({ busy: true, text: `Checked ${c.count} of ${c.total ?? '…'} entries…`, tone: 'subtle' });
      cursor = c.cursor;
    }
  }
  return (
    <p>
      <button type="button" className="btn" onClick={() => void run()} disabled={state.busy} data-testid="verify-history">
        Verify history
      </button>{' '}
      <span role="status" className={state.tone} data-testid="verify-result">
        {state.text}
      </span>
    </p>
  );
}

/** The audit trail, newest first, loaded only when someone opens it (the first render stays one invoke). */
export function History({ load, verify, l, actionLabels }: { load: (cursor?: string) => Promise<Result<HistoryPage>>; verify?: Verify; l: Locale; actionLabels?: Record<string, string> }) {
  const { entries, names, cursor, busy, error, more } = useHistoryPages(load);

  if (entries === null) {
    return (
      <button type="button" className="btn" onClick={() => void more()} disabled={busy} data-testid="show-history">
        {busy ? 'Loading history…' : 'Show history'}
      </button>
    );
  }
  return (
    <div className="history" data-testid="history">
      {verify && <VerifyTrail verify={verify} />}
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
