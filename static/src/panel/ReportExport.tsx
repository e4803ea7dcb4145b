import { useState } from 'react';
import type { IncidentViewData } from '../../../src/contract/incident';
import { reportForAtlassian } from '../../../src/domain/report';
import { ErrorState, Loading } from '../ui/states';
import type { Indicators } from './useIndicators';

/** The report in the program's field order as Markdown for the developer support portal, with a copy button. */
export default function ReportExport({ incident, indicators, issueKey, isIr }: { incident: IncidentViewData; indicators: Indicators; issueKey: string; isIr: boolean }) {
  const { irNotes: _internal, ...partnerView } = incident.report;
  const text = indicators.list && reportForAtlassian({ ...partnerView, irNotes: '' }, indicators.list, { incidentKey: issueKey, attachmentNames: incident.attachmentNames });
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section aria-labelledby="export-h">
      <div className="row">
        <h2 id="export-h">Report for Atlassian</h2>
        <button type="button" className="btn" disabled={text === null} onClick={() => void copy()}>
          Copy
        </button>
        <span role="status" className="subtle">
          {copied === 'copied' ? 'Copied to the clipboard' : copied === 'failed' ? 'Copying is blocked here: select the text and copy it yourself' : ''}
        </span>
      </div>
      <p className="subtle">
        {isIr ? "The partner's report in the program's field order, as the partner copies it for the developer support portal. IR notes are never included." : 'Paste this into your ticket on the developer support portal. IR-internal notes are never included.'}
      </p>
      {indicators.error ? (
        <ErrorState message={`The report's indicators could not be read: ${indicators.error}`} onRetry={indicators.retry} />
      ) : text === null ? (
        <Loading label="Loading the report's indicators…" />
      ) : (
        <textarea className="report-text" readOnly value={text} aria-label="Report for Atlassian (Markdown)" data-testid="report-markdown" onFocus={(e) => e.currentTarget.select()} />
      )}
    </section>
  );
}
