import { useState } from 'react';
import type { OutputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import { defang, INDICATOR_TYPE_LABELS, STIX_EXPRESSION_NOTES, toStixBundle, type IndicatorType } from '../../../src/domain/indicators';
import { effectiveTlp, isStricterTlp, TLP_LABELS, TLP_LEVELS, type Tlp } from '../../../src/domain/tlp';
import { TlpLozenge } from '../ui/TlpLozenge';
import { INDICATOR_NOTE_MAX, MAX_INDICATORS, type StoredIndicator } from '../../../src/domain/report';
import { indicatorsToCsv } from '../../../src/domain/indicator-csv';
import { panelApi } from '../api';
import { download } from '../ui/download';
import { flag } from '../ui/flags';
import { fromLocalInput, toLocalInput, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';
import type { Indicators } from './useIndicators';
import { ErrorState, Loading } from '../ui/states';

type Changed = (data: OutputOf<typeof PANEL.updateIndicator>, message: string) => void;

interface PasteResult {
  added: number;
  rejected: { line: number; text: string; reason: string }[];
  duplicates: { line: number; value: string }[];
}

function Row({ ind, version, incidentTlp, l, onChanged, onProblem }: { ind: StoredIndicator; version: number; incidentTlp: Tlp; l: Locale; onChanged: Changed; onProblem: (code: string, message: string) => void }) {
  const own = ind.tlp ?? '';
  const [note, setNote] = useState(ind.note);
  const [firstSeen, setFirstSeen] = useState(ind.firstSeen);
  const [tlp, setTlp] = useState<Tlp | ''>(own);
  const [busy, setBusy] = useState(false);
  const changed = note !== ind.note || firstSeen !== ind.firstSeen || tlp !== own;
  // Only stricter than the incident's: a looser marking would be overruled anyway. A marking the incident
  // has since caught up with stays listed so the select shows what is stored.
  const stricter = TLP_LEVELS.filter((t) => isStricterTlp(t, incidentTlp) || t === own);
  async function run(call: () => ReturnType<typeof panelApi<'updateIndicator'>>, message: string) {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (r.ok) onChanged(r.data, message);
    else onProblem(r.error.code, r.error.message);
  }
  const shown = defang(ind.value, ind.type);
  async function copy() {
    // The value as recorded (not defanged): what a blocklist or a search needs.
    try {
      await navigator.clipboard.writeText(ind.value);
      flag('success', 'Indicator copied', 'The value as recorded, not defanged.');
    } catch {
      flag('warning', "Couldn't copy here", 'Select the value and copy it yourself.');
    }
  }
  return (
    <tr data-testid="indicator-row">
      <td data-label="Type">{INDICATOR_TYPE_LABELS[ind.type]}</td>
      <td data-label="Indicator (defanged)" className="mono indicator-value">
        {shown}
      </td>
      <td data-label="Marking">
        <TlpLozenge tlp={effectiveTlp(incidentTlp, own)} />
        <select aria-label={`Marking: ${shown}`} value={tlp} onChange={(e) => setTlp(e.target.value as Tlp | '')}>
          <option value="">As the incident</option>
          {stricter.map((t) => (
            <option key={t} value={t}>
              {TLP_LABELS[t]}
            </option>
          ))}
        </select>
      </td>
      <td data-label="First seen">
        <input type="datetime-local" aria-label={`First seen: ${shown}`} value={toLocalInput(firstSeen, l.timeZone)} onChange={(e) => setFirstSeen(fromLocalInput(e.target.value, l.timeZone))} />
      </td>
      <td data-label="Note" className="indicator-note">
        <textarea aria-label={`Note: ${shown}`} rows={1} maxLength={INDICATOR_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
      </td>
      <td className="row indicator-actions">
        <button type="button" className="btn" disabled={!changed || busy} onClick={() => void run(() => panelApi('updateIndicator', { version, id: ind.id, note, firstSeen, tlp }), 'Indicator saved')}>
          Save
        </button>
        <button type="button" className="btn btn-subtle" aria-label={`Copy ${shown}`} onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="btn btn-subtle" disabled={busy} aria-label={`Remove ${shown}`} onClick={() => void run(() => panelApi('removeIndicators', { version, ids: [ind.id] }), 'Indicator removed')}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** Indicators of compromise: bulk paste, classified and deduplicated, shown defanged, exported as CSV or STIX 2.1. */
export default function IndicatorsTab({ incident, indicators, ...rest }: Saved & { indicators: Indicators; issueKey: string; organization: string; l: Locale; readOnly: boolean }) {
  if (indicators.error) return <ErrorState message={`The indicators could not be read: ${indicators.error}`} onRetry={indicators.retry} />;
  if (!indicators.list) return <Loading label="Loading the indicators…" />;
  const onChanged: Changed = (data, message) => {
    indicators.saved(data.incident.version, data.indicators);
    rest.onSaved(data.incident, message);
  };
  return <IndicatorsList {...rest} incident={incident} list={indicators.list} onChanged={onChanged} />;
}

function IndicatorsList({ incident, list, issueKey, organization, l, readOnly, onChanged, onConflict, onError }: Omit<Saved, 'onSaved'> & { list: StoredIndicator[]; onChanged: Changed; issueKey: string; organization: string; l: Locale; readOnly: boolean }) {
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
    onChanged(r.data, `${r.data.added} indicator${r.data.added === 1 ? '' : 's'} added`);
  }

  const incidentTlp = incident.report.tlp;
  // Types on the incident that reach STIX partly through custom properties, said before the download.
  const customTypes = [...new Set(list.map((i) => i.type))].filter((t): t is IndicatorType => STIX_EXPRESSION_NOTES[t] !== undefined);
  const downloadStix = () => {
    // Inputs refuse dates STIX cannot write; a record from before that rule would say so here, not crash.
    try {
      download(`${issueKey}-indicators.stix.json`, JSON.stringify(stix(), null, 2), 'application/json');
    } catch (e) {
      onError(e instanceof RangeError ? `No STIX file: ${e.message}.` : 'The STIX file could not be written.');
    }
  };
  const stix = () =>
    toStixBundle(
      list.map((i) => ({ type: i.type, value: i.value, addedAt: new Date(i.addedAt), tlp: i.tlp, ...(i.editedAt ? { editedAt: new Date(i.editedAt) } : {}), ...(i.firstSeen ? { firstSeen: new Date(i.firstSeen) } : {}) })),
      { incidentKey: issueKey, now: new Date(), tlp: incidentTlp, organization },
    );
  return (
    <div className="indicators">
      {!readOnly && (
        <section aria-labelledby="paste-h">
          <h2 id="paste-h">Add indicators</h2>
          <label htmlFor="ioc-paste" className="subtle">
            One per line, any mix: account IDs, IP addresses and ranges, URLs, domains, API endpoints, emails, method and path (POST /rest/api/3/issue/bulk), scope and egress changes (scope added: read:jira-user, egress added: *.example.net), SHA-256/SHA-1/MD5 hashes. Defanged input (hxxp, [.]) is fine.
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
      )}
      <section aria-labelledby="list-h">
        <div className="row">
          <h2 id="list-h">Indicators</h2>
          <button type="button" className="btn" disabled={list.length === 0} onClick={() => download(`${issueKey}-indicators.csv`, indicatorsToCsv(list, { incidentTlp }), 'text/csv')}>
            Download CSV
          </button>
          <button
            type="button"
            className="btn"
            disabled={list.length === 0}
            onClick={() =>
              downloadStix()
            }
          >
            Download STIX 2.1
          </button>
          <span className="subtle">
            Marked <TlpLozenge tlp={incidentTlp} testId="indicators-tlp" /> (set on the Report tab)
          </span>
        </div>
        {customTypes.length > 0 && (
          <ul className="subtle" data-testid="stix-notes">
            {customTypes.map((t) => (
              <li key={t}>
                <strong>{INDICATOR_TYPE_LABELS[t]}:</strong> {STIX_EXPRESSION_NOTES[t]}
              </li>
            ))}
          </ul>
        )}
        {list.length === 0 ? (
          <p className="empty">{readOnly ? 'No indicators recorded on this incident.' : 'No indicators yet. Paste the ones you have above (addresses, URLs, account IDs, hashes…): each is checked and shown defanged.'}</p>
        ) : (
          <table className="indicator-table">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Indicator (defanged)</th>
                <th scope="col">Marking</th>
                <th scope="col">First seen</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((ind) => (
                <Row key={`${ind.id}:${incident.version}`} ind={ind} version={incident.version} incidentTlp={incidentTlp} l={l} onChanged={onChanged} onProblem={onProblem} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
