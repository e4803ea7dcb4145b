import { useState } from 'react';
import { OUTREACH_CHANNEL_LABELS, OUTREACH_CHANNELS } from '../../../src/domain/outreach';
import { panelApi } from '../api';
import { DateTimeField, SelectField, TextField } from '../ui/fields';
import type { Locale } from '../ui/format';
import type { Saved } from './ReportForm';

/** IR staff record an outreach to the partner: its 8-hour acknowledgment clock starts at its time. */
export function OutreachForm({ incident, l, onSaved, onConflict, onError, onDone }: Saved & { l: Locale; onDone?: () => void }) {
  const [at, setAt] = useState('');
  const [channel, setChannel] = useState<(typeof OUTREACH_CHANNELS)[number]>('email');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function save() {
    const r = await panelApi('recordOutreach', { version: incident.version, at: at || new Date().toISOString(), channel, message });
    if (r.ok) {
      setMessage('');
      setAt('');
      setErrors({});
      onDone?.();
      return onSaved(r.data, 'Outreach recorded: the 8-hour clock is running');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setErrors(r.error.fields ?? {});
    onError(r.error.message);
  }
  return (
    <fieldset className="grid" data-testid="outreach-form">
      <legend>Record an outreach</legend>
      <DateTimeField label="When (leave empty for now)" value={at} onChange={setAt} error={errors.at} l={l} />
      <SelectField label="Channel" value={channel} options={OUTREACH_CHANNELS} labels={OUTREACH_CHANNEL_LABELS} onChange={(x) => x && setChannel(x)} />
      <TextField label="Message" value={message} onChange={setMessage} error={errors.message} />
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={!message.trim()}>
          Record outreach
        </button>
        {onDone && (
          <button type="button" className="btn btn-subtle" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </fieldset>
  );
}
