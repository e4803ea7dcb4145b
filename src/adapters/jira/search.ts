import { asApp, asUser, route } from '@forge/api';
import { jira, READ, WRITE } from './client';

/** The intake property: what a reporter typed, written with the ticket so nothing is lost if the record is not. */
export const INTAKE_PROPERTY = 'incident-response-intake';

export interface SearchHit {
  id: string;
  key: string;
  summary: string;
  created: string;
  /** The intake property, when the ticket was reported from the app (unparsed: the use case validates it). */
  intake?: unknown;
}
export type SearchAnswer = { ok: true; hits: SearchHit[]; nextPageToken?: string } | { ok: false; messages: string[] };

interface SearchBody {
  issues?: { id: string; key: string; fields?: { summary?: string; created?: string }; properties?: Record<string, unknown> }[];
  nextPageToken?: string;
}

/** Jira's side of the queue: its search as the user (Jira filters by permission), creation, and project metadata. */
export const jiraSearch = {
  /** One page of Jira's enhanced search; a query Jira refuses comes back with Jira's messages. */
  async page(jql: string, maxResults: number, nextPageToken?: string): Promise<SearchAnswer> {
    const body = JSON.stringify({ jql, maxResults, fields: ['summary', 'created'], properties: [INTAKE_PROPERTY], ...(nextPageToken ? { nextPageToken } : {}) });
    const r = await jira.answer<SearchBody>(() => asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: WRITE, body }), true);
    if (!r.ok) return { ok: false, messages: r.messages.length ? r.messages : [`Jira answered ${r.status}`] };
    const hits = (r.data.issues ?? []).map((i) => ({ id: String(i.id), key: i.key, summary: i.fields?.summary ?? '', created: i.fields?.created ?? '', ...(i.properties?.[INTAKE_PROPERTY] !== undefined ? { intake: i.properties[INTAKE_PROPERTY] } : {}) }));
    return r.data.nextPageToken ? { ok: true, hits, nextPageToken: r.data.nextPageToken } : { ok: true, hits };
  },

  /** Creates a ticket as the user, with its security level and the intake property in the same request. */
  async create(f: { project: string; issueType: string; summary: string; description: string; securityLevelId: string | null; intake: unknown }) {
    const description = { type: 'doc', version: 1, content: f.description.split(/\n{2,}/).filter(Boolean).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
    const body = JSON.stringify({
      fields: { project: { key: f.project }, issuetype: { name: f.issueType }, summary: f.summary, description, ...(f.securityLevelId ? { security: { id: f.securityLevelId } } : {}) },
      properties: [{ key: INTAKE_PROPERTY, value: f.intake }],
    });
    return jira.answer<{ id: string; key: string }>(() => asUser().requestJira(route`/rest/api/3/issue`, { method: 'POST', headers: WRITE, body }));
  },

  /** The project's key and issue type names, or null when it does not exist (or the caller cannot see it). */
  async project(key: string): Promise<{ key: string; issueTypes: string[] } | null> {
    const p = await jira.read<{ key: string; issueTypes?: { name: string }[] }>(() => asApp().requestJira(route`/rest/api/3/project/${key}`, { headers: READ }));
    return p ? { key: p.key, issueTypes: (p.issueTypes ?? []).map((t) => t.name) } : null;
  },

  async securityLevels(projectKey: string): Promise<{ id: string; name: string }[]> {
    const r = await jira.read<{ levels?: { id: string; name: string }[] }>(() => asApp().requestJira(route`/rest/api/3/project/${projectKey}/securitylevel`, { headers: READ }));
    return (r?.levels ?? []).map((l) => ({ id: String(l.id), name: l.name }));
  },
};
