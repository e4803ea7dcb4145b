import { useCallback, useState } from 'react';
import * as v from 'valibot';
import { adminApi } from '../api';
import { fieldErrors } from '../../../src/contract/envelope';
import type { SettingsView } from '../../../src/contract/admin';
import { SiteSettingsSchema, type IncidentTickets } from '../../../src/domain/site-settings';
import { TextField, within } from '../ui/fields';
import { useSave, useUnsavedGuard } from './useSection';

const listOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
const firstError = (errors: Record<string, string>, key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

/** Which tickets are incidents: the projects and issue types the global page lists (checked against Jira on save). */
export function IncidentTicketsSection({ saved, onSaved }: { saved: SettingsView; onSaved: (v: SettingsView) => void }) {
  const initial: IncidentTickets = saved.settings.incidents;
  const [projects, setProjects] = useState(initial.projects.join(', '));
  const [types, setTypes] = useState(initial.issueTypes.join(', '));
  const draft = { projects: listOf(projects).map((p) => p.toUpperCase()), issueTypes: listOf(types) };
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useUnsavedGuard('site-incidents', dirty);
  const fromServer = useCallback((f: Record<string, string>) => within(f, 'settings.incidents'), []);
  const s = useSave<SettingsView>('Incident tickets saved', fromServer);
  const save = () => {
    const local = v.safeParse(SiteSettingsSchema, { ...saved.settings, incidents: draft });
    if (!local.success) return s.fail(within(fieldErrors(local.issues), 'incidents'));
    void s.run(() => adminApi('save', { version: saved.version, settings: local.output }), onSaved);
  };
  return (
    <section aria-labelledby="incident-tickets-h" className="card" data-testid="section-incident-tickets">
      <h2 id="incident-tickets-h">Incident tickets</h2>
      <p className="subtle">The global page lists every ticket of these projects and issue types that the viewer can browse; new incidents reported from the app are created in the first project with the first issue type.</p>
      <div className="two-col">
        <TextField label="Projects (keys, comma-separated)" name="incidents.projects" value={projects} onChange={setProjects} error={firstError(s.errors, 'projects')} help="For example SEC" />
        <TextField label="Issue types (comma-separated)" name="incidents.issueTypes" value={types} onChange={setTypes} error={firstError(s.errors, 'issueTypes')} help="For example Security incident" />
      </div>
      <div className="save-bar">
        <button type="button" className="btn btn-primary" disabled={s.busy || !dirty} onClick={save} data-testid="save-incidents">
          {s.busy ? 'Saving…' : 'Save incident tickets'}
        </button>
        {dirty && <span className="subtle">Unsaved changes</span>}
        {s.conflicted && <span className="subtle">Someone saved the settings meanwhile: reload the page to see theirs.</span>}
      </div>
    </section>
  );
}
