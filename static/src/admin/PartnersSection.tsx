import { useCallback, useEffect, useState } from 'react';
import * as v from 'valibot';
import { adminApi } from '../api';
import { fieldErrors } from '../../../src/contract/envelope';
import type { PartnerDoc, PartnerSummaryView, PartnerView } from '../../../src/contract/directory';
import { PARTNER_TIERS } from '../../../src/domain/eligibility';
import { DEFAULT_REVIEW_DAYS, PartnerInputSchema, type PartnerInput } from '../../../src/domain/partner';
import { SelectField, TextField, within, type Errors } from '../ui/fields';
import { formatDateTime, formatDay, type Locale } from '../ui/format';
import { History } from '../ui/History';
import { AppsSection, TIER_LABELS } from './InventorySection';
import { ContactsFields, CoverageFields, EMPTY_CONTACTS } from './ContactFields';
import { hasUnsavedChanges, useSave, useUnsavedGuard } from './useSection';
import { PARTNER_ACTIONS } from '../ui/partner-actions';

const LEAVE = 'This partner has unsaved changes. Leave them?';

type Editing = { kind: 'new'; seed?: PartnerDoc; fromPreviousVersion: boolean } | { kind: 'open'; id: string };

const inputOf = (p: PartnerDoc): PartnerInput => ({ name: p.name, tier: p.tier, memberGroups: p.memberGroups, contacts: p.contacts, coverage: p.coverage, lastReviewedOn: p.lastReviewedOn, reviewIntervalDays: p.reviewIntervalDays, apps: p.apps, securityLevelId: p.securityLevelId ?? null });
const blank = (today: string): PartnerInput => ({ name: '', tier: 'other', memberGroups: [], contacts: null, coverage: { calendar: '24x5', timeZone: 'UTC' }, lastReviewedOn: today, reviewIntervalDays: DEFAULT_REVIEW_DAYS, apps: [] });

/** The partner directory: a searchable list, page by page, and one partner's editor. */
export function PartnersSection({ first, previous, today, l }: { first: { partners: PartnerSummaryView[]; cursor?: string }; previous: PartnerDoc | null; today: string; l: Locale }) {
  const [rows, setRows] = useState(first.partners);
  const [cursor, setCursor] = useState(first.cursor);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [pending, setPending] = useState(previous);

  const load = useCallback(async (q: string, from?: string) => {
    const r = await adminApi('partners', { ...(q ? { search: q } : {}), ...(from ? { cursor: from } : {}) });
    if (!r.ok) return;
    setRows((prev) => [...(from ? prev : []), ...r.data.partners]);
    setCursor(r.data.cursor);
  }, []);

  useEffect(() => {
    if (search === '') return;
    const t = setTimeout(() => void load(search), 250);
    return () => clearTimeout(t);
  }, [search, load]);

  const open = (e: Editing) => {
    if (hasUnsavedChanges() && !window.confirm(LEAVE)) return;
    setEditing(e);
  };

  return (
    <section aria-labelledby="partners-h" data-testid="section-partners">
      <h2 id="partners-h">Partners</h2>
      <p className="subtle">Each partner organization: its tier, the Jira groups whose members are its people, its incident contacts and coverage, and its apps. A partner sees only its own incidents and data.</p>
      {pending && (
        <div className="status status-review-due" role="status" data-testid="previous-version-partner">
          The previous version kept one partner for the whole site: <strong>{pending.name}</strong>. Name the Jira groups whose members are its people and save it to the directory.{' '}
          <button type="button" className="btn" onClick={() => open({ kind: 'new', seed: pending, fromPreviousVersion: true })}>
            Complete {pending.name}
          </button>
        </div>
      )}
      <div className="row">
        <label htmlFor="partner-search" className="sr-only">
          Search partners
        </label>
        <input id="partner-search" type="search" placeholder="Search by name, group, app or app ID" value={search} onChange={(e) => (setSearch(e.target.value), e.target.value === '' && void load(''))} data-testid="partner-search" />
        <button type="button" className="btn" onClick={() => open({ kind: 'new', fromPreviousVersion: false })} data-testid="add-partner">
          Add a partner
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="empty">{search ? 'No partner matches this search.' : 'No partners yet. Add the partners whose incidents this site works.'}</p>
      ) : (
        <table className="table" data-testid="partner-list">
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Tier</th>
              <th scope="col">Member groups</th>
              <th scope="col">Apps</th>
              <th scope="col">Contacts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-testid="partner-row">
                <td>
                  <button type="button" className="btn btn-link" onClick={() => open({ kind: 'open', id: p.id })}>
                    {p.name}
                  </button>
                </td>
                <td>{TIER_LABELS[p.tier]}</td>
                <td>{p.memberGroups.length ? p.memberGroups.join(', ') : <span className="field-error">None yet</span>}</td>
                <td>{p.appCount}</td>
                <td>{p.contactsUpdated ? `${p.contactsUpdated.byPartner ? 'Updated by the partner' : 'Updated'} on ${formatDateTime(p.contactsUpdated.at, l)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="btn" onClick={() => void load(search, cursor)} data-testid="more-partners">
          More partners
        </button>
      )}
      {editing && (
        <PartnerEditor
          key={editing.kind === 'open' ? editing.id : 'new'}
          editing={editing}
          today={today}
          l={l}
          onSaved={(view, created) => {
            if (editing.kind === 'new' && editing.fromPreviousVersion) setPending(null);
            setEditing({ kind: 'open', id: view.partner.id });
            setRows((prev) => (created ? [...prev, summary(view.partner)] : prev.map((r) => (r.id === view.partner.id ? summary(view.partner) : r))));
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

const summary = (p: PartnerDoc): PartnerSummaryView => ({ id: p.id, name: p.name, tier: p.tier, memberGroups: p.memberGroups, appCount: p.apps.length, needsMemberGroups: p.needsMemberGroups === true, contactsUpdated: p.contactsUpdated });

function PartnerEditor({ editing, today, l, onSaved, onClose }: { editing: Editing; today: string; l: Locale; onSaved: (v: PartnerView, created: boolean) => void; onClose: () => void }) {
  const [view, setView] = useState<PartnerView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (editing.kind !== 'open') return;
    let live = true;
    void adminApi('partner', { id: editing.id }).then((r) => live && (r.ok ? setView(r.data) : setError(r.error.message)));
    return () => {
      live = false;
    };
  }, [editing]);
  if (error) return <p className="field-error">{error}</p>;
  if (editing.kind === 'open' && !view) return <p className="subtle">Loading the partner…</p>;
  const initial = view ? inputOf(view.partner) : editing.kind === 'new' && editing.seed ? inputOf(editing.seed) : blank(today);
  return <PartnerForm view={view} initial={initial} fromPreviousVersion={editing.kind === 'new' && editing.fromPreviousVersion} today={today} l={l} onSaved={(v2) => (setView(v2), onSaved(v2, view === null))} onClose={onClose} />;
}

function PartnerForm({ view, initial, fromPreviousVersion, today, l, onSaved, onClose }: { view: PartnerView | null; initial: PartnerInput; fromPreviousVersion: boolean; today: string; l: Locale; onSaved: (v: PartnerView) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<PartnerInput>(initial);
  const [groupText, setGroupText] = useState('');
  const saved = view ? inputOf(view.partner) : null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved ?? (fromPreviousVersion ? null : initial));
  useUnsavedGuard('partner-editor', dirty);
  const fromServer = useCallback((f: Record<string, string>) => within(f, 'partner'), []);
  const s = useSave<PartnerView>('Partner saved', fromServer);
  const e: Errors = s.errors;
  const contacts = draft.contacts ?? EMPTY_CONTACTS;

  const save = () => {
    const local = v.safeParse(PartnerInputSchema, draft);
    if (!local.success) return s.fail(fieldErrors(local.issues));
    void s.run(() => adminApi('savePartner', { id: view?.partner.id ?? null, version: view?.version ?? 0, partner: local.output, fromPreviousVersion }), onSaved);
  };
  const addGroup = () => {
    const g = groupText.trim();
    if (g && !draft.memberGroups.includes(g)) setDraft({ ...draft, memberGroups: [...draft.memberGroups, g] });
    setGroupText('');
  };

  return (
    <div className="card partner-editor" data-testid="partner-editor" aria-label={`Partner ${draft.name || 'new'}`} role="group">
      <div className="row">
        <h3>{view ? view.partner.name : fromPreviousVersion ? `Complete ${initial.name}` : 'New partner'}</h3>
        <button type="button" className="btn btn-subtle" onClick={() => (!dirty || window.confirm(LEAVE)) && onClose()}>
          Close
        </button>
      </div>
      {view?.partner.contactsUpdated?.byPartner && (
        <p className="status status-current" data-testid="contacts-updated-by-partner">
          Contacts updated by the partner on {formatDateTime(view.partner.contactsUpdated.at, l)}.
        </p>
      )}
      {view && (
        <p className={`status status-${view.contactsStatus.state}`} data-testid="contacts-status">
          {view.contactsStatus.message}
        </p>
      )}
      <div className="two-col">
        <TextField label="Partner name" name="partner.name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={e.name} required />
        <SelectField label="Partner tier" name="partner.tier" value={draft.tier} options={PARTNER_TIERS} labels={TIER_LABELS} onChange={(tier) => tier && setDraft({ ...draft, tier })} error={e.tier} />
        <TextField
          label="Issue security level (id)"
          name="partner.securityLevelId"
          value={draft.securityLevelId ?? ''}
          onChange={(id) => setDraft({ ...draft, securityLevelId: id.trim() || null })}
          error={e.securityLevelId}
          help="Tickets reported for this partner are restricted to this level of the incident project: IR staff and the partner's groups."
        />
      </div>
      <div className="field">
        <span className="label">Member groups</span>
        <ul className="tags" data-testid="member-groups">
          {draft.memberGroups.map((g, i) => (
            <li key={g} className={e[`memberGroups.${i}`] ? 'tag tag-invalid' : 'tag'}>
              {g}
              <button type="button" className="btn btn-subtle" aria-label={`Remove ${g}`} onClick={() => setDraft({ ...draft, memberGroups: draft.memberGroups.filter((x) => x !== g) })}>
                ×
              </button>
              {e[`memberGroups.${i}`] && <span className="field-error" data-testid="field-error">{e[`memberGroups.${i}`]}</span>}
            </li>
          ))}
        </ul>
        {e.memberGroups && <p className="field-error" data-testid="field-error">{e.memberGroups}</p>}
        <div className="row">
          <label htmlFor="member-group" className="sr-only">
            Add a member group
          </label>
          <input id="member-group" placeholder="Jira group name" value={groupText} onChange={(x) => setGroupText(x.target.value)} onKeyDown={(x) => x.key === 'Enter' && (x.preventDefault(), addGroup())} />
          <button type="button" className="btn" onClick={addGroup} disabled={!groupText.trim()}>
            Add group
          </button>
        </div>
      </div>
      <h3>Incident contacts</h3>
      <ContactsFields value={contacts} onChange={(c) => setDraft({ ...draft, contacts: c })} errors={within(e, 'contacts')} />
      <CoverageFields value={draft.coverage} onChange={(coverage) => setDraft({ ...draft, coverage })} errors={within(e, 'coverage')} />
      <div className="row">
        <p className="subtle">
          Last reviewed: <strong>{draft.lastReviewedOn ? formatDay(draft.lastReviewedOn, l) : 'never'}</strong>
        </p>
        <button type="button" className="btn" onClick={() => setDraft({ ...draft, lastReviewedOn: today })} disabled={draft.lastReviewedOn === today}>
          Mark as reviewed today
        </button>
        <TextField label="Review every (days)" name="reviewIntervalDays" type="number" value={String(draft.reviewIntervalDays)} onChange={(x) => setDraft({ ...draft, reviewIntervalDays: Number(x) })} error={e.reviewIntervalDays} />
      </div>
      <AppsSection apps={draft.apps} set={(apps) => setDraft({ ...draft, apps })} errors={within(e, 'apps')} />
      <div className="save-bar">
        <button type="button" className="btn btn-primary" onClick={save} disabled={s.busy || !dirty} data-testid="save-partner">
          {s.busy ? 'Saving…' : 'Save partner'}
        </button>
        {dirty && <span className="subtle">Unsaved changes</span>}
      </div>
      {view && (
        <section aria-label="Partner history">
          <h3>History</h3>
          <History load={(cursor) => adminApi('partnerHistory', { id: view.partner.id, ...(cursor ? { cursor } : {}) })} l={l} actionLabels={PARTNER_ACTIONS} />
        </section>
      )}
    </div>
  );
}
