import { asUser, route } from '@forge/api';
import { jira, READ } from './client';

interface MyPermissions {
  permissions: Record<string, { havePermission: boolean }>;
}
interface Myself {
  accountId: string;
  displayName: string;
  timeZone?: string;
  groups?: { items: { name: string; groupId?: string }[] };
}

const has = (p: MyPermissions | undefined, key: string) => p?.permissions[key]?.havePermission === true;

/** The caller's own answers from Jira: who they are, their groups, and what they may do. */
export const permissions = {
  async myself(): Promise<{ accountId: string; displayName: string; groups: string[] }> {
    const me = await jira.read<Myself>(() => asUser().requestJira(route`/rest/api/3/myself?expand=groups`, { headers: READ }));
    return { accountId: me?.accountId ?? '', displayName: me?.displayName ?? '', groups: (me?.groups?.items ?? []).map((g) => g.name) };
  },
  async onIssue(issueId: string): Promise<{ browse: boolean; edit: boolean; comment: boolean }> {
    const p = await jira.read<MyPermissions>(() => asUser().requestJira(route`/rest/api/3/mypermissions?issueId=${issueId}&permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADD_COMMENTS`, { headers: READ }));
    return { browse: has(p, 'BROWSE_PROJECTS'), edit: has(p, 'EDIT_ISSUES'), comment: has(p, 'ADD_COMMENTS') };
  },
  /** Global answers: ADMINISTER, and whether the user can browse at least one project. */
  async global(): Promise<{ administer: boolean; browseAny: boolean }> {
    const p = await jira.read<MyPermissions>(() => asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS`, { headers: READ }));
    return { administer: has(p, 'ADMINISTER'), browseAny: has(p, 'BROWSE_PROJECTS') };
  },
};
