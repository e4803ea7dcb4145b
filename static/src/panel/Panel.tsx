import { lazy, Suspense, useEffect, useState } from 'react';
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
import { flag } from '../ui/flags';
import { Tabs } from '../ui/Tabs';
import { SavedNote } from '../ui/SavedNote';
import { VerifyTrail } from '../ui/History';
import { ReportForm } from './ReportForm';
import { TlpLozenge } from '../ui/TlpLozenge';
import { IrNotes } from './IrNotes';
import { NewerContacts, PartnerPicker } from './PartnerPicker';
import { Overview } from './Overview';
import { useIndicators } from './useIndicators';

// Loaded when opened, so the panel's first render only needs the Overview.
const IndicatorsTab = lazy(() => import('./IndicatorsTab'));
const ReportExport = lazy(() => import('./ReportExport'));
const TriageTab = lazy(() => import('./TriageTab'));
const Responsibilities = lazy(() => import('./Responsibilities'));
const LogSharingTab = lazy(() => import('./LogSharingTab'));
const Activity = lazy(() => import('./Activity'));
const CloseDialog = lazy(() => import('./CloseDialog'));

type Load = OutputOf<typeof PANEL.load>;
type TabKey = 'overview' | 'report' | 'indicators' | 'triage' | 'log-sharing' | 'activity';

export function Panel({ ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => panelApi('load', {}));
  return (
    <main className="module" aria-labelledby="panel-h">
      {state.status === 'loading' && <Loading label="Loading the incident…" />}
      {state.status === 'error' && <ErrorState message={state.message} onRetry={reload} />}
      {state.status === 'ready' && <IncidentPanel key={state.data.incident.version} data={state.data} ctx={ctx} reload={reload} />}
    </main>
  );
}

function Completeness({ missing, isPartner }: { missing: IncidentViewData['missing']; isPartner: boolean }) {
  if (missing.length === 0) return <p className="status status-done" data-testid="completeness">The report has everything the program asks for.</p>;
  const sections = [...new Set(missing.map((m) => m.section))];
  return (
    <details className="status status-warning" data-testid="completeness">
      <summary>
        The report still lacks {missing.length} field{missing.length === 1 ? '' : 's'}, in {sections.map((s) => SECTION_LABELS[s as keyof typeof SECTION_LABELS] ?? s).join(', ')}.{' '}
        {isPartner ? 'A partial report is fine: update it as you learn more.' : 'Ask the partner for them, or fill in what you know.'}
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
                {REPORT_FIELD_LABELS[c.path as keyof typeof REPORT_FIELD_LABELS] ?? c.path}: <span className="mono">{typeof c.after === 'string' ? c.after || '(empty)' : Array.isArray(c.after) ? c.after.join(', ') : String(c.after ?? '(empty)')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const READ_ONLY_NOTE =
  "You can read this incident's shared record. To change it, ask Atlassian IR staff (the incident-response group) or, if you work for the incident's partner, your Jira administrator to add you to your organization's group with edit permission on this ticket.";

function IncidentPanel({ data: loaded, ctx, reload }: { data: Load; ctx: ViewContext; reload: () => void }) {
  const [data, setData] = useState(loaded);
  const [incident, setIncident] = useState(data.incident);
  const [tab, setTab] = useState<TabKey>('overview');
  const [conflict, setConflict] = useState<{ message: string; lost: { path: string; after?: unknown }[] } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [reportDirty, setReportDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<{ at: number; what: string } | null>(null);
  const [closing, setClosing] = useState(false);
  const role = data.viewer.role;
  const isIr = role === 'ir';
  // Someone who can browse the ticket but is neither IR staff nor one of its partner's people reads only.
  const readOnly = role === 'viewer';

  // Leaving the page (another issue, a reload) with an unsaved report asks first, as Jira's own editors do.
  useEffect(() => {
    if (!reportDirty) return;
    const guard = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [reportDirty]);

  async function takeNewContacts() {
    if (!data.prefill.contacts) return;
    const { irNotes: _internal, ...report } = incident.report;
    const r = await panelApi('saveReport', { version: incident.version, report: { ...report, contacts: data.prefill.contacts } });
    if (!r.ok) return flag('error', "The new contacts weren't saved", r.error.message);
    flag('success', 'The report names the new contacts');
    reload();
  }

  // Read only for the tabs that show them (the Report tab's export lists them too).
  const indicators = useIndicators(incident, tab === 'indicators' || tab === 'report');

  const handlers = {
    incident,
    onSaved: (next: IncidentViewData, message: string) => {
      indicators.carry(incident.version, next.version, next.indicatorCount);
      setIncident(next);
      setConflict(null);
      setSavedAt({ at: Date.now(), what: message });
      flag('success', message);
    },
    onConflict: async (message: string, mine: PartnerReport | null) => {
      flag('warning', 'Someone else changed this incident', message);
      const r = await panelApi('load', {});
      if (!r.ok) return flag('error', "Couldn't load the newer version", r.error.message);
      const { irNotes: _internal, ...newer } = r.data.incident.report;
      setIncident(r.data.incident);
      setFormKey((k) => k + 1);
      setConflict({ message, lost: mine ? diffFields(newer, mine) : [] });
    },
    onError: (message: string) => flag('error', 'Nothing was saved', message),
  };

  const tabs: { key: TabKey; label: string }[] = [
    { key: 'overview', label: 'Overview' },
    { key: 'report', label: reportDirty ? 'Report •' : 'Report' },
    { key: 'indicators', label: `Indicators (${incident.indicatorCount})` },
    { key: 'triage', label: 'Triage' },
    { key: 'log-sharing', label: 'Log sharing' },
    { key: 'activity', label: 'Activity' },
  ];

  return (
    <>
      <header className="panel-head">
        <h1 id="panel-h" className="panel-title" data-testid="issue">
          Security incident {data.issue.key}
        </h1>
        <ViewerBadge viewer={data.viewer} />
        <TlpLozenge tlp={incident.report.tlp} testId="incident-tlp" />
        <SavedNote saved={savedAt} />
      </header>
      {readOnly && (
        <p className="banner" data-testid="read-only">
          {READ_ONLY_NOTE}
        </p>
      )}
      {conflict && <ConflictBanner {...conflict} />}
      <Tabs tabs={tabs} selected={tab} onSelect={setTab} keepMounted={['report']}>
        {(k) => (
          <Suspense fallback={<Loading label="Loading…" />}>
            {k === 'overview' && (
              <>
                <Overview {...handlers} data={data} l={ctx} serverNow={data.serverNow} onClose={() => setClosing(true)} />
                {isIr && (
                  <PartnerPicker
                    data={{ ...data, incident }}
                    l={ctx}
                    onChanged={(next) => {
                      setData(next);
                      setIncident(next.incident);
                      setFormKey((f) => f + 1);
                    }}
                  />
                )}
                {!readOnly && <NewerContacts data={data} l={ctx} onTake={() => void takeNewContacts()} />}
                <Responsibilities key={`resp-${formKey}`} {...handlers} isIr={isIr} readOnly={readOnly} l={ctx} />
              </>
            )}
            {k === 'report' && (
              <>
                <Completeness missing={incident.missing} isPartner={role === 'partner'} />
                <ReportForm key={`report-${formKey}`} {...handlers} prefill={data.prefill} l={ctx} readOnly={readOnly} onDirty={setReportDirty} />
                {isIr && <IrNotes key={`notes-${formKey}`} {...handlers} />}
                {tab === 'report' && <ReportExport incident={incident} indicators={indicators} issueKey={data.issue.key} isIr={isIr} />}
              </>
            )}
            {k === 'indicators' && (
              <fieldset className="plain" disabled={readOnly}>
                <legend className="sr-only">Indicators of compromise</legend>
                <IndicatorsTab {...handlers} indicators={indicators} readOnly={readOnly} issueKey={data.issue.key} organization={isIr ? 'Atlassian Security' : incident.report.app.name ? `${incident.report.app.name} (Marketplace partner)` : 'Marketplace partner'} l={ctx} />
              </fieldset>
            )}
            {k === 'triage' && <TriageTab key={`triage-${formKey}`} {...handlers} isIr={isIr} l={ctx} />}
            {k === 'log-sharing' && (
              <fieldset className="plain" disabled={readOnly}>
                <legend className="sr-only">Log sharing</legend>
                <LogSharingTab key={`ls-${formKey}`} {...handlers} isIr={isIr} l={ctx} />
              </fieldset>
            )}
            {k === 'activity' && (
              <>
                <Activity key={incident.version} role={role} l={ctx} />
                {isIr && <VerifyTrail verify={(cursor) => panelApi('verifyHistory', cursor ? { cursor } : {}, { quotaRetries: 0 })} />}
              </>
            )}
          </Suspense>
        )}
      </Tabs>
      {closing && (
        <Suspense fallback={null}>
          <CloseDialog {...handlers} l={ctx} serverNow={data.serverNow} onDone={() => setClosing(false)} />
        </Suspense>
      )}
    </>
  );
}
