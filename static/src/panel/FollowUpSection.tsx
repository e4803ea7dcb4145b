import { useState } from 'react';
import { RCA_STATUS_LABELS, RCA_STATUSES, type CustomerNotification, type RootCause } from '../../../src/domain/responsibilities';
import { panelApi } from '../api';
import { DateTimeField, SelectField, TextField, within, type Errors } from '../ui/fields';
import type { Locale } from '../ui/format';
import type { Saved } from './ReportForm';

const EMPTY_NOTICE: CustomerNotification = { notifiedAt: '', customerCount: 0, method: '' };

/** What the partner reports after containment: customers notified (when, how many, how) and the root cause analysis. */
export function FollowUpSection({ incident, l, onSaved, onConflict, onError }: Saved & { l: Locale }) {
  const ob = incident.obligations;
  const [notice, setNotice] = useState<CustomerNotification>(ob.customerNotification ?? EMPTY_NOTICE);
  const [rca, setRca] = useState<RootCause>(ob.rootCause);
  const [errors, setErrors] = useState<Errors>({});
  async function after(r: Awaited<ReturnType<typeof panelApi<'saveRootCause'>>>, message: string, prefix: string) {
    if (r.ok) {
      setErrors({});
      return onSaved(r.data, message);
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setErrors(within(r.error.fields ?? {}, prefix));
    onError(r.error.message);
  }
  return (
    <section aria-labelledby="follow-h">
      <h2 id="follow-h">Customer notification and root cause</h2>
      <fieldset className="grid" data-testid="customer-notification">
        <legend>Customers notified</legend>
        <DateTimeField label="When" value={notice.notifiedAt} l={l} onChange={(x) => setNotice({ ...notice, notifiedAt: x })} error={errors.notifiedAt} />
        <TextField label="How many customers" type="number" value={String(notice.customerCount)} onChange={(x) => setNotice({ ...notice, customerCount: Number(x) })} error={errors.customerCount} />
        <TextField label="How (email, status page…)" value={notice.method} onChange={(x) => setNotice({ ...notice, method: x })} error={errors.method} />
        <div>
          <button type="button" className="btn" onClick={async () => after(await panelApi('saveCustomerNotification', { version: incident.version, customerNotification: notice }), 'Customer notification recorded', 'customerNotification')}>
            Save
          </button>
        </div>
      </fieldset>
      <fieldset className="grid" data-testid="root-cause">
        <legend>Root cause analysis</legend>
        <SelectField label="Status" value={rca.status} options={RCA_STATUSES} labels={RCA_STATUS_LABELS} onChange={(x) => x && setRca({ ...rca, status: x })} />
        <TextField label="Reference (document or link)" value={rca.reference} onChange={(x) => setRca({ ...rca, reference: x })} error={errors.reference} />
        <div>
          <button type="button" className="btn" onClick={async () => after(await panelApi('saveRootCause', { version: incident.version, rootCause: rca }), 'Root cause analysis updated', 'rootCause')}>
            Save
          </button>
        </div>
      </fieldset>
    </section>
  );
}
