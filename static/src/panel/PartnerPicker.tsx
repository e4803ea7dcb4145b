import { lazy, Suspense, useEffect, useState } from 'react';
import { panelApi } from '../api';
import type { OutputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import { formatDateTime, type Locale } from '../ui/format';
import { flag } from '../ui/flags';
import { Loading } from '../ui/states';

// Loaded when IR staff ask for it: the panel's first render does not need it.
const PartnerTrail = lazy(() => import('./PartnerTrail'));

type Load = OutputOf<typeof PANEL.load>;

/** IR staff: which partner of the directory the incident belongs to, with the app's suggestion; audited. */
export function PartnerPicker({ data, l, onChanged }: { data: Load; l: Locale; onChanged: (next: Load) => void }) {
  const current = data.prefill.partner;
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [choice, setChoice] = useState(current?.id ?? '');
  const [busy, setBusy] = useState(false);
  // The directory is only asked once someone reaches for the picker: the panel's first render stays one invoke.
  const [wanted, setWanted] = useState(false);
  const [trail, setTrail] = useState(false);

  useEffect(() => {
    if (!wanted && !query) return;
    let live = true;
    const t = setTimeout(() => void panelApi('partnerOptions', query ? { search: query } : {}).then((r) => live && r.ok && setOptions(r.data.partners)), 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, wanted]);

  async function apply(partnerId: string | null) {
    setBusy(true);
    const r = await panelApi('setPartner', { version: data.incident.version, partnerId });
    setBusy(false);
    if (!r.ok) return flag(r.error.code === 'CONFLICT' ? 'warning' : 'error', r.error.message);
    flag('success', partnerId ? 'Partner set' : 'Partner removed');
    onChanged(r.data);
  }

  const s = data.prefill.suggestion;
  return (
    <section className="card partner-picker" aria-labelledby="partner-picker-h" data-testid="partner-picker">
      <h2 id="partner-picker-h">Partner</h2>
      <p data-testid="incident-partner">
        {current ? (
          <>
            This incident belongs to <strong>{current.name}</strong>.
          </>
        ) : (
          'This incident belongs to no partner yet: nothing is prefilled from the directory, and no partner sees it as theirs.'
        )}
      </p>
      {current && data.prefill.contacts && (
        <p className="subtle" data-testid="partner-contacts">
          Incident contacts: {data.prefill.contacts.primary.name} ({data.prefill.contacts.primary.email}) and {data.prefill.contacts.secondary.name} ({data.prefill.contacts.secondary.email}).{' '}
          {current.contactsUpdated && (
            <span data-testid="partner-contacts-updated">
              {current.contactsUpdated.byPartner ? 'Contacts updated by the partner' : 'Contacts updated by a Jira admin'} on {formatDateTime(current.contactsUpdated.at, l)}.
            </span>
          )}{' '}
          {!trail && (
            <button type="button" className="btn btn-subtle" onClick={() => setTrail(true)} data-testid="partner-trail-open">
              {current.name}&apos;s directory history
            </button>
          )}
        </p>
      )}
      {current && trail && (
        <Suspense fallback={<Loading label="Loading the partner's history…" />}>
          <PartnerTrail name={current.name} l={l} />
        </Suspense>
      )}
      {s && !current && (
        <p className="banner" data-testid="partner-suggestion">
          Suggested: <strong>{s.name}</strong>. {s.why}{' '}
          <button type="button" className="btn" onClick={() => void apply(s.id)} disabled={busy}>
            Set {s.name}
          </button>
        </p>
      )}
      <div className="row">
        <label htmlFor="partner-query" className="sr-only">
          Find a partner
        </label>
        <input id="partner-query" type="search" placeholder="Find a partner" value={query} onFocus={() => setWanted(true)} onChange={(e) => setQuery(e.target.value)} />
        <label htmlFor="partner-choice" className="sr-only">
          Partner
        </label>
        <select id="partner-choice" value={choice} onFocus={() => setWanted(true)} onPointerDown={() => setWanted(true)} onChange={(e) => setChoice(e.target.value)} data-testid="partner-choice">
          <option value="">No partner</option>
          {current && !options.some((o) => o.id === current.id) && <option value={current.id}>{current.name}</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={() => void apply(choice || null)} disabled={busy || choice === (current?.id ?? '')} data-testid="set-partner">
          {busy ? 'Saving…' : 'Save partner'}
        </button>
      </div>
    </section>
  );
}

/** The partner changed its contacts after this report took them: say so and offer the new ones. */
export function NewerContacts({ data, l, onTake }: { data: Load; l: Locale; onTake: () => void }) {
  const p = data.prefill.partner;
  if (!p?.newerContacts || !data.prefill.contacts) return null;
  const when = p.contactsUpdated ? ` on ${formatDateTime(p.contactsUpdated.at, l)}` : '';
  return (
    <div className="banner banner-warning" role="status" data-testid="newer-contacts">
      <p>
        {p.name} {p.contactsUpdated?.byPartner ? 'updated its incident contacts' : 'has other incident contacts'}
        {when}: {data.prefill.contacts.primary.name} and {data.prefill.contacts.secondary.name}. This report still names others.
      </p>
      <button type="button" className="btn" onClick={onTake} data-testid="take-new-contacts">
        Take the new contacts
      </button>
    </div>
  );
}
