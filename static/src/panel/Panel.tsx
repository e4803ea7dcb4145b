import { lazy, Suspense, useCallback, useState } from 'react';
import { panelApi } from '../api';
import type { ViewContext } from '../boot';
import type { IncidentViewData } from '../../../src/contract/incident';
import type { OutputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import { diffFields } from '../../../src/domain/audit-trail';
import { REPORT_FIELD_LABELS, SECTION_LABELS, type PartnerReport } from '../../../src/domain/report';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';
import { Flag, type FlagMessage } from '../ui/Flag';
import { Tabs } from '../ui/Tabs';
import { History } from '../ui/History';
import { ReportForm } from './ReportForm';
import { TlpLozenge } from '../ui/TlpLozenge';
import { IrNotes } from './IrNotes';
import { NewerContacts, PartnerPicker } from './PartnerPicker';

// Loaded when opened, so the panel's first render only needs the report form.
const IndicatorsTab = lazy(() => import('./IndicatorsTab'));
const ReportExport = lazy(() => import('./ReportExport'));
const TriageTab = lazy(() => import('./TriageTab'));
const ObligationsTab = lazy(() => import('./ObligationsTab'));
const LogSharingTab = lazy(() => import('./LogSharingTab'));

type Load = OutputOf<typeof PANEL.load>;
type TabKey = 'report' | 'indicators' | 'triage' | 'obligations' | 'log-sharing' | 'export' | 'history';

const ACTIONS: Record<string, string> = {
  'report.save': 'saved the report',
  'report.irNotes': 'changed the IR notes',
  'indicators.add': 'added indicators',
  'indicators.edit': 'edited an indicator',
  'indicators.remove': 'removed indicators',
  'triage.save': 'saved triage',
  'channels.save': 'recorded a collaboration channel',
  'phase.move': 'moved the phase',
  'outreach.record': 'recorded an outreach',
  'outreach.acknowledge': 'recorded an acknowledgment',
  'clock.claim': 'started a reminder',
  'clock.reminder': 'posted a reminder comment',
  'mitigations.save': 'saved mitigations',
  'customers.notified': 'recorded the customer notification',
  'rootCause.save': 'updated the root cause analysis',
  'logRequest.propose': 'proposed a log request',
  'logRequest.accept': 'accepted a log request',
  'logRequest.decline': 'declined a log request',
  'logRequest.request-legal-approval': 'requested Legal/Privacy approval',
  'logRequest.approve-legal': 'recorded Legal/Privacy approval',
  'logRequest.deny-legal': 'recorded a Legal/Privacy denial',
  'logRequest.deliver': 'recorded a log delivery',
  'logRequest.receive': 'acknowledged receipt of shared logs',
  'logRequest.deleted': 'attested deletion of shared logs',
  'logRequest.hold': 'placed a legal hold',
  'logRequest.release': 'lifted a legal hold',
  'logSharing.facts': 'saved log-sharing determinations',
  'retention.claim': 'started a retention reminder',
  'retention.reminder': 'posted a retention reminder',
  'incident.partner': 'set the incident\u2019s partner',
};

export function Panel({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => panelApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading the incident…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return <IncidentPanel key={state.data.incident.version} data={state.data} ctx={ctx} reload={reload} />;
}

function Completeness({ missing }: { missing: IncidentViewData['missing'] }) {
  if (missing.length === 0) return <p className="status status-done" data-testid="completeness">The report has everything the program asks for.</p>;
  const sections = [...new Set(missing.map((m) => m.section))];
  return (
    <details className="status status-warning" data-testid="completeness">
      <summary>
        The report still lacks {missing.length} field{missing.length === 1 ? '' : 's'}, in {sections.map((s) => SECTION_LABELS[s as keyof typeof SECTION_LABELS] ?? s).join(', ')}. A partial report is fine: update it as you learn more.
      </summary>
      <ul className="missing-list">
        {missing.map((m) => (
          <li key={m.path}>{m.label}</li>
        ))}
      </ul>
    </details>
  );
}

function ConflictBanner({ message, lost }: { message: string; lost: { path: string; after?: unknown }[] }) {
  return (
    <div className="banner banner-warning" role="alert" data-testid="conflict">
      <p>{message}</p>
      {lost.length > 0 && (
        <>
          <p>Your unsaved values, to re-enter if they still apply:</p>
          <ul>
            {lost.map((c) => (
              <li key={c.path}>
                {REPORT_FIELD_LABELS[c.path as keyof typeof REPORT_FIELD_LABELS] ?? c.path}: <code>{typeof c.after === 'string' ? c.after || '(empty)' : JSON.stringify(c.after)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function IncidentPanel({ data: loaded, ctx, reload }: { data: Load; ctx: ViewContext; reload: () => void }) {
  const [data, setData] = useState(loaded);
  const [incident, setIncident] = useState(data.incident);
  const [tab, setTab] = useState<TabKey>('report');
  const [flag, setFlag] = useState<FlagMessage | null>(null);
  const [conflict, setConflict] = useState<{ message: string; lost: { path: string; after?: unknown }[] } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const closeFlag = useCallback(() => setFlag(null), []);
  const isIr = data.viewer.role === 'ir';
  // Someone who can browse the ticket but is neither IR staff nor one of its partner's people reads only.
  const readOnly = data.viewer.role === 'viewer';

  async function takeNewContacts() {
    if (!data.prefill.contacts) return;
    const { irNotes: _internal, ...report } = incident.report;
    const r = await panelApi('saveReport', { version: incident.version, report: { ...report, contacts: data.prefill.contacts } });
    if (!r.ok) return setFlag({ kind: 'error', text: r.error.message });
    setFlag({ kind: 'success', text: 'The report names the new contacts' });
    reload();
  }

  const handlers = {
    incident,
    onSaved: (next: IncidentViewData, message: string) => {
      setIncident(next);
      setConflict(null);
      setFlag({ kind: 'success', text: message });
    },
    onConflict: async (message: string, mine: PartnerReport | null) => {
      const r = await panelApi('load', {});
      if (!r.ok) return setFlag({ kind: 'error', text: r.error.message });
      const { irNotes: _internal, ...newer } = r.data.incident.report;
      setIncident(r.data.incident);
      setFormKey((k) => k + 1);
      setConflict({ message, lost: mine ? diffFields(newer, mine) : [] });
    },
    onError: (message: string) => setFlag({ kind: 'error', text: message }),
  };

  return (
    <div className="module">
      <div className="row">
        <ViewerBadge viewer={data.viewer} />
        <span className="subtle" data-testid="issue">
          Incident record for <strong>{data.issue.key}</strong>
        </span>
        <TlpLozenge tlp={incident.report.tlp} testId="incident-tlp" />
      </div>
      {readOnly && (
        <p className="banner" data-testid="read-only">
          You can read this incident&apos;s shared record. Only Atlassian IR staff and the people of the incident&apos;s partner (with edit permission on this ticket) can change it.
        </p>
      )}
      {isIr && (
        <PartnerPicker
          data={data}
          l={ctx}
          onChanged={(next) => {
            setData(next);
            setIncident(next.incident);
            setFormKey((k) => k + 1);
          }}
        />
      )}
      {!readOnly && <NewerContacts data={data} l={ctx} onTake={() => void takeNewContacts()} />}
      <Completeness missing={incident.missing} />
      {conflict && <ConflictBanner {...conflict} />}
      <Tabs
        tabs={[
          { key: 'report', label: 'Report' },
          { key: 'indicators', label: `Indicators (${incident.indicators.length})` },
          { key: 'triage', label: 'Triage' },
          { key: 'obligations', label: 'Acknowledgment & responsibilities' },
          { key: 'log-sharing', label: 'Log sharing' },
          { key: 'export', label: 'Report for Atlassian' },
          { key: 'history', label: 'History' },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        <Suspense fallback={<Loading label="Loading…" />}>
          {tab === 'report' && (
            <>
              <ReportForm key={`report-${formKey}`} {...handlers} prefill={data.prefill} l={ctx} readOnly={readOnly} />
              {isIr && <IrNotes key={`notes-${formKey}`} {...handlers} />}
            </>
          )}
          {tab === 'indicators' && (
            <fieldset className="plain" disabled={readOnly}>
              <IndicatorsTab {...handlers} issueKey={data.issue.key} organization={isIr ? 'Atlassian Security' : incident.report.app.name ? `${incident.report.app.name} (Marketplace partner)` : 'Marketplace partner'} l={ctx} />
            </fieldset>
          )}
          {tab === 'triage' && <TriageTab key={`triage-${formKey}`} {...handlers} isIr={isIr} l={ctx} />}
          {tab === 'obligations' && (
            <fieldset className="plain" disabled={readOnly}>
              <ObligationsTab key={`ob-${formKey}`} {...handlers} serverNow={data.serverNow} isIr={isIr} l={ctx} />
            </fieldset>
          )}
          {tab === 'log-sharing' && (
            <fieldset className="plain" disabled={readOnly}>
              <LogSharingTab key={`ls-${formKey}`} {...handlers} isIr={isIr} l={ctx} />
            </fieldset>
          )}
          {tab === 'export' && <ReportExport incident={incident} issueKey={data.issue.key} />}
          {tab === 'history' && <History key={incident.version} load={(cursor) => panelApi('history', cursor ? { cursor } : {})} verify={isIr ? (cursor) => panelApi('verifyHistory', cursor ? { cursor } : {}) : undefined} l={ctx} actionLabels={ACTIONS} />}
        </Suspense>
      </Tabs>
      <Flag flag={flag} onClose={closeFlag} />
    </div>
  );
}
