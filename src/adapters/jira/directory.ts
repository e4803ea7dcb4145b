import { jira, route } from './client';

interface GroupPicker {
  groups: { name: string; groupId?: string }[];
}
interface UserPage {
  values: { accountId: string; displayName: string }[];
}

const BULK_USERS_MAX = 50;

/** The site's groups and people, as the app sees them. */
export const directory = {
  /** Group names matching a query (Jira's group picker), at most `max`. */
  async findGroups(query: string, max = 20): Promise<string[]> {
    const r = await jira.get<GroupPicker>('user', route`/rest/api/3/groups/picker?query=${query}&maxResults=${max}`);
    return (r?.groups ?? []).map((g) => g.name);
  },
  /** Whether a group with exactly this name exists. */
  async groupExists(name: string): Promise<boolean> {
    return (await this.findGroups(name, 1000)).includes(name);
  },
  /** People whose name or email matches, as Jira's user search answers the caller (at most `max`). */
  async findUsers(query: string, max = 10): Promise<{ accountId: string; displayName: string }[]> {
    const r = await jira.get<{ accountId: string; displayName: string; accountType?: string }[]>('user', route`/rest/api/3/user/search?query=${query}&maxResults=${max}`);
    return (r ?? []).filter((u) => u.accountType === undefined || u.accountType === 'atlassian').map((u) => ({ accountId: u.accountId, displayName: u.displayName }));
  },
  /** Display names for account IDs, one bulk call per 50 (unknown or hidden people are left out). */
  async displayNames(accountIds: string[]): Promise<Record<string, string>> {
    const unique = [...new Set(accountIds)].filter(Boolean);
    const names: Record<string, string> = {};
    for (let i = 0; i < unique.length; i += BULK_USERS_MAX) {
      const ids = unique.slice(i, i + BULK_USERS_MAX);
      const query = new URLSearchParams(ids.map((id) => ['accountId', id]));
      query.set('maxResults', String(BULK_USERS_MAX));
      const r = await jira.get<UserPage>('app', route`/rest/api/3/user/bulk?${query}`);
      for (const u of r?.values ?? []) names[u.accountId] = u.displayName;
    }
    return names;
  },
};
