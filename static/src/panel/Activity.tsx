import { useState } from 'react';
import { useHistoryPages } from '../ui/useHistoryPages';
import { ShowOlder } from '../ui/History';
import type { Viewer } from '../../../src/contract/common';
import { panelApi } from '../api';
import { formatDateTime, relativeTime, type Locale } from '../ui/format';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, activityKind, activityVerb, changeLines, type ActivityKind } from './activity-text';

/**
 * One timeline of what happened on the incident, loaded when the tab opens: names instead of account IDs,
 * relative times with the absolute one on hover, filters by kind. Partners get the server's redacted trail.
 */
export default function Activity({ role, l }: { role: Viewer['role']; l: Locale }) {
  const pages = useHistoryPages((from) => panelApi('history', from ? { cursor: from } : {}), { auto: true });
  const { entries, names, error } = pages;
  const [now] = useState(() => Date.now());
  const [shown, setShown] = useState<Set<ActivityKind>>(() => new Set(ACTIVITY_KINDS));

  const visible = (entries ?? []).filter((e) => shown.has(activityKind(e)));
  return (
    <section aria-labelledby="activity-h" data-testid="activity">
      <h2 id="activity-h">Activity</h2>
      <fieldset className="filters-row">
        <legend>Show</legend>
        <div className="row">
          {ACTIVITY_KINDS.map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" checked={shown.has(k)} onChange={(e) => setShown((s) => (e.target.checked ? new Set([...s, k]) : new Set([...s].filter((x) => x !== k))))} /> {ACTIVITY_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="banner banner-warning" role="alert">
          The activity could not be loaded: {error} It is still recorded; reload the page to try again.
        </p>
      )}
      {entries === null && !error && <p className="subtle">Loading the activity…</p>}
      {entries !== null && visible.length === 0 && <p className="empty">{entries.length === 0 ? 'Nothing has happened on this incident yet.' : 'Nothing of the chosen kinds.'}</p>}
      <ol className="timeline">
        {visible.map((e) => (
          <li key={e.seq} data-testid="history-entry">
            <p className="history-head">
              <strong>{names[e.actor] ?? (e.actor === 'app' || !e.actor ? 'The app' : role === 'ir' ? 'A former user' : 'Someone')}</strong> {activityVerb(e)}{' '}
              <time dateTime={e.at} title={formatDateTime(e.at, l)}>
                {relativeTime(Date.parse(e.at), now, l.locale)}
              </time>
            </p>
            {e.note && <p className="subtle">{e.note}</p>}
            {changeLines(e, (iso) => formatDateTime(iso, l)).length > 0 && (
              <ul className="changes">
                {changeLines(e, (iso) => formatDateTime(iso, l)).map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <ShowOlder pages={pages} />
    </section>
  );
}
