import { jira, route } from './client';

export const REMINDER_PROPERTY = 'incident-response-reminder';

interface CommentPage {
  total: number;
  comments: { id: string; properties?: { key: string; value: unknown }[] }[];
}

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
/** A comment body: plain text, or an ADF document the domain built (with mentions). */
type Body = string | { type: 'doc'; version: 1; content: unknown[] };

/** Comments the app posts on an incident, tagged with a property so a retried post can be recognised. */
export const comments = {
  /** The id of the app's comment already posted for this reminder, if any. */
  async findReminder(issueId: string, reminderKey: string): Promise<string | undefined> {
    for (let startAt = 0; ; startAt += 100) {
      const page = await jira.get<CommentPage>('app', route`/rest/api/3/issue/${issueId}/comment?startAt=${startAt}&maxResults=100&expand=properties`);
      const hit = page?.comments.find((c) => c.properties?.some((p) => p.key === REMINDER_PROPERTY && (p.value as { reminder?: unknown })?.reminder === reminderKey));
      if (hit) return hit.id;
      if (!page || startAt + 100 >= page.total) return undefined;
    }
  },
  async postReminder(issueId: string, reminderKey: string, text: Body): Promise<string> {
    const r = await jira.send<{ id: string }>('app', 'POST', route`/rest/api/3/issue/${issueId}/comment`, { body: typeof text === 'string' ? adf(text) : text, properties: [{ key: REMINDER_PROPERTY, value: { reminder: reminderKey } }] });
    return r.data?.id ?? '';
  },
};
