import { useState } from 'react';
import { LONG_TEXT_MAX } from '../../../src/domain/report';
import { panelApi } from '../api';
import { TextField } from '../ui/fields';
import type { Saved } from './ReportForm';

/** IR-internal notes: only IR staff receive or save them; partners never get this field. */
export function IrNotes({ incident, onSaved, onConflict, onError }: Saved) {
  const savedText = incident.report.irNotes ?? '';
  const [text, setText] = useState(savedText);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    const r = await panelApi('saveIrNotes', { version: incident.version, irNotes: text });
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      return onSaved(r.data, 'IR notes saved');
    }
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    setError(r.error.fields?.irNotes);
    onError(r.error.message);
  }
  return (
    <section aria-labelledby="irnotes-h" className="ir-only">
      <h2 id="irnotes-h">IR notes (internal)</h2>
      <p className="subtle">Visible to Atlassian IR staff only. Partners never receive this field.</p>
      <TextField multiline label="Notes" value={text} onChange={setText} error={error} maxLength={LONG_TEXT_MAX} />
      <div>
        <button type="button" className="btn" disabled={busy || text === savedText} onClick={() => void save()} data-testid="save-ir-notes">
          {busy ? 'Saving…' : 'Save IR notes'}
        </button>
      </div>
    </section>
  );
}
