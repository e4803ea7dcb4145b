import { useState } from 'react';
import type { IncidentViewData } from '../../../src/contract/incident';
import { reportForAtlassian } from '../../../src/domain/report';

/** The report in the program's field order as Markdown for the developer support portal, with a copy button. */
export default function ReportExport({ incident, issueKey, isIr }: { incident: IncidentViewData; issueKey: string; isIr: boolean }) {
  const { irNotes: _internal, ...partnerView } = incident.report;
  const text = reportForAtlassian({ ...partnerView, irNotes: '' }, incident.indicators, { incidentKey: issueKey, attachmentNames: incident.attachmentNames });
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
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
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy
        </button>
        <span role="status" className="subtle">
          {copied === 'copied' ? 'Copied to the clipboard' : copied === 'failed' ? 'Copying is blocked here: select the text and copy it yourself' : ''}
        </span>
      </div>
      <p className="subtle">
        {isIr ? "The partner's report in the program's field order, as the partner copies it for the developer support portal. IR notes are never included." : 'Paste this into your ticket on the developer support portal. IR-internal notes are never included.'}
      </p>
      <textarea className="report-text" readOnly value={text} aria-label="Report for Atlassian (Markdown)" data-testid="report-markdown" onFocus={(e) => e.currentTarget.select()} />
    </section>
  );
}
