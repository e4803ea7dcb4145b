import { useCallback, useState } from 'react';
import * as v from 'valibot';
import { globalApi } from '../api';
import type { Organization } from '../../../src/contract/directory';
import { PartnerSelfServiceSchema, type PartnerSelfService } from '../../../src/domain/partner';
import { fieldErrors } from '../../../src/contract/envelope';
import { within, type Errors } from '../ui/fields';
import { formatDateTime, formatDay, type Locale } from '../ui/format';
import { flag } from '../ui/flags';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ContactsFields, CoverageFields, EMPTY_CONTACTS } from '../admin/ContactFields';
import { useSave, useUnsavedGuard } from '../admin/useSection';

/**
 * "Your organization": a partner's own people keep its incident contacts and coverage current, as the
 * program asks ("update them whenever your team changes"). Tier and apps stay with the site's admins.
 */
export function YourOrganization({ l }: { l: Locale }) {
  const [state, reload] = useLoad(() => globalApi('organization', {}));
  if (state.status === 'loading') return <Loading label="Loading your organization…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return (
    <>
      {state.data.organizations.map((o) => (
        <OrganizationCard key={`${o.id}-${o.version}`} initial={o} l={l} />
      ))}
    </>
  );
}

function OrganizationCard({ initial, l }: { initial: Organization; l: Locale }) {
  const [org, setOrg] = useState(initial);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<PartnerSelfService>({ contacts: org.contacts ?? EMPTY_CONTACTS, coverage: org.coverage });
  const dirty = open && JSON.stringify(draft) !== JSON.stringify({ contacts: org.contacts ?? EMPTY_CONTACTS, coverage: org.coverage });
  useUnsavedGuard(`org-${org.id}`, dirty);
  const fromServer = useCallback((f: Record<string, string>) => f, []);
  const s = useSave<Organization>('Contacts saved', fromServer);
  const e: Errors = s.errors;

  const save = () => {
    const local = v.safeParse(PartnerSelfServiceSchema, draft);
    if (!local.success) return s.fail(fieldErrors(local.issues));
    void s.run(() => globalApi('saveOrganization', { partnerId: org.id, version: org.version, ...local.output }), (next) => {
      setOrg(next);
      setOpen(false);
    });
  };

  return (
    <section className="card" aria-labelledby={`org-${org.id}-h`} data-testid="your-organization">
      <h2 id={`org-${org.id}-h`}>Your organization: {org.name}</h2>
      <p className={`status status-${org.contactsStatus.state}`} data-testid="org-contacts-status">
        {org.contactsStatus.message}
      </p>
      {!open ? (
        <>
          {org.contacts ? (
            <ul className="plain-list" data-testid="org-contacts">
              <li>
                Primary: <strong>{org.contacts.primary.name}</strong> ({org.contacts.primary.role}), {org.contacts.primary.email}, {org.contacts.primary.phone}
              </li>
              <li>
                Secondary: <strong>{org.contacts.secondary.name}</strong> ({org.contacts.secondary.role}), {org.contacts.secondary.email}, {org.contacts.secondary.phone}
              </li>
            </ul>
          ) : (
            <p className="empty">No incident contacts yet.</p>
          )}
          <p className="subtle">
            Coverage {org.coverage.calendar} ({org.coverage.timeZone}). {org.lastReviewedOn ? `Last reviewed ${formatDay(org.lastReviewedOn, l)}.` : ''}{' '}
            {org.contactsUpdated ? `Last changed ${formatDateTime(org.contactsUpdated.at, l)}.` : ''}
          </p>
          <div>
            <button type="button" className="btn btn-primary" onClick={() => setOpen(true)} data-testid="edit-organization">
              Update contacts
            </button>
          </div>
        </>
      ) : (
        <>
          <ContactsFields value={draft.contacts} onChange={(contacts) => setDraft({ ...draft, contacts })} errors={within(e, 'contacts')} />
          <CoverageFields value={draft.coverage} onChange={(coverage) => setDraft({ ...draft, coverage })} errors={within(e, 'coverage')} />
          <div className="save-bar">
            <button type="button" className="btn btn-primary" onClick={save} disabled={s.busy} data-testid="save-organization">
              {s.busy ? 'Saving…' : 'Save contacts'}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                if (dirty && !window.confirm('Discard your unsaved changes?')) return;
                setDraft({ contacts: org.contacts ?? EMPTY_CONTACTS, coverage: org.coverage });
                setOpen(false);
              }}
            >
              Cancel
            </button>
            {s.conflicted && (
              <span className="subtle">
                Someone saved meanwhile.{' '}
                <button type="button" className="btn btn-link" onClick={() => flag('warning', 'Reload the page to see the newer contacts')}>
                  Why?
                </button>
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
