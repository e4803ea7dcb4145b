import { jira, JiraHttpError, route } from './client';

export const INCIDENT_PROPERTY = 'incident-response';

interface BulkFetch {
  issues: { id: string; key: string; fields: { summary?: string } }[];
}

/** Jira's side of an incident: its summary, the issue property Jira's search indexes, and bulk visibility. */
export const issues = {
  async summary(issueId: string): Promise<string> {
    const r = await jira.get<{ fields?: { summary?: string } }>('app', route`/rest/api/3/issue/${issueId}?fields=summary`);
    return r?.fields?.summary ?? '';
  },
  /** Whether the issue still exists for the app: false only when Jira answers 404 (403 is a setup problem). */
  async exists(issueId: string): Promise<boolean> {
    try {
      await jira.send('app', 'GET', route`/rest/api/3/issue/${issueId}?fields=summary`, undefined, true);
      return true;
    } catch (e) {
      if (e instanceof JiraHttpError && e.status === 404) return false;
      throw e;
    }
  },
  /** The JQL mirror as Jira has it now (anyone who can edit the issue can rewrite it). */
  async property(issueId: string): Promise<unknown> {
    const r = await jira.get<{ value?: unknown }>('app', route`/rest/api/3/issue/${issueId}/properties/${INCIDENT_PROPERTY}`);
    return r?.value;
  },
  /** Mirrors facts into the issue property that `jira:entityProperty` indexes for JQL. */
  async setProperty(issueId: string, value: unknown): Promise<void> {
    await jira.send('app', 'PUT', route`/rest/api/3/issue/${issueId}/properties/${INCIDENT_PROPERTY}`, value, true);
  },
  /**
   * The issues among these (at most 100) that the caller may browse, with their summaries: one bulk call
   * that is also the permission check, since Jira only returns what the user can see.
   */
  async visibleTo(issueIds: string[]): Promise<Map<string, { key: string; summary: string }>> {
    const seen = new Map<string, { key: string; summary: string }>();
    if (issueIds.length === 0) return seen;
    const r = await jira.send<BulkFetch>('user', 'POST', route`/rest/api/3/issue/bulkfetch`, { issueIdsOrKeys: issueIds, fields: ['summary'] }, true);
    for (const i of r.data?.issues ?? []) seen.set(String(i.id), { key: i.key, summary: i.fields.summary ?? '' });
    return seen;
  },
};
