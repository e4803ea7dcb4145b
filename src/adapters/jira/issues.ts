import { asApp, asUser, route } from '@forge/api';
import { jira, JiraHttpError, READ, WRITE } from './client';

export const INCIDENT_PROPERTY = 'incident-response';

interface BulkFetch {
  issues: { id: string; key: string; fields: { summary?: string } }[];
}

/** Jira's side of an incident: its summary, the issue property Jira's search indexes, and bulk visibility. */
export const issues = {
  async summary(issueId: string): Promise<string> {
    const r = await jira.read<{ fields?: { summary?: string } }>(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}?fields=summary`, { headers: READ }));
    return r?.fields?.summary ?? '';
  },
  /**
   * Whether the issue still exists for the app: false only when Jira answers 404 (403 is a setup problem).
   * NB: Jira also answers 404 for a ticket whose security level lacks the app's role (see the site check).
   */
  async exists(issueId: string): Promise<boolean> {
    try {
      await jira.send(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}?fields=summary`, { headers: READ }), true);
      return true;
    } catch (e) {
      if (e instanceof JiraHttpError && e.status === 404) return false;
      throw e;
    }
  },
  /** The JQL mirror as Jira has it now (anyone who can edit the issue can rewrite it). */
  async property(issueId: string): Promise<unknown> {
    const r = await jira.read<{ value?: unknown }>(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}/properties/${INCIDENT_PROPERTY}`, { headers: READ }));
    return r?.value;
  },
  /** Mirrors facts into the issue property that `jira:entityProperty` indexes for JQL. */
  async setProperty(issueId: string, value: unknown): Promise<void> {
    const body = JSON.stringify(value);
    await jira.send(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}/properties/${INCIDENT_PROPERTY}`, { method: 'PUT', headers: WRITE, body }), true);
  },
  /**
   * The issues among these (at most 100) that the caller may browse, with their summaries: one bulk call
   * that is also the permission check, since Jira only returns what the user can see.
   */
  async visibleTo(issueIds: string[]): Promise<Map<string, { key: string; summary: string }>> {
    const seen = new Map<string, { key: string; summary: string }>();
    if (issueIds.length === 0) return seen;
    const body = JSON.stringify({ issueIdsOrKeys: issueIds, fields: ['summary'] });
    const r = await jira.send<BulkFetch>(() => asUser().requestJira(route`/rest/api/3/issue/bulkfetch`, { method: 'POST', headers: WRITE, body }), true);
    for (const i of r.data?.issues ?? []) seen.set(String(i.id), { key: i.key, summary: i.fields.summary ?? '' });
    return seen;
  },
  /** Which of these issues (at most 100) the app itself can see: a ticket it cannot is one it cannot serve. */
  async visibleToApp(issueIds: string[]): Promise<Set<string>> {
    if (issueIds.length === 0) return new Set();
    const body = JSON.stringify({ issueIdsOrKeys: issueIds, fields: ['summary'] });
    const r = await jira.send<BulkFetch>(() => asApp().requestJira(route`/rest/api/3/issue/bulkfetch`, { method: 'POST', headers: WRITE, body }), true);
    return new Set((r.data?.issues ?? []).map((i) => String(i.id)));
  },
};
