import { useEffect, useRef, useState } from 'react';
import { CLOSE_RESOLUTION_LABELS, CLOSE_RESOLUTIONS, type CloseResolution } from '../../../src/domain/lifecycle';
import { deleteByDatesOnClose, outstandingAtClose } from '../../../src/domain/closure';
import { panelApi } from '../api';
import { Checkbox, SelectField, TextField } from '../ui/fields';
import { formatDateTime, type Locale } from '../ui/format';
import type { Saved } from './ReportForm';
import { useServerNow } from '../ui/useServerNow';

/**
 * Closing is irreversible in practice (clocks stop, retention starts), so it is a dialog: what is still open,
 * a required resolution and summary, the delete-by dates it will set, and an explicit confirmation.
 */
export default function CloseDialog({ incident, l, serverNow, onSaved, onConflict, onError, onDone }: Saved & { l: Locale; serverNow: string; onDone: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const now = useServerNow(serverNow);
  const [resolution, setResolution] = useState<CloseResolution | ''>('');
  const [summary, setSummary] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const input = { ...incident.obligations, logRequests: incident.logSharing.requests };
  const open = outstandingAtClose(input);
  const dates = deleteByDatesOnClose(input, now);

  async function close() {
    if (!resolution) return setErrors({ resolution: 'Choose how the incident ended' });
    setBusy(true);
    const r = await panelApi('closeIncident', { version: incident.version, resolution, summary });
    setBusy(false);
    if (r.ok) {
      ref.current?.close();
      onDone();
      return onSaved(r.data, 'Incident closed: the clocks have stopped');
    }
    if (r.error.code === 'CONFLICT') {
      onDone();
      return onConflict(r.error.message, null);
    }
    setErrors(r.error.fields ?? {});
    onError(r.error.message);
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="close-h" onClose={onDone} data-testid="close-dialog">
      <h2 id="close-h">Close this incident?</h2>
      {open.length > 0 ? (
        <div className="banner banner-warning">
          <p>
            <strong>Still open ({open.length}):</strong>
          </p>
          <ul data-testid="outstanding">
            {open.map((o, i) => (
              <li key={i}>{o.text}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="status status-done">Nothing is outstanding.</p>
      )}
      <p className="subtle">Closing stops the acknowledgment clocks: no more reminders are posted.</p>
      {dates.length > 0 && (
        <div>
          <p>Logs shared with the partner must then be deleted by:</p>
          <ul data-testid="delete-by">
            {dates.map((d) => (
              <li key={d.id}>
                {d.categoryLabel}: {d.deleteBy ? <time dateTime={d.deleteBy.toISOString()}>{formatDateTime(d.deleteBy.toISOString(), l)}</time> : 'no date while the legal hold applies'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <SelectField label="Resolution" required value={resolution} options={CLOSE_RESOLUTIONS} labels={CLOSE_RESOLUTION_LABELS} emptyLabel="Choose…" onChange={setResolution} error={errors.resolution} />
      <TextField label="Summary" required multiline value={summary} onChange={setSummary} error={errors.summary} maxLength={2000} help="What happened and how it ended, for the record. Partners see it in the activity." />
      <Checkbox label={open.length > 0 ? 'Close it anyway, with the items above still open' : 'I want to close this incident'} checked={confirmed} onChange={setConfirmed} />
      <div className="row dialog-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !confirmed || !resolution || !summary.trim()} onClick={() => void close()} data-testid="confirm-close">
          {busy ? 'Closing…' : 'Close incident'}
        </button>
        <button type="button" className="btn btn-subtle" onClick={() => ref.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
