import { useState } from 'react';
import type { Channel } from '../../../src/domain/eligibility';
import { panelApi } from '../api';
import { formatDateTime, type Locale } from '../ui/format';
import { DateTimeInput } from '../ui/fields';
import type { Saved } from './ReportForm';

function ChannelRow({ channel, label, purpose, incident, isIr, l, onSaved, onConflict, onError }: Saved & { channel: Channel; label: string; purpose: string; isIr: boolean; l: Locale }) {
  const saved = incident.triage.channels[channel];
  const [reference, setReference] = useState(saved?.reference ?? '');
  const [setUpAt, setSetUpAt] = useState(saved?.setUpAt ?? '');
  const [busy, setBusy] = useState(false);
  const changed = reference !== (saved?.reference ?? '') || setUpAt !== (saved?.setUpAt ?? '');
  async function save() {
    setBusy(true);
    const r = await panelApi('saveChannel', { version: incident.version, channel, reference, setUpAt });
    setBusy(false);
    if (r.ok) return onSaved(r.data, `${label} saved`);
    if (r.error.code === 'CONFLICT') return onConflict(r.error.message, null);
    onError(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
  }
  return (
    <tr data-testid={`channel-${channel}`}>
      <th scope="row">{label}</th>
      <td>{purpose}</td>
      {isIr ? (
        <>
          <td>
            <input aria-label={`${label}: link or reference`} value={reference} onChange={(e) => setReference(e.target.value)} />
          </td>
          <td>
            <DateTimeInput label={`${label}: set up at`} value={setUpAt} onChange={setSetUpAt} l={l} />
          </td>
          <td>
            <button type="button" className="btn" disabled={!changed || busy} onClick={() => void save()}>
              Save
            </button>
          </td>
        </>
      ) : (
        <>
          <td className="mono">{saved?.reference || <span className="empty">Not set up yet</span>}</td>
          <td>{saved?.setUpAt ? formatDateTime(saved.setUpAt, l) : ''}</td>
        </>
      )}
    </tr>
  );
}

/** The collaboration channels this incident qualifies for, each with its purpose, link and set-up time. */
export function ChannelsSection({ offered, info, ...rest }: Saved & { offered: Channel[]; info: Readonly<Record<Channel, { label: string; purpose: string }>>; isIr: boolean; l: Locale }) {
  return (
    <section aria-labelledby="channels-h">
      <h2 id="channels-h">Collaboration channels</h2>
      {offered.length === 0 ? (
        <p className="empty">No collaboration channels apply (out of scope).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Purpose</th>
              <th scope="col">Link or reference</th>
              <th scope="col">Set up</th>
              {rest.isIr && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {offered.map((c) => (
              <ChannelRow key={`${c}:${rest.incident.version}`} channel={c} label={info[c].label} purpose={info[c].purpose} {...rest} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
