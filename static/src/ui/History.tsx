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

// Each entry read is a quota unit: a trail of thousands spends the site's minute of read units, and the check
// waits for the next minute this many times at most before it gives up.
const MAX_QUOTA_WAITS = 30;
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Checks the whole trail: a long one is checked a part per call (each well inside Forge's time limit), so this
 * keeps calling with the cursor each answer gives until the check is complete or finds a broken link. When the
 * storage quota of the minute is spent, it waits as the answer says and goes on from where it was.
 */
export function VerifyTrail({ verify }: { verify: Verify }) {
  const [state, setState] = useState<{ busy: boolean; text: string; tone: 'subtle' | 'field-error' | 'text-success' }>({ busy: false, text: '', tone: 'subtle' });
  async function run() {
    let cursor: string | undefined;
    let checked = '';
    let waits = 0;
    for (;;) {
      setState({ busy: true, text: checked || 'Checking the history…', tone: 'subtle' });
      const r = await verify(cursor);
      if (!r.ok && r.error.code === 'RATE_LIMITED' && waits < MAX_QUOTA_WAITS) {
        waits++;
        const ms = r.error.retryAfterMs ?? 5000;
        setState({ busy: true, text: `${checked ? `${checked} ` : ''}The site's storage quota for this minute is used up: continuing in ${Math.ceil(ms / 1000)} s.`, tone: 'subtle' });
        await wait(ms);
        continue;
      }
      if (!r.ok) return setState({ busy: false, text: r.error.message, tone: 'field-error' });
      const c = r.data;
      if (!c.ok) return setState({ busy: false, text: `The history was changed: ${c.reason}.`, tone: 'field-error' });
      if (!c.cursor) return setState({ busy: false, text: `All ${c.count} entries are intact.`, tone: 'text-success' });
      checked = `Checked ${c.count} of ${c.total ?? '…'} entries…`;
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
/** The next (older) page of a trail, while there is one. */
export function ShowOlder({ pages: { cursor, busy, more } }: { pages: ReturnType<typeof useHistoryPages> }) {
  if (!cursor) return null;
  return (
    <button type="button" className="btn" onClick={() => void more(cursor)} disabled={busy}>
      {busy ? 'Loading…' : 'Show older'}
    </button>
  );
}

/** `autoLoad`: read the first page at once (the viewer already asked for the history). */
export function History({ load, verify, l, actionLabels, autoLoad = false }: { load: (cursor?: string) => Promise<Result<HistoryPage>>; verify?: Verify; l: Locale; actionLabels?: Record<string, string>; autoLoad?: boolean }) {
  const pages = useHistoryPages(load, { auto: autoLoad });
  const { entries, names, busy, error, more } = pages;

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
      <ShowOlder pages={pages} />
    </div>
  );
}
