import { asApp, route } from '@forge/api';
import { jira, READ, WRITE } from './client';

export const REMINDER_PROPERTY = 'incident-response-reminder';

interface CommentPage {
  total: number;
  comments: { id: string; author?: { accountId?: string } }[];
}
interface CommentList {
  values: { id: string; author?: { accountId?: string }; properties?: { key: string; value: unknown }[] }[];
}

/** A paragraph of text, then a mention of each account (Jira notifies the people mentioned). */
const adf = (text: string, mentions: readonly string[] = []) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }, ...mentions.flatMap((id) => [{ type: 'text', text: ' ' }, { type: 'mention', attrs: { id } }])] }],
});
// Jira's documented limit of comment ids per `comment/list` request.
const LIST_MAX = 1000;

/** Comments the app posts on an incident, tagged with a property so a retried post can be recognised. */
export const comments = {
  /** The app's own account: only its comments count as reminders it posted. */
  async appAccountId(): Promise<string> {
    const me = await jira.read<{ accountId?: string }>(() => asApp().requestJira(route`/rest/api/3/myself`, { headers: READ }));
    if (!me?.accountId) throw new Error('Jira did not say which account the app is');
    return me.accountId;
  },

  /**
   * The id of the comment the app already posted for this reminder, if any. Only comments whose author is
   * the app count (anyone who can comment can set a comment property); their properties are read through the
   * documented `POST /rest/api/3/comment/list?expand=properties`.
   */
  async findReminder(issueId: string, reminderKey: string, appAccountId: string): Promise<string | undefined> {
    for (let startAt = 0; ; startAt += 100) {
      const page = await jira.read<CommentPage>(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}/comment?startAt=${startAt}&maxResults=100`, { headers: READ }));
      const mine = (page?.comments ?? []).filter((c) => c.author?.accountId === appAccountId).map((c) => Number(c.id));
      for (let i = 0; i < mine.length; i += LIST_MAX) {
        const body = JSON.stringify({ ids: mine.slice(i, i + LIST_MAX) });
        const r = await jira.send<CommentList>(() => asApp().requestJira(route`/rest/api/3/comment/list?expand=properties`, { method: 'POST', headers: WRITE, body }), true);
        const hit = (r.data?.values ?? []).find(
          (c) => c.author?.accountId === appAccountId && c.properties?.some((p) => p.key === REMINDER_PROPERTY && (p.value as { reminder?: unknown })?.reminder === reminderKey),
        );
        if (hit) return String(hit.id);
      }
      if (!page || startAt + 100 >= page.total) return undefined;
    }
  },

  /** Posts the reminder as the app (mentioning `mentions`); answers the new comment's id (a post Jira did not confirm is an error). */
  async postReminder(issueId: string, reminderKey: string, text: string, mentions: readonly string[] = []): Promise<string> {
    const body = JSON.stringify({ body: adf(text, mentions), properties: [{ key: REMINDER_PROPERTY, value: { reminder: reminderKey } }] });
    const r = await jira.send<{ id?: string }>(() => asApp().requestJira(route`/rest/api/3/issue/${issueId}/comment`, { method: 'POST', headers: WRITE, body }));
    if (!r.data?.id) throw new Error(`Jira answered ${r.status} without a comment id`);
    return String(r.data.id);
  },
};
