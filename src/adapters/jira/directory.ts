import { asApp, asUser, route } from '@forge/api';
import { jira, READ } from './client';

interface GroupPicker {
  groups: { name: string; groupId?: string }[];
}
interface GroupPage {
  values: { name: string; groupId?: string }[];
}
interface UserPage {
  values: { accountId: string; displayName: string }[];
}

const BULK_USERS_MAX = 50;

/** The site's groups and people, as the app sees them. */
export const directory = {
  /** Group names matching a query (Jira's group picker, for suggestions: capped and fuzzy), at most `max`. */
  async findGroups(query: string, max = 20): Promise<string[]> {
    const r = await jira.read<GroupPicker>(() => asUser().requestJira(route`/rest/api/3/groups/picker?query=${query}&maxResults=${max}`, { headers: READ }));
    return (r?.groups ?? []).map((g) => g.name);
  },
  /** Whether a group with exactly this name exists: Jira's exact lookup by name, not the capped picker. */
  async groupExists(name: string): Promise<boolean> {
    const r = await jira.read<GroupPage>(() => asUser().requestJira(route`/rest/api/3/group/bulk?groupName=${name}&maxResults=1`, { headers: READ }));
    return (r?.values ?? []).some((g) => g.name === name);
  },
  /** People whose name or email matches, as Jira's user search answers the caller (at most `max`). */
  async findUsers(query: string, max = 10): Promise<{ accountId: string; displayName: string }[]> {
    const r = await jira.read<{ accountId: string; displayName: string; accountType?: string }[]>(() => asUser().requestJira(route`/rest/api/3/user/search?query=${query}&maxResults=${max}`, { headers: READ }));
    return (r ?? []).filter((u) => u.accountType === undefined || u.accountType === 'atlassian').map((u) => ({ accountId: u.accountId, displayName: u.displayName }));
  },
  /**
   * Display names for account IDs, one bulk call per 50 (unknown or hidden people are left out). Jira's
   * user/bulk documents account IDs only, so callers pass people, never the app's pseudo-actors.
   */
  async displayNames(accountIds: string[]): Promise<Record<string, string>> {
    const unique = [...new Set(accountIds)].filter(Boolean);
    const names: Record<string, string> = {};
    for (let i = 0; i < unique.length; i += BULK_USERS_MAX) {
      const ids = unique.slice(i, i + BULK_USERS_MAX);
      const query = new URLSearchParams(ids.map((id) => ['accountId', id]));
      query.set('maxResults', String(BULK_USERS_MAX));
      const r = await jira.read<UserPage>(() => asApp().requestJira(route`/rest/api/3/user/bulk?${query}`, { headers: READ }));
      for (const u of r?.values ?? []) names[u.accountId] = u.displayName;
    }
    return names;
  },
};
