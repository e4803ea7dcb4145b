import type { JiraModel, Issue, User } from './model';
import { seed } from './model';
import { searchRoutes } from './search';

/** Who is calling: a user (asUser, or the browser's requestJira) or the app itself (asApp). */
export type Caller = { kind: 'user'; accountId: string } | { kind: 'app' };

export interface Route {
  method: string;
  pattern: RegExp;
  scope: string;
  handle: (ctx: RouteContext, m: RegExpMatchArray) => Response;
}
export interface RouteContext {
  jira: JiraModel;
  caller: Caller;
  url: URL;
  body: unknown;
  now: Date;
}

const json = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const notFound = (what: string) => json(404, { errorMessages: [`${what} does not exist or you do not have permission to see it.`], errors: {} });
const badRequest = (message: string) => json(400, { errorMessages: [message], errors: {} });

function userJson(u: User, expandGroups: boolean, jira: JiraModel) {
  return {
    accountId: u.accountId,
    accountType: 'atlassian',
    displayName: u.displayName,
    emailAddress: u.emailAddress,
    timeZone: u.timeZone,
    locale: u.locale,
    active: true,
    ...(expandGroups ? { groups: { size: u.groups.length, items: jira.groups(u.accountId).map((g) => ({ name: g.name, groupId: g.groupId })) } } : {}),
  };
}

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function canSee(ctx: RouteContext, issue: Issue): boolean {
  return ctx.caller.kind === 'app' ? ctx.jira.appCanBrowse(issue) : ctx.jira.canBrowse(ctx.caller.accountId, issue);
}

function issueJson(jira: JiraModel, issue: Issue) {
  const project = jira.project(issue.project)!;
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      description: adf(issue.description),
      issuetype: { name: issue.issueType },
      project: { id: project.id, key: project.key, name: project.name },
      created: issue.created,
      attachment: issue.attachments.map((a) => ({ ...a, author: { accountId: a.author, displayName: jira.user(a.author)?.displayName } })),
    },
  };
}

function withIssue(ctx: RouteContext, idOrKey: string, then: (issue: Issue) => Response): Response {
  const issue = ctx.jira.issue(decodeURIComponent(idOrKey));
  if (!issue || !canSee(ctx, issue)) return notFound('Issue');
  return then(issue);
}

// Comment properties come back only where Jira documents `expand=properties` (POST /comment/list), not on the
// issue's comment list, so the app cannot come to depend on the undocumented form.
function commentJson(jira: JiraModel, c: ReturnType<JiraModel['comments']>[number], withProperties = false) {
  return { id: c.id, author: { accountId: c.author, displayName: jira.user(c.author)?.displayName ?? seed.app.displayName }, body: c.body, created: c.created, ...(withProperties ? { properties: c.properties } : {}) };
}

/** A comment by id, if the caller may see its issue. */
function visibleComment(ctx: RouteContext, id: string) {
  const found = ctx.jira.commentById(id);
  if (!found) return undefined;
  const issue = ctx.jira.issue(found.issueId);
  return issue && canSee(ctx, issue) ? found.comment : undefined;
}

const PERMISSIONS = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADD_COMMENTS', 'CREATE_ATTACHMENTS', 'ADMINISTER'];

function permissionAnswer(ctx: RouteContext, permission: string, issue?: Issue, projectKey?: string): boolean {
  if (ctx.caller.kind === 'app') return permission !== 'ADMINISTER' && (!issue || ctx.jira.appCanBrowse(issue));
  const id = ctx.caller.accountId;
  if (permission === 'ADMINISTER') return ctx.jira.hasGlobal(id, permission);
  if (issue) return ctx.jira.hasIssue(id, issue, permission);
  if (projectKey) return ctx.jira.hasProject(id, projectKey, permission);
  // Without a project or issue, Jira answers whether the permission is held in at least one project.
  return seed.projects.some((p) => ctx.jira.hasProject(id, p.key, permission));
}

const routes: Route[] = [
  // Search, create and project metadata (search.ts), with this file's answers and visibility rule.
  ...searchRoutes({ json, badRequest, notFound, canSee, adf }),
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/myself$/, scope: 'read:jira-user',
    handle: (ctx) => {
      if (ctx.caller.kind === 'app') return json(200, { accountId: seed.app.accountId, accountType: 'app', displayName: seed.app.displayName, active: true });
      const u = ctx.jira.user(ctx.caller.accountId)!;
      return json(200, userJson(u, (ctx.url.searchParams.get('expand') ?? '').split(',').includes('groups'), ctx.jira));
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/user$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const u = ctx.jira.user(ctx.url.searchParams.get('accountId') ?? '');
      return u ? json(200, userJson(u, (ctx.url.searchParams.get('expand') ?? '').split(',').includes('groups'), ctx.jira)) : notFound('User');
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/user\/bulk$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const ids = ctx.url.searchParams.getAll('accountId');
      const values = ids.map((id) => ctx.jira.user(id)).filter((u): u is User => !!u).map((u) => userJson(u, false, ctx.jira));
      return json(200, { startAt: 0, maxResults: values.length, total: values.length, isLast: true, values });
    },
  },
  {
    // Jira's user search: people whose display name or email address starts a word with the query (an array).
    method: 'GET', pattern: /^\/rest\/api\/3\/user\/search$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const q = (ctx.url.searchParams.get('query') ?? '').trim().toLowerCase();
      if (!q) return badRequest('The query parameter is required.');
      const max = Math.min(Number(ctx.url.searchParams.get('maxResults') ?? 50) || 50, 1000);
      const words = (u: User) => `${u.displayName} ${u.emailAddress}`.toLowerCase().split(/[\s@.()]+/);
      const found = seed.users.filter((u) => words(u).some((w) => w.startsWith(q)) || u.displayName.toLowerCase().startsWith(q));
      return json(200, found.slice(0, max).map((u) => userJson(u, false, ctx.jira)));
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/user\/groups$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const id = ctx.url.searchParams.get('accountId') ?? '';
      return ctx.jira.user(id) ? json(200, ctx.jira.groups(id).map((g) => ({ name: g.name, groupId: g.groupId }))) : notFound('User');
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/groups\/picker$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const q = (ctx.url.searchParams.get('query') ?? '').toLowerCase();
      const max = Math.min(Number(ctx.url.searchParams.get('maxResults') ?? 20) || 20, 1000);
      const all = seed.groups.filter((g) => g.name.toLowerCase().includes(q));
      return json(200, { header: `Showing ${Math.min(max, all.length)} of ${all.length} matching groups`, total: all.length, groups: all.slice(0, max).map((g) => ({ name: g.name, html: g.name, groupId: g.groupId })) });
    },
  },
  {
    // Jira's exact group lookup: only groups whose name (or id) is one of those asked for, paged.
    method: 'GET', pattern: /^\/rest\/api\/3\/group\/bulk$/, scope: 'read:jira-user',
    handle: (ctx) => {
      const names = ctx.url.searchParams.getAll('groupName');
      const ids = ctx.url.searchParams.getAll('groupId');
      const max = Math.min(Number(ctx.url.searchParams.get('maxResults') ?? 50) || 50, 50);
      const all = seed.groups.filter((g) => names.includes(g.name) || ids.includes(g.groupId));
      return json(200, { startAt: 0, maxResults: max, total: all.length, isLast: all.length <= max, values: all.slice(0, max).map((g) => ({ name: g.name, groupId: g.groupId })) });
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/mypermissions$/, scope: 'read:jira-work',
    handle: (ctx) => {
      const wanted = (ctx.url.searchParams.get('permissions') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      if (wanted.length === 0) return badRequest('The permissions query parameter is required.');
      const unknown = wanted.find((p) => !PERMISSIONS.includes(p));
      if (unknown) return badRequest(`Unrecognized permission: ${unknown}`);
      const issueRef = ctx.url.searchParams.get('issueKey') ?? ctx.url.searchParams.get('issueId');
      const projectRef = ctx.url.searchParams.get('projectKey') ?? ctx.url.searchParams.get('projectId');
      let issue: Issue | undefined;
      if (issueRef) {
        issue = ctx.jira.issue(issueRef);
        if (!issue) return notFound('Issue');
      }
      const projectKey = projectRef ? ctx.jira.project(projectRef)?.key : undefined;
      if (projectRef && !projectKey) return notFound('Project');
      const permissions = Object.fromEntries(wanted.map((p) => [p, { key: p, havePermission: permissionAnswer(ctx, p, issue, projectKey) }]));
      return json(200, { permissions });
    },
  },
  {
    method: 'POST', pattern: /^\/rest\/api\/3\/permissions\/check$/, scope: 'read:permission:jira',
    handle: (ctx) => {
      const body = (ctx.body ?? {}) as { accountId?: string; globalPermissions?: string[]; projectPermissions?: { permissions: string[]; issues?: (string | number)[]; projects?: (string | number)[] }[] };
      const who: RouteContext = body.accountId ? { ...ctx, caller: { kind: 'user', accountId: body.accountId } } : ctx;
      if (body.accountId && !ctx.jira.user(body.accountId)) return badRequest('Unknown accountId.');
      const projectPermissions = (body.projectPermissions ?? []).flatMap((pp) =>
        (pp.permissions ?? []).map((permission) => ({
          permission,
          issues: (pp.issues ?? []).map(Number).filter((id) => {
            const issue = ctx.jira.issue(String(id));
            return !!issue && permissionAnswer(who, permission, issue);
          }),
          projects: (pp.projects ?? []).map(Number).filter((id) => {
            const p = ctx.jira.project(String(id));
            return !!p && permissionAnswer(who, permission, undefined, p.key);
          }),
        })),
      );
      const globalPermissions = (body.globalPermissions ?? []).filter((p) => permissionAnswer(who, p));
      return json(200, { globalPermissions, projectPermissions });
    },
  },
  {
    // Jira's bulk fetch: only the issues the caller may browse come back (the others are listed as errors).
    method: 'POST', pattern: /^\/rest\/api\/3\/issue\/bulkfetch$/, scope: 'read:jira-work',
    handle: (ctx) => {
      const body = (ctx.body ?? {}) as { issueIdsOrKeys?: unknown[]; fields?: string[] };
      const refs = Array.isArray(body.issueIdsOrKeys) ? body.issueIdsOrKeys.map(String) : [];
      if (refs.length === 0 || refs.length > 100) return badRequest('issueIdsOrKeys must list 1 to 100 issues.');
      const issues = [];
      const issueErrors = [];
      for (const ref of refs) {
        const issue = ctx.jira.issue(ref);
        if (issue && canSee(ctx, issue)) issues.push(issueJson(ctx.jira, issue));
        else issueErrors.push({ issueIdsOrKeys: [ref], errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
      }
      return json(200, { issues, issueErrors });
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, scope: 'read:jira-work',
    handle: (ctx, m) => withIssue(ctx, m[1]!, (issue) => json(200, issueJson(ctx.jira, issue))),
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, scope: 'read:jira-work',
    handle: (ctx, m) =>
      withIssue(ctx, m[1]!, (issue) => {
        const all = ctx.jira.comments(issue.id).map((c) => commentJson(ctx.jira, c));
        const startAt = Number(ctx.url.searchParams.get('startAt') ?? 0);
        const maxResults = Math.min(Number(ctx.url.searchParams.get('maxResults') ?? 50), 5000);
        return json(200, { startAt, maxResults, total: all.length, comments: all.slice(startAt, startAt + maxResults) });
      }),
  },
  {
    method: 'POST', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, scope: 'write:jira-work',
    handle: (ctx, m) =>
      withIssue(ctx, m[1]!, (issue) => {
        const body = (ctx.body ?? {}) as { body?: unknown; properties?: { key: string; value: unknown }[] };
        if (!body.body || typeof body.body !== 'object') return badRequest('Comment body is required (Atlassian Document Format).');
        if (ctx.caller.kind === 'user' && !ctx.jira.hasIssue(ctx.caller.accountId, issue, 'ADD_COMMENTS')) return json(403, { errorMessages: ['You do not have permission to comment on this issue.'] });
        const author = ctx.caller.kind === 'app' ? seed.app.accountId : ctx.caller.accountId;
        const c = ctx.jira.addComment(issue.id, author, body.body, body.properties ?? [], ctx.now);
        return json(201, commentJson(ctx.jira, c));
      }),
  },
  {
    // Comments by id (at most 1,000), with their properties when asked: Jira's documented way to read them.
    method: 'POST', pattern: /^\/rest\/api\/3\/comment\/list$/, scope: 'read:jira-work',
    handle: (ctx) => {
      const ids = (ctx.body as { ids?: unknown } | undefined)?.ids;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((x) => Number.isInteger(x))) return badRequest('ids must list 1 to 1000 comment ids (integers).');
      const expand = (ctx.url.searchParams.get('expand') ?? '').split(',').includes('properties');
      const values = ids.flatMap((id) => {
        const c = visibleComment(ctx, String(id));
        return c ? [commentJson(ctx.jira, c, expand)] : [];
      });
      return json(200, { startAt: 0, maxResults: 1000, total: values.length, isLast: true, values });
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/comment\/([^/]+)\/properties\/([^/]+)$/, scope: 'read:jira-work',
    handle: (ctx, m) => {
      const c = visibleComment(ctx, decodeURIComponent(m[1]!));
      if (!c) return notFound('Comment');
      const key = decodeURIComponent(m[2]!);
      const p = c.properties.find((x) => x.key === key);
      return p ? json(200, { key, value: p.value }) : notFound('Property');
    },
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties$/, scope: 'read:jira-work',
    handle: (ctx, m) => withIssue(ctx, m[1]!, (issue) => json(200, { keys: ctx.jira.propertyKeys(issue.id).map((key) => ({ key })) })),
  },
  {
    method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, scope: 'read:jira-work',
    handle: (ctx, m) =>
      withIssue(ctx, m[1]!, (issue) => {
        const key = decodeURIComponent(m[2]!);
        const value = ctx.jira.property(issue.id, key);
        return value === undefined ? notFound('Property') : json(200, { key, value });
      }),
  },
  {
    method: 'PUT', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, scope: 'write:jira-work',
    handle: (ctx, m) =>
      withIssue(ctx, m[1]!, (issue) => {
        const key = decodeURIComponent(m[2]!);
        if (key.length > 255) return badRequest('The property key cannot be longer than 255 characters.');
        if (ctx.body === undefined) return badRequest('The property value must be valid JSON.');
        if (JSON.stringify(ctx.body).length > 32768) return badRequest('The property value is too large (32768 characters at most).');
        if (ctx.caller.kind === 'user' && !ctx.jira.hasIssue(ctx.caller.accountId, issue, 'EDIT_ISSUES')) return json(403, { errorMessages: ['You do not have permission to edit this issue.'] });
        return json(ctx.jira.setProperty(issue.id, key, ctx.body) ? 201 : 200);
      }),
  },
  {
    method: 'DELETE', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, scope: 'write:jira-work',
    handle: (ctx, m) => withIssue(ctx, m[1]!, (issue) => (ctx.jira.deleteProperty(issue.id, decodeURIComponent(m[2]!)) ? json(204) : notFound('Property'))),
  },
];

/** Answers one Jira REST call as the given caller, enforcing the manifest's scopes as Forge's proxy does. */
export function handleJira(jira: JiraModel, scopes: Set<string>, caller: Caller, method: string, path: string, body: unknown, now: Date): Response {
  const url = new URL(path, 'http://jira.local');
  const route = routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(url.pathname));
  if (!route) return json(404, { errorMessages: [`No local Jira endpoint for ${method} ${url.pathname}`] });
  if (!scopes.has(route.scope)) return json(401, { code: 401, message: 'Unauthorized; scope does not match' });
  if (caller.kind === 'user' && !jira.user(caller.accountId)) return json(401, { code: 401, message: 'Unauthorized' });
  return route.handle({ jira, caller, url, body, now }, url.pathname.match(route.pattern)!);
}
