import { useState } from 'react';
import { panelApi } from '../api';
import { Checkbox } from '../ui/fields';
import { formatDateTime, formatNumber, type Locale } from '../ui/format';

type Listed = { id: string; filename: string; size: number; created: string }[];

/** Attachments are chosen from the Jira issue's own list (fetched on demand) and referenced by id, never copied. */
export function AttachmentsPicker({ chosen, names, onChange, readOnly, error, l }: { chosen: string[]; names: Record<string, string>; onChange: (ids: string[]) => void; readOnly: boolean; error?: string; l: Locale }) {
  const [listed, setListed] = useState<Listed | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | string>('idle');
  async function open() {
    setState('loading');
    const r = await panelApi('attachments', {});
    if (!r.ok) return setState(r.error.message);
    setListed(r.data.attachments);
    setState('idle');
  }
  const nameOf = (id: string) => listed?.find((a) => a.id === id)?.filename ?? names[id] ?? `Attachment ${id}`;
  return (
    <div className="field">
      {chosen.length === 0 ? <p className="empty">No attachments referenced yet.</p> : (
        <ul data-testid="chosen-attachments">
          {chosen.map((id) => (
            <li key={id}>{nameOf(id)}</li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
      {!readOnly && listed === null && (
        <div>
          <button type="button" className="btn" onClick={() => void open()} disabled={state === 'loading'}>
            {state === 'loading' ? 'Loading the issue’s attachments…' : 'Choose from this issue’s attachments'}
          </button>
          {state !== 'idle' && state !== 'loading' && <p className="field-error">{state}</p>}
        </div>
      )}
      {!readOnly && listed !== null && (
        <fieldset>
          <legend>This issue’s attachments</legend>
          {listed.length === 0 && <p className="empty">This issue has no attachments. Attach files to the Jira issue first.</p>}
          {listed.map((a) => (
            <Checkbox
              key={a.id}
              label={
                <>
                  {a.filename} <span className="subtle">({formatNumber(Math.round(a.size / 1024), l)} KB, {formatDateTime(a.created, l)})</span>
                </>
              }
              checked={chosen.includes(a.id)}
              onChange={(on) => onChange(on ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
            />
          ))}
        </fieldset>
      )}
    </div>
  );
}
