import { useState, type ReactNode } from 'react';
import { router } from '@forge/bridge';
import { adminApi } from '../api';
import type { SelfTest, SiteCheck } from '../../../src/contract/site';
import { formatDateTime, type Locale } from '../ui/format';

type Run<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; data: T } | { state: 'failed'; message: string };

/** Runs one admin check on demand; the last answer stays on the page until run again. */
function useRun<T>(call: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): [Run<T>, () => Promise<void>] {
  const [run, setRun] = useState<Run<T>>({ state: 'idle' });
  const start = async () => {
    setRun({ state: 'running' });
    const r = await call();
    setRun(r.ok ? { state: 'done', data: r.data } : { state: 'failed', message: r.error.message });
  };
  return [run, start];
}

/** One check: a heading, what it does, a button that runs it, and its last answer (announced politely). */
function CheckSection<T>({ id, title, intro, label, busyLabel, run, start, children }: { id: string; title: string; intro: string; label: string; busyLabel: string; run: Run<T>; start: () => Promise<void>; children: (data: T) => ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>{title}</h2>
      <p className="subtle">{intro}</p>
      <div className="row">
        <button type="button" className="btn" onClick={() => void start()} disabled={run.state === 'running'}>
          {run.state === 'running' ? busyLabel : label}
        </button>
      </div>
      <div aria-live="polite">
        {run.state === 'failed' && <p className="state-error">{run.message}</p>}
        {run.state === 'done' && children(run.data)}
      </div>
    </section>
  );
}

/** The settings page's checks of this site: tickets the app cannot see, and the platform's KVS behaviour. */
export function SiteSection({ l }: { l: Locale }) {
  const [check, runCheck] = useRun<SiteCheck>(() => adminApi('siteCheck', {}));
  const [test, runTest] = useRun<SelfTest>(() => adminApi('platformSelfTest', {}));
  return (
    <>
      <CheckSection id="site-check" title="Site check" intro="Looks up every incident ticket as the app. A ticket with a security level the app is not part of gets no reminders and no searchable property." label="Check the site" busyLabel="Checking…" run={check} start={runCheck}>
        {(data) => <SiteCheckResult data={data} l={l} />}
      </CheckSection>
      <CheckSection id="self-test" title="Platform self-test" intro="Checks, in scratch storage it removes afterwards, each storage behaviour the app assumes but Forge does not document." label="Run the self-test" busyLabel="Testing…" run={test} start={runTest}>
        {(data) => <SelfTestResult data={data} l={l} />}
      </CheckSection>
    </>
  );
}

function SiteCheckResult({ data, l }: { data: SiteCheck; l: Locale }) {
  const when = formatDateTime(data.checkedAt, l);
  const revived =
    data.revived > 0 ? (
      <p data-testid="site-check-revived">
        {data.revived === 1 ? '1 incident' : `${data.revived} incidents`} the reminders had set aside as out of reach {data.revived === 1 ? 'is' : 'are'} visible again: {data.revived === 1 ? 'its' : 'their'} reminders resume.
      </p>
    ) : null;
  if (data.hidden.length === 0) {
    return (
      <div role="status" data-testid="site-check-result">
        <p>
          <span className="lozenge status-current">OK</span> The app sees all {data.incidents} incident tickets{data.complete ? '' : ' checked (the first ones; run again after fixing)'}. Checked {when}.
        </p>
        {revived}
      </div>
    );
  }
  return (
    <div className="problems" role="alert" data-testid="site-check-result">
      <p>
        The app cannot see {data.hidden.length} of {data.incidents} incident tickets (checked {when}):
      </p>
      <ul>
        {data.hidden.map((h) => (
          <li key={h.issueId}>
            <a
              href={`/browse/${encodeURIComponent(h.issueKey)}`}
              onClick={(e) => {
                e.preventDefault();
                void router.navigate({ target: 'issue', issueKey: h.issueKey });
              }}
            >
              {h.issueKey}
            </a>
          </li>
        ))}
      </ul>
      <p data-testid="site-check-fix">
        <strong>To fix:</strong> {data.fix}
      </p>
      {revived}
    </div>
  );
}

function SelfTestResult({ data, l }: { data: SelfTest; l: Locale }) {
  return (
    <div data-testid="self-test-result">
      <p className="subtle">
        Ran {formatDateTime(data.ranAt, l)}. {data.cleanedUp ? 'Scratch data removed.' : 'Some scratch data could not be removed; it holds no incident data.'}
      </p>
      <ul className="history-list">
        {data.assumptions.map((a) => (
          <li key={a.id} data-testid={`assumption-${a.id}`} data-holds={a.holds}>
            <p>
              <span className={`lozenge ${a.holds ? 'status-current' : 'status-warning'}`}>{a.holds ? 'Holds' : 'Does not hold'}</span> <strong>{a.title}</strong>
            </p>
            <p className="subtle">Observed: {a.observed}</p>
            <p>What the app does: {a.holds ? a.ifHolds : a.ifNot}</p>
            <p className="subtle">Source: {a.source}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
