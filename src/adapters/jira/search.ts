import { jira, route } from './client';

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
    const r = await jira.answer<SearchBody>('user', 'POST', route`/rest/api/3/search/jql`, { jql, maxResults, fields: ['summary', 'created'], properties: [INTAKE_PROPERTY], ...(nextPageToken ? { nextPageToken } : {}) }, true);
    if (!r.ok) return { ok: false, messages: r.messages.length ? r.messages : [`Jira answered ${r.status}`] };
    const hits = (r.data.issues ?? []).map((i) => ({ id: String(i.id), key: i.key, summary: i.fields?.summary ?? '', created: i.fields?.created ?? '', ...(i.properties?.[INTAKE_PROPERTY] !== undefined ? { intake: i.properties[INTAKE_PROPERTY] } : {}) }));
    return r.data.nextPageToken ? { ok: true, hits, nextPageToken: r.data.nextPageToken } : { ok: true, hits };
  },

  /** Creates a ticket as the user, with its security level and the intake property in the same request. */
  async create(f: { project: string; issueType: string; summary: string; description: string; securityLevelId: string | null; intake: unknown }) {
    const description = { type: 'doc', version: 1, content: f.description.split(/\n{2,}/).filter(Boolean).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
    return jira.answer<{ id: string; key: string }>('user', 'POST', route`/rest/api/3/issue`, {
      fields: { project: { key: f.project }, issuetype: { name: f.issueType }, summary: f.summary, description, ...(f.securityLevelId ? { security: { id: f.securityLevelId } } : {}) },
      properties: [{ key: INTAKE_PROPERTY, value: f.intake }],
    });
  },

  /** The project's key and issue type names, or null when it does not exist (or the caller cannot see it). */
  async project(key: string): Promise<{ key: string; issueTypes: string[] } | null> {
    const p = await jira.get<{ key: string; issueTypes?: { name: string }[] }>('app', route`/rest/api/3/project/${key}`);
    return p ? { key: p.key, issueTypes: (p.issueTypes ?? []).map((t) => t.name) } : null;
  },

  async securityLevels(projectKey: string): Promise<{ id: string; name: string }[]> {
    const r = await jira.get<{ levels?: { id: string; name: string }[] }>('app', route`/rest/api/3/project/${projectKey}/securitylevel`);
    return (r?.levels ?? []).map((l) => ({ id: String(l.id), name: l.name }));
  },
};
