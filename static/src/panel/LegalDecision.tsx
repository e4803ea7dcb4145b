import { useEffect, useState } from 'react';
import type { LogRequestView } from '../../../src/contract/log-sharing';
import { panelApi } from '../api';
import { SelectField, TextField, type Errors } from '../ui/fields';
import { formatDay, type Locale } from '../ui/format';

type Decision = NonNullable<LogRequestView['legalDecision']>;

const evidence = (d: Decision, l: Locale) => `${d.decision === 'approved' ? 'Approved' : 'Denied'} by ${d.approver.name} on ${formatDay(d.decidedOn, l)}, ref ${d.reference}`;

/**
 * Where Legal/Privacy stands on a request that needs it: a warning until approved with evidence, the evidence itself
 * afterwards ("Approved by … on …, ref …"), and no longer a warning once the logs have been delivered.
 */
export function LegalState({ r, expectation, isIr, l }: { r: LogRequestView; expectation: string; isIr: boolean; l: Locale }) {
  if (!r.legalApprovalRequired) return null;
  const d = r.legalDecision;
  const delivered = r.state === 'delivered' || r.state === 'received' || r.state === 'deleted';
  if (d) {
    return (
      <p className={`status ${delivered || d.decision === 'approved' ? 'status-done' : 'status-danger'}`} data-testid="legal-decision">
        Legal/Privacy: {evidence(d, l)}
      </p>
    );
  }
  if (delivered || r.state === 'declined') return null;
  if (r.state === 'legal-approved') {
    return (
      <p className="status status-warning" data-testid="legal-required">
        Approved before approvers were recorded. {isIr ? 'Record who approved, when and the reference before delivering.' : 'Atlassian IR are completing the record.'}
      </p>
    );
  }
  if (r.state === 'legal-requested') {
    return (
      <p className="status status-warning" role="status" data-testid="legal-required">
        Waiting for Legal/Privacy — expected {expectation}. {isIr ? 'Record their decision with the approver and reference when it comes.' : 'Atlassian IR will share the decision here.'}
      </p>
    );
  }
  return (
    <p className="status status-warning" role="status" data-testid="legal-required">
      Legal/Privacy approval required — expected {expectation}. Atlassian IR starts the review; these logs are handled as RESTRICTED data.
    </p>
  );
}

/** IR staff record Legal/Privacy's decision as evidence: approver (a Jira user or a named external one), decision, day, reference. */
export function LegalDecisionForm({ r, version, answer, errors }: { r: LogRequestView; version: number; answer: (res: Awaited<ReturnType<typeof panelApi<'recordLegalDecision'>>>, message: string) => Promise<boolean>; errors: Errors }) {
  const [decision, setDecision] = useState<'approved' | 'denied' | ''>('');
  const [kind, setKind] = useState<'jira-user' | 'external'>('jira-user');
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<{ accountId: string; displayName: string }[]>([]);
  const [accountId, setAccountId] = useState('');
  const [name, setName] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const [reference, setReference] = useState('');
  useEffect(() => {
    if (kind !== 'jira-user' || query.trim().length < 2) return;
    let live = true;
    const t = setTimeout(() => void panelApi('findUsers', { query }).then((res) => live && res.ok && setPeople(res.data.users)), 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, kind]);
  const approver = kind === 'jira-user' ? { kind, accountId } : { kind, name };
  const ready = decision && reference.trim() && decidedOn && (kind === 'jira-user' ? accountId : name.trim());
  const update = r.state === 'legal-approved';
  return (
    <fieldset className="grid" data-testid="legal-decision-form">
      <legend>{update ? "Complete Legal/Privacy's approval" : "Record Legal/Privacy's decision"}</legend>
      <SelectField label="Decision" required value={decision} options={update ? (['approved'] as const) : (['approved', 'denied'] as const)} labels={{ approved: 'Approved', denied: 'Denied' }} emptyLabel="Choose…" onChange={setDecision} error={errors.decision} />
      <SelectField label="Approver is" value={kind} options={['jira-user', 'external'] as const} labels={{ 'jira-user': 'A Jira user', external: 'Someone outside Jira' }} onChange={(x) => x && setKind(x)} />
      {kind === 'jira-user' ? (
        <>
          <TextField label="Find the approver" value={query} onChange={setQuery} help="Type at least 2 letters of a name" />
          <SelectField
            label="Approver"
            required
            value={accountId}
            options={people.map((p) => p.accountId)}
            labels={Object.fromEntries(people.map((p) => [p.accountId, p.displayName]))}
            emptyLabel={people.length ? 'Choose…' : 'No one found yet'}
            onChange={setAccountId}
            error={errors['approver.accountId'] ?? errors.approver}
          />
        </>
      ) : (
        <TextField label="Approver's name and role" required value={name} onChange={setName} error={errors['approver.name'] ?? errors.approver} />
      )}
      <TextField label="Day of the decision" required placeholder="YYYY-MM-DD" value={decidedOn} onChange={setDecidedOn} error={errors.decidedOn} help="YYYY-MM-DD, as Legal/Privacy dated it" />
      <TextField label="Reference (ticket, email or document)" required value={reference} onChange={setReference} error={errors.reference} />
      <div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!ready}
          data-testid="record-legal-decision"
          onClick={async () => {
            if (!decision) return;
            await answer(await panelApi('recordLegalDecision', { version, requestId: r.id, decision, approver, decidedOn, reference }), decision === 'approved' ? 'Legal/Privacy approval recorded' : 'Legal/Privacy denial recorded');
          }}
        >
          Record decision
        </button>
      </div>
    </fieldset>
  );
}
