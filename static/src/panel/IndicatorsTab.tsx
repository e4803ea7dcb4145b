import { useState } from 'react';
import type { IncidentViewData } from '../../../src/contract/incident';
import { defang, INDICATOR_TYPE_LABELS, toStixBundle } from '../../../src/domain/indicators';
import { INDICATOR_NOTE_MAX, MAX_INDICATORS, type StoredIndicator } from '../../../src/domain/report';
import { indicatorsToCsv } from '../../../src/domain/indicator-csv';
import { panelApi } from '../api';
import { download } from '../ui/download';
import { fromLocalInput, toLocalInput, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';

interface PasteResult {
  added: number;
  rejected: { line: number; text: string; reason: string }[];
  duplicates: { line: number; value: string }[];
}

function Row({ ind, version, l, onSaved, onProblem }: { ind: StoredIndicator; version: number; l: Locale; onSaved: Saved['onSaved']; onProblem: (code: string, message: string) => void }) {
  const [note, setNote] = useState(ind.note);
  const [firstSeen, setFirstSeen] = useState(ind.firstSeen);
  const [busy, setBusy] = useState(false);
  const changed = note !== ind.note || firstSeen !== ind.firstSeen;
  async function run(call: () => ReturnType<typeof panelApi<'updateIndicator'>>, message: string) {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (r.ok) onSaved(r.data, message);
    else onProblem(r.error.code, r.error.message);
  }
  const shown = defang(ind.value, ind.type);
  return (
    <tr data-testid="indicator-row">
      <td>{INDICATOR_TYPE_LABELS[ind.type]}</td>
      <td className="mono">{shown}</td>
      <td>
        <input type="datetime-local" aria-label={`First seen: ${shown}`} value={toLocalInput(firstSeen, l.timeZone)} onChange={(e) => setFirstSeen(fromLocalInput(e.target.value, l.timeZone))} />
      </td>
      <td>
        <textarea aria-label={`Note: ${shown}`} rows={1} maxLength={INDICATOR_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
      </td>
      <td className="row">
        <button type="button" className="btn" disabled={!changed || busy} onClick={() => void run(() => panelApi('updateIndicator', { version, id: ind.id, note, firstSeen }), 'Indicator saved')}>
          Save
        </button>
        <button type="button" className="btn btn-subtle" disabled={busy} aria-label={`Remove ${shown}`} onClick={() => void run(() => panelApi('removeIndicators', { version, ids: [ind.id] }), 'Indicator removed')}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** Indicators of compromise: bulk paste, classified and deduplicated, shown defanged, exported as CSV or STIX 2.1. */
export default function IndicatorsTab({ incident, issueKey, l, onSaved, onConflict, onError }: Saved & { issueKey: string; l: Locale }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PasteResult | null>(null);
  const onProblem = (code: string, message: string) => (code === 'CONFLICT' ? onConflict(message, null) : onError(message));

  async function add() {
    setBusy(true);
    const r = await panelApi('addIndicators', { version: incident.version, text });
    setBusy(false);
    if (!r.ok) return onProblem(r.error.code, r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
    setResult(r.data);
    setText(r.data.rejected.map((x) => x.text).join('\n'));
    onSaved(r.data.incident, `${r.data.added} indicator${r.data.added === 1 ? '' : 's'} added`);
  }

  const list: IncidentViewData['indicators'] = incident.indicators;
  return (
    <div className="indicators">
      <section aria-labelledby="paste-h">
        <h2 id="paste-h">Add indicators</h2>
        <label htmlFor="ioc-paste" className="subtle">
          One per line, any mix: account IDs, IP addresses and ranges, URLs, domains, API endpoints, emails. Defanged input (hxxp, [.]) is fine.
        </label>
        <textarea id="ioc-paste" rows={5} value={text} onChange={(e) => setText(e.target.value)} data-testid="ioc-paste" />
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => void add()} disabled={busy || !text.trim()}>
            {busy ? 'Adding…' : 'Add indicators'}
          </button>
          <span className="subtle">
            {list.length} of {MAX_INDICATORS}
          </span>
        </div>
        {result && (
          <div className={`banner${result.rejected.length ? ' banner-warning' : ''}`} role="status" data-testid="paste-result">
            <p>
              {result.added} added
              {result.duplicates.length > 0 && `, ${result.duplicates.length} already listed`}
              {result.rejected.length > 0 && `, ${result.rejected.length} not recognised (left in the box above)`}.
            </p>
            {result.rejected.length > 0 && (
              <ul>
                {result.rejected.map((x) => (
                  <li key={x.line}>
                    Line {x.line}: <code>{x.text}</code> — {x.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      <section aria-labelledby="list-h">
        <div className="row">
          <h2 id="list-h">Indicators</h2>
          <button type="button" className="btn" disabled={list.length === 0} onClick={() => download(`${issueKey}-indicators.csv`, indicatorsToCsv(list), 'text/csv')}>
            Download CSV
          </button>
          <button
            type="button"
            className="btn"
            disabled={list.length === 0}
            onClick={() =>
              download(
                `${issueKey}-indicators.stix.json`,
                JSON.stringify(toStixBundle(list.map((i) => ({ type: i.type, value: i.value, ...(i.firstSeen ? { firstSeen: new Date(i.firstSeen) } : {}) })), { incidentKey: issueKey, now: new Date() }), null, 2),
                'application/json',
              )
            }
          >
            Download STIX 2.1
          </button>
        </div>
        {list.length === 0 ? (
          <p className="empty">No indicators yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Indicator (defanged)</th>
                <th scope="col">First seen</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((ind) => (
                <Row key={`${ind.id}:${incident.version}`} ind={ind} version={incident.version} l={l} onSaved={onSaved} onProblem={onProblem} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
