import { describe, expect, it } from 'vitest';
import { JiraModel, seed } from '../../local/jira/model';
import { handleJira } from '../../local/jira/rest';
import { searchAliases } from '../../local/jira/aliases';
import { readManifest } from '../../local/manifest';
import { queueJql, jqlText, searchProblem } from '../../src/domain/queue';

const IR = seed.users.find((u) => u.persona === 'ir-analyst')!.accountId;
const ACME = seed.users.find((u) => u.persona === 'partner-acme')!.accountId;
const now = new Date('2026-11-23T09:00:00.000Z');

function jira() {
  const j = new JiraModel();
  j.aliases = searchAliases(readManifest('manifest.yml').raw);
  return j;
}
async function search(j: JiraModel, who: string, body: Record<string, unknown>) {
  const r = handleJira(j, new Set(['read:jira-work', 'write:jira-work']), { kind: 'user', accountId: who }, 'POST', '/rest/api/3/search/jql', body, now);
  return { status: r.status, body: (await r.json()) as { issues?: { key: string }[]; nextPageToken?: string; errorMessages?: string[] } };
}
const tickets = { projects: ['SEC'], issueTypes: ['Security incident'] };

describe("the local Jira's search", () => {
  it('finds a summary containing any hostile text through the escaped JQL, and nothing else', async () => {
    const j = jira();
    const hostile = ['" OR project = SEC OR summary ~ "', 'back\\slash \\" end', "it's (100%) [broken] {x} a+b-c && d || !e ^f ~g *h ?i :j /k", 'AND ORDER BY key'];
    for (const text of hostile) {
      const created = handleJira(j, new Set(['write:jira-work']), { kind: 'user', accountId: IR }, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SEC' }, issuetype: { name: 'Security incident' }, summary: `Report: ${text}` } }, now);
      expect(created.status, text).toBe(201);
      const { key } = (await created.json()) as { key: string };
      expect(searchProblem(text)).toBeNull();
      const r = await search(j, IR, { jql: queueJql({ tickets, view: 'triage', role: 'ir', filters: { search: text } }), maxResults: 50 });
      expect(r.status, `${text}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.issues!.map((i) => i.key), text).toEqual([key]);
    }
    expect(jqlText('a"b\\c')).toBe('"a\\\\\\"b\\\\\\\\c"');
  });

  it("refuses what Jira refuses, in Jira's words", async () => {
    const j = jira();
    for (const [jql, message] of [
      ['summary ~ and', /reserved JQL word/],
      ['summary ~ "open', /not closed/],
      ['nosuchfield = 1', /Field 'nosuchfield' does not exist/],
      ['project = GONE', /The value 'GONE' does not exist for the field 'project'/],
      ['summary ~ "a\\qb"', /illegal JQL escape/],
      ['ORDER BY key', /Unbounded JQL/],
      ['project = SEC AND', /Expecting a field name/],
    ] as const) {
      const r = await search(j, IR, { jql });
      expect(r.status, jql).toBe(400);
      expect(r.body.errorMessages!.join(' '), jql).toMatch(message);
    }
  });

  it('pages with nextPageToken as the enhanced search does, only over what the caller may browse', async () => {
    const j = jira();
    const jql = 'project = SEC ORDER BY key ASC';
    const first = await search(j, IR, { jql, maxResults: 2 });
    expect(first.body.issues!.map((i) => i.key)).toEqual(['SEC-1', 'SEC-2']);
    const second = await search(j, IR, { jql, maxResults: 2, nextPageToken: first.body.nextPageToken });
    expect(second.body.issues!.map((i) => i.key)).toEqual(['SEC-3']);
    expect(second.body.nextPageToken).toBeUndefined();
    expect((await search(j, IR, { jql: 'project = SEC ORDER BY key DESC', nextPageToken: first.body.nextPageToken })).status).toBe(400);
    expect((await search(j, ACME, { jql })).body.issues!.map((i) => i.key)).toEqual(['SEC-1']);
  });

  it('creates an issue with a security level only for someone who may set it, and only with a level of the project', async () => {
    const j = jira();
    const create = (who: string, security: unknown) => handleJira(j, new Set(['write:jira-work']), { kind: 'user', accountId: who }, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SEC' }, issuetype: { name: 'Security incident' }, summary: 'x', security } }, now);
    expect(create(ACME, { id: '99999' }).status).toBe(400);
    const observer = seed.users.find((u) => u.persona === 'viewer-browse')!.accountId;
    expect(create(observer, { id: '10101' }).status).toBe(400);
    const ok = create(ACME, { id: '10101' });
    expect(ok.status).toBe(201);
    const { key } = (await ok.json()) as { key: string };
    expect(j.securityLevel(j.issue(key)!)?.name).toBe('Acme and IR');
    const globex = seed.users.find((u) => u.persona === 'partner-globex')!.accountId;
    expect(j.canBrowse(globex, j.issue(key)!)).toBe(false);
    expect(j.canBrowse(IR, j.issue(key)!)).toBe(true);
  });
});
