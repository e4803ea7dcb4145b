import { useState } from 'react';
import type { LogRequestView } from '../../../src/contract/log-sharing';
import { TENANT_TIERS } from '../../../src/contract/log-sharing';
import { LOG_CATEGORIES, LOG_SHARING_REFUSALS, requiresLegalApproval, type LogCategoryId, type LogRequestState, type TenantTier } from '../../../src/domain/log-sharing';
import { panelApi } from '../api';
import type { InputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import { LegalDecisionForm, LegalState } from './LegalDecision';
import { DateTimeField, Checkbox, SelectField, TextField, within, type Errors } from '../ui/fields';
import { formatDateTime, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';

type LogRequestDraftInput = InputOf<(typeof PANEL)['proposeLogRequest']>['request'];
type Result = Awaited<ReturnType<typeof panelApi<'proposeLogRequest'>>>;
type Decision = 'accept' | 'decline' | 'request-legal-approval' | 'approve-legal' | 'deny-legal';

const CATEGORY_IDS = LOG_CATEGORIES.map((c) => c.id);
const CATEGORY_LABELS = Object.fromEntries(LOG_CATEGORIES.map((c) => [c.id, c.label])) as Record<LogCategoryId, string>;
const TIER_LABELS: Record<TenantTier, string> = { standard: 'Standard', premium: 'Premium', enterprise: 'Enterprise', unknown: 'Not known' };
const STATE_LABELS: Record<LogRequestState, string> = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  declined: 'Declined',
  'legal-requested': 'Waiting for Legal/Privacy',
  'legal-approved': 'Legal/Privacy approved',
  'legal-denied': 'Legal/Privacy denied',
  delivered: 'Delivered',
  received: 'Received',
  deleted: 'Deleted',
};
const STATE_TONE: Partial<Record<LogRequestState, string>> = { declined: 'danger', 'legal-denied': 'danger', deleted: 'done', received: 'done', delivered: 'done' };
const INCLUDES = [
  ['accountIds', 'Customer account IDs'],
  ['sourceIps', 'Source IP addresses'],
  ['emailDomains', 'Customer email domains'],
  ['otherPersonalData', 'Other personal data (names, email addresses, phone numbers…)'],
  ['userGeneratedContent', 'User-generated content (issue text, comments, pages, attachments)'],
] as const;

/** Turns a resolver answer into the panel's handlers; field errors come back to the form that sent them. */
function useAnswer({ onSaved, onConflict, onError }: Pick<Saved, 'onSaved' | 'onConflict' | 'onError'>) {
  const [errors, setErrors] = useState<Errors>({});
  async function answer(r: Result, message: string, prefix = ''): Promise<boolean> {
    if (r.ok) {
      setErrors({});
      onSaved(r.data, message);
      return true;
    }
    // A stale version or a step the request's state no longer allows: reload and say why, as other tabs do.
    if (r.error.code === 'CONFLICT') {
      onConflict(r.error.message, null);
      return false;
    }
    const fields = r.error.fields ?? {};
    setErrors(prefix ? within(fields, prefix) : fields);
    onError(r.error.message);
    return false;
  }
  return { errors, answer };
}

function LegalNotice({ expectation }: { expectation: string }) {
  return (
    <p className="status status-warning" role="status" data-testid="legal-required">
      Legal/Privacy approval required — expected {expectation}. Atlassian IR starts the review; these logs are handled as RESTRICTED data.
    </p>
  );
}

function ProposeForm({ incident, l, ...handlers }: Saved & { l: Locale }) {
  const ls = incident.logSharing;
  const [draft, setDraft] = useState<LogRequestDraftInput>({
    category: 'runtime-deployment-webhook',
    appKey: incident.report.app.appKey,
    environment: incident.report.app.environment || 'production',
    windowStart: ls.incidentStart ?? '',
    windowEnd: '',
    includes: { accountIds: false, sourceIps: false, emailDomains: false, otherPersonalData: false, userGeneratedContent: false },
    coldStorage: false,
    purpose: '',
  });
  const { errors, answer } = useAnswer(handlers);
  const category = LOG_CATEGORIES.find((c) => c.id === draft.category);
  const legal = requiresLegalApproval(draft.includes);
  async function propose() {
    const ok = await answer(await panelApi('proposeLogRequest', { version: incident.version, request: draft }), 'Log request proposed', 'request');
    if (ok) setDraft({ ...draft, purpose: '' });
  }
  return (
    <fieldset className="grid" data-testid="propose-log-request">
      <legend>Propose a log request</legend>
      <p className="subtle">
        {LOG_SHARING_REFUSALS.incidentScope} The window can start at the earliest {ls.earliestLogDate ? formatDateTime(ls.earliestLogDate, l) : '12 months before the incident started (record when it was first observed in the report)'}.
      </p>
      <SelectField label="Log category" value={draft.category} options={CATEGORY_IDS} labels={CATEGORY_LABELS} onChange={(x) => x && setDraft({ ...draft, category: x })} error={errors.category} help={category?.description} />
      <TextField label="App key" value={draft.appKey} onChange={(x) => setDraft({ ...draft, appKey: x })} error={errors.appKey} required />
      <TextField label="Environment" value={draft.environment} onChange={(x) => setDraft({ ...draft, environment: x })} error={errors.environment} required />
      <DateTimeField label="Window start" value={draft.windowStart} l={l} onChange={(x) => setDraft({ ...draft, windowStart: x })} error={errors.windowStart} required />
      <DateTimeField label="Window end" value={draft.windowEnd} l={l} onChange={(x) => setDraft({ ...draft, windowEnd: x })} error={errors.windowEnd} required />
      <fieldset>
        <legend>The logs include</legend>
        {INCLUDES.map(([key, label]) => (
          <Checkbox key={key} label={label} checked={draft.includes[key] === true} onChange={(x) => setDraft({ ...draft, includes: { ...draft.includes, [key]: x } })} />
        ))}
      </fieldset>
      {legal && <LegalNotice expectation={ls.legalApprovalExpectation} />}
      <Checkbox label="Needs logs from cold storage" checked={draft.coldStorage} onChange={(x) => setDraft({ ...draft, coldStorage: x })} />
      {errors.coldStorage && <p className="field-error">{errors.coldStorage}</p>}
      <TextField label="How these logs serve this incident's investigation" multiline value={draft.purpose} onChange={(x) => setDraft({ ...draft, purpose: x })} error={errors.purpose ?? errors.incident} required maxLength={2000} />
      <div>
        <button type="button" className="btn btn-primary" onClick={() => void propose()}>
          Propose request
        </button>
      </div>
    </fieldset>
  );
}

function FactsForm({ incident, ...handlers }: Saved) {
  const ls = incident.logSharing;
  const [confirmed, setConfirmed] = useState(ls.activeExploitationConfirmed);
  const [tier, setTier] = useState<TenantTier>(ls.tenantTier);
  const { answer } = useAnswer(handlers);
  return (
    <fieldset className="grid" data-testid="log-sharing-facts">
      <legend>IR determinations</legend>
      <Checkbox label="Active exploitation of customer data is confirmed (allows cold storage retrieval)" checked={confirmed} onChange={setConfirmed} />
      <SelectField label="Affected tenants' tier" value={tier} options={TENANT_TIERS} labels={TIER_LABELS} onChange={(x) => x && setTier(x)} help="App activity logs are limited to Premium and Enterprise tenants." />
      <div>
        <button type="button" className="btn" onClick={async () => void answer(await panelApi('saveLogSharingFacts', { version: incident.version, activeExploitationConfirmed: confirmed, tenantTier: tier }), 'Determinations saved')}>
          Save determinations
        </button>
      </div>
    </fieldset>
  );
}

/** What IR staff can do next with a request, by its state. */
function IrActions({ r, incident, ...handlers }: Saved & { r: LogRequestView }) {
  const [note, setNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [reference, setReference] = useState('');
  const [holdReason, setHoldReason] = useState('');
  const { errors, answer } = useAnswer(handlers);
  const decide = async (decision: Decision, message: string) => {
    if (await answer(await panelApi('decideLogRequest', { version: incident.version, requestId: r.id, decision, note, internalNote }), message)) {
      setNote('');
      setInternalNote('');
    }
  };
  const button = (decision: Decision, label: string, message: string) => (
    <button type="button" className="btn" onClick={() => void decide(decision, message)}>
      {label}
    </button>
  );
  const deliverable = (r.state === 'legal-approved' && !!r.legalDecision) || (r.state === 'accepted' && !r.legalApprovalRequired);
  const holds = r.state === 'delivered' || r.state === 'received';
  const decisions = r.state === 'proposed' || (r.state === 'accepted' && r.legalApprovalRequired);
  return (
    <div className="grid" data-testid="ir-actions">
      {(decisions || deliverable) && (
        <>
          <TextField label="Note (the partner sees it)" value={note} onChange={setNote} />
          <TextField label="Internal note (IR only)" value={internalNote} onChange={setInternalNote} />
        </>
      )}
      <div className="row">
        {r.state === 'proposed' && button('accept', 'Accept', 'Request accepted')}
        {r.state === 'proposed' && button('decline', 'Decline', 'Request declined')}
        {r.state === 'accepted' && r.legalApprovalRequired && button('request-legal-approval', 'Request Legal/Privacy approval', 'Legal/Privacy approval requested')}
      </div>
      {(r.state === 'legal-requested' || (r.state === 'legal-approved' && !r.legalDecision)) && <LegalDecisionForm r={r} version={incident.version} answer={answer} errors={errors} />}
      {deliverable && (
        <div className="row">
          <TextField label="Secure file exchange reference" value={reference} onChange={setReference} error={errors.reference} />
          <button type="button" className="btn btn-primary" onClick={async () => void answer(await panelApi('deliverLogRequest', { version: incident.version, requestId: r.id, reference, note, internalNote }), 'Delivery recorded')}>
            Record delivery
          </button>
        </div>
      )}
      {holds && (
        <div className="row">
          <TextField label={r.legalHold ? 'Reason to lift the legal hold' : 'Reason for a legal hold'} value={holdReason} onChange={setHoldReason} error={errors.reason} />
          <button type="button" className="btn" onClick={async () => void answer(await panelApi('setLegalHold', { version: incident.version, requestId: r.id, hold: !r.legalHold, reason: holdReason }), r.legalHold ? 'Legal hold lifted' : 'Legal hold placed')}>
            {r.legalHold ? 'Lift legal hold' : 'Place legal hold'}
          </button>
        </div>
      )}
    </div>
  );
}

/** The partner's steps: acknowledge RESTRICTED handling on receipt, then attest the deletion. */
function PartnerActions({ r, incident, l, ...handlers }: Saved & { r: LogRequestView; l: Locale }) {
  const [ack, setAck] = useState(false);
  const [deletion, setDeletion] = useState({ deletedBy: '', deletedAt: '', method: '' });
  const { errors, answer } = useAnswer(handlers);
  if (r.state === 'delivered') {
    return (
      <div className="grid" data-testid="partner-receipt">
        <Checkbox label={`We will handle these logs as RESTRICTED data: ${incident.logSharing.restrictedHandlingNotice}`} checked={ack} onChange={setAck} />
        <div>
          <button type="button" className="btn btn-primary" disabled={!ack} onClick={async () => void (ack && answer(await panelApi('acknowledgeLogReceipt', { version: incident.version, requestId: r.id, restrictedHandlingAcknowledged: true }), 'Receipt acknowledged'))}>
            Mark received
          </button>
        </div>
      </div>
    );
  }
  if (r.state !== 'received') return null;
  if (r.legalHold) return <p className="status status-warning">A legal hold applies: keep these logs until Atlassian lifts it.</p>;
  return (
    <fieldset className="grid" data-testid="partner-deletion">
      <legend>Attest deletion</legend>
      <TextField label="Deleted by" value={deletion.deletedBy} onChange={(x) => setDeletion({ ...deletion, deletedBy: x })} error={errors.deletedBy} />
      <DateTimeField label="Deleted at" value={deletion.deletedAt} l={l} onChange={(x) => setDeletion({ ...deletion, deletedAt: x })} error={errors.deletedAt} />
      <TextField label="How the logs were deleted" value={deletion.method} onChange={(x) => setDeletion({ ...deletion, method: x })} error={errors.method} />
      <div>
        <button type="button" className="btn btn-primary" onClick={async () => void answer(await panelApi('attestLogDeletion', { version: incident.version, requestId: r.id, ...deletion }), 'Deletion attested')}>
          Attest deletion
        </button>
      </div>
    </fieldset>
  );
}

function RequestItem({ r, isIr, l, ...saved }: Saved & { r: LogRequestView; isIr: boolean; l: Locale }) {
  const included = INCLUDES.filter(([k]) => r.includes[k]).map(([, label]) => label);
  return (
    <li data-testid="log-request">
      <p className="history-head">
        <strong>{r.categoryLabel}</strong> · {r.appKey} ({r.environment}) · <span className={`lozenge status-${STATE_TONE[r.state] ?? 'warning'}`} data-testid="log-request-state">{STATE_LABELS[r.state]}</span>
      </p>
      <p className="subtle">
        Window {formatDateTime(r.windowStart, l)} – {formatDateTime(r.windowEnd, l)} · proposed by {r.proposedByRole === 'ir' ? 'Atlassian IR' : 'the partner'} {formatDateTime(r.proposedAt, l)}
        {r.coldStorage && ' · from cold storage'}
        {included.length > 0 && ` · includes ${included.join(', ').toLowerCase()}`}
      </p>
      <p>{r.purpose}</p>
      <LegalState r={r} expectation={saved.incident.logSharing.legalApprovalExpectation} isIr={isIr} l={l} />
      {r.delivery && (
        <p>
          Delivered {formatDateTime(r.delivery.at, l)} via <code>{r.delivery.reference}</code>
        </p>
      )}
      {r.deletion && (
        <p className="status status-done">
          Deleted {formatDateTime(r.deletion.deletedAt, l)} by {r.deletion.deletedBy}: {r.deletion.method}
        </p>
      )}
      {r.legalHold && <p className="status status-warning">Legal hold since {formatDateTime(r.legalHold.since, l)}{r.legalHold.reason ? `: ${r.legalHold.reason}` : ''}</p>}
      {r.deleteBy && (
        <p className={`status status-${r.overdue ? 'danger' : 'warning'}`} data-testid="delete-by">
          {r.overdue ? 'Deletion overdue: it was due' : 'Delete by'} {formatDateTime(r.deleteBy, l)}
          {r.reminders && !r.overdue && ` (reminders ${formatDateTime(r.reminders.fourteenDaysBefore, l)} and ${formatDateTime(r.reminders.oneDayBefore, l)})`}
        </p>
      )}
      <ol className="subtle">
        {r.history.map((h, i) => (
          <li key={i}>
            {STATE_LABELS[h.state]} {formatDateTime(h.at, l)}
            {h.note && ` — ${h.note}`}
          </li>
        ))}
      </ol>
      {isIr && r.internalNotes && r.internalNotes.length > 0 && (
        <div className="banner">
          <strong>Internal notes (IR only)</strong>
          <ul>
            {r.internalNotes.map((n, i) => (
              <li key={i}>
                {formatDateTime(n.at, l)}: {n.note}
              </li>
            ))}
          </ul>
        </div>
      )}
      {isIr ? <IrActions key={`${r.id}-${r.state}`} r={r} {...saved} /> : <PartnerActions key={`${r.id}-${r.state}`} r={r} l={l} {...saved} />}
    </li>
  );
}

/** The shared-data duty in IR staff's words (the checklist's detail is written for the partner). */
function irSharedLine(item: { status: string; detail: string }): string {
  if (item.status === 'not-applicable') return 'No logs or data have been shared with the partner yet.';
  if (item.status === 'done') return 'The partner has handled the shared logs as the program requires.';
  return `${item.status === 'overdue' ? 'Overdue on the partner' : 'Waiting on the partner'}: ${item.detail}`;
}

/** Log-sharing requests: the program's constraints as a workflow, and the partner's duties with shared logs. */
export default function LogSharingTab({ isIr, l, ...saved }: Saved & { isIr: boolean; l: Locale }) {
  const ls = saved.incident.logSharing;
  const shared = saved.incident.obligations.checklist.items.find((i) => i.key === 'shared-data-handled');
  return (
    <div className="log-sharing">
      <section aria-labelledby="ls-duties-h">
        <h2 id="ls-duties-h">Handling shared logs</h2>
        <p className="subtle">{ls.restrictedHandlingNotice} Shared logs must be deleted within 90 days of the incident's closure unless a legal hold applies.</p>
        {shared && (
          <p className={`status status-${shared.status === 'done' ? 'done' : shared.status === 'overdue' ? 'danger' : 'warning'}`} data-testid="shared-data-obligation">
            {isIr ? irSharedLine(shared) : shared.detail}
          </p>
        )}
        {ls.closedAt && <p className="subtle">The incident closed {formatDateTime(ls.closedAt, l)}.</p>}
      </section>
      <section aria-labelledby="ls-list-h">
        <h2 id="ls-list-h">Requests ({ls.requests.length})</h2>
        {ls.requests.length === 0 && <p className="empty">No logs have been requested for this incident.</p>}
        <ul className="history-list">
          {ls.requests.map((r) => (
            <RequestItem key={r.id} r={r} isIr={isIr} l={l} {...saved} />
          ))}
        </ul>
      </section>
      <ProposeForm {...saved} l={l} />
      {isIr && <FactsForm key={saved.incident.version} {...saved} />}
    </div>
  );
}
