// The local Jira's search (`/rest/api/3/search/jql`, enhanced search with `nextPageToken`), issue creation
// (`POST /rest/api/3/issue`, with a security level) and the project metadata the app validates against.
// Search answers as the caller: only issues they may browse are ever considered, as in Jira.
import { createHash } from 'node:crypto';
import type { Issue, JiraModel } from './model';
import type { Route, RouteContext } from './rest';
import { check, comparator, compile, JqlError, parseJql, type Clause, type Query, type FieldType, type FieldValue, type Schema } from './jql';

interface Answers {
  json: (status: number, body?: unknown) => Response;
  badRequest: (message: string) => Response;
  notFound: (what: string) => Response;
  canSee: (ctx: RouteContext, issue: Issue) => boolean;
  adf: (text: string) => unknown;
}

const BUILT_IN: Record<string, FieldType> = { project: 'text', issuetype: 'text', type: 'text', key: 'key', issuekey: 'key', summary: 'text', description: 'text', text: 'text', created: 'date', updated: 'date', level: 'text' };
const MAX_RESULTS = 100;

function schemaOf(jira: JiraModel): Schema {
  return {
    typeOf(field) {
      if (BUILT_IN[field]) return BUILT_IN[field];
      const alias = jira.aliases.get(field);
      if (alias) return alias.type === 'date' ? 'date' : alias.type === 'number' ? 'number' : 'text';
      return /^issue\.property\[[^\]]+\]\.[\w.]+$/.test(field) ? 'text' : undefined;
    },
    exists(field, value) {
      if (field === 'project') return !!jira.project(value) || !!jira.project(value.toUpperCase());
      if (field === 'issuetype' || field === 'type') return jira.allProjects().some((p) => p.issueTypes.some((t) => t.name.toLowerCase() === value.toLowerCase()));
      return true;
    },
  };
}

function pathValue(value: unknown, path: string): unknown {
  // Field names reach us lower-cased (JQL is case-insensitive), so property paths match case-insensitively.
  return path.split('.').reduce<unknown>((v, k) => {
    if (!v || typeof v !== 'object') return undefined;
    const hit = Object.keys(v).find((name) => name.toLowerCase() === k.toLowerCase());
    return hit === undefined ? undefined : (v as Record<string, unknown>)[hit];
  }, value);
}

// Parsed creation times, once per issue (the seeded and bulk issues never change).
const createdAt = new Map<string, number>();
function created(issue: Issue): number {
  let t = createdAt.get(issue.id);
  if (t === undefined) createdAt.set(issue.id, (t = Date.parse(issue.created)));
  return t;
}

function fieldOf(jira: JiraModel, issue: Issue, field: string): FieldValue {
    switch (field) {
      case 'project':
        return issue.project;
      case 'issuetype':
      case 'type':
        return issue.issueType;
      case 'key':
      case 'issuekey':
        return issue.key;
      case 'summary':
        return issue.summary;
      case 'description':
        return issue.description;
      case 'text':
        return `${issue.summary}\n${issue.description}`;
      case 'created':
      case 'updated':
        return created(issue);
      case 'level':
        return jira.securityLevel(issue)?.name;
    }
    const alias = jira.aliases.get(field);
    const m = alias ? undefined : /^issue\.property\[([^\]]+)\]\.([\w.]+)$/.exec(field);
    const prop = alias ? { key: alias.propertyKey, path: alias.path } : m ? { key: m[1]!, path: m[2]! } : undefined;
    if (!prop) return undefined;
    const stored = jira.property(issue.id, prop.key);
    if (stored === undefined) return undefined;
    const raw = pathValue(stored, prop.path);
    if (raw === undefined || raw === null || raw === '') return undefined;
    if (alias?.type === 'date') return Date.parse(String(raw));
    if (alias?.type === 'number') return Number(raw);
    return String(raw);
}

const tokenOf = (offset: number, jql: string) => Buffer.from(JSON.stringify({ o: offset, h: createHash('sha256').update(jql).digest('hex').slice(0, 16) })).toString('base64url');
function offsetOf(token: string | undefined, jql: string): number | undefined {
  if (!token) return 0;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; h?: unknown };
    return typeof t.o === 'number' && t.o >= 0 && t.h === createHash('sha256').update(jql).digest('hex').slice(0, 16) ? t.o : undefined;
  } catch {
    return undefined;
  }
}

// Jira answers from its index instead of scanning every issue; here a query's ordered matches are kept per caller
// until the next change to the small Jira (or, for queries with dates, until the clock moves).
const answers = new Map<string, { revision: number; issues: Issue[] }>();
const MAX_CACHED = 200;

function ordered(ctx: RouteContext, a: Pick<Answers, 'canSee'>, query: Query, jql: string, schema: Schema): Issue[] {
  const who = ctx.caller.kind === 'app' ? 'app' : ctx.caller.accountId;
  const key = `${who}|${usesDates(query, schema) ? ctx.now.getTime() : ''}|${jql}`;
  const hit = answers.get(key);
  if (hit && hit.revision === ctx.jira.revision) return hit.issues;
  // Visibility by project and security level, decided once per distinct pair (thousands of issues share one).
  const seen = new Map<string, Map<string[], boolean>>();
  const visible = (issue: Issue) => {
    let byLevel = seen.get(issue.project);
    if (!byLevel) seen.set(issue.project, (byLevel = new Map()));
    let v = byLevel.get(issue.security);
    if (v === undefined) byLevel.set(issue.security, (v = a.canSee(ctx, issue)));
    return v;
  };
  const predicate = compile(query.where, schema, ctx.now);
  let current: Issue;
  const get = (field: string) => fieldOf(ctx.jira, current, field);
  const found: Issue[] = [];
  for (const issue of ctx.jira.allIssues()) {
    if (!visible(issue)) continue;
    current = issue;
    if (predicate(get)) found.push(issue);
  }
  found.sort(comparator<Issue>(query, (issue, field) => fieldOf(ctx.jira, issue, field), schema));
  if (answers.size >= MAX_CACHED) answers.clear();
  answers.set(key, { revision: ctx.jira.revision, issues: found });
  return found;
}

function usesDates(q: Query, schema: Schema): boolean {
  const visit = (c: Clause | undefined): boolean => {
    if (!c) return false;
    if (c.kind === 'and' || c.kind === 'or') return c.parts.some(visit);
    if (c.kind === 'not') return visit(c.part);
    return schema.typeOf(c.field.toLowerCase()) === 'date';
  };
  return visit(q.where);
}

function issueFields(jira: JiraModel, issue: Issue, wanted: string[], a: Pick<Answers, 'adf'>): Record<string, unknown> {
  const project = jira.project(issue.project)!;
  const level = jira.securityLevel(issue);
  const all: Record<string, () => unknown> = {
    summary: () => issue.summary,
    issuetype: () => ({ name: issue.issueType, id: project.issueTypes.find((t) => t.name === issue.issueType)?.id }),
    project: () => ({ id: project.id, key: project.key, name: project.name }),
    created: () => issue.created,
    updated: () => issue.created,
    description: () => a.adf(issue.description),
    security: () => (level ? { id: level.id, name: level.name } : null),
  };
  const keys = wanted.includes('*all') || wanted.includes('*navigable') ? Object.keys(all) : wanted.filter((f) => all[f]);
  return Object.fromEntries(keys.map((k) => [k, all[k]!()]));
}

export interface SearchRequest {
  jql?: unknown;
  nextPageToken?: unknown;
  maxResults?: unknown;
  fields?: unknown;
  properties?: unknown;
}
type Answer = { status: number; body: unknown };
const fail = (message: string): Answer => ({ status: 400, body: { errorMessages: [message], errors: {}, warningMessages: [] } });

/** Jira's enhanced search as the caller: the answer's status and body (the route and the host's search page share it). */
export function searchAnswer(ctx: RouteContext, a: Pick<Answers, 'canSee' | 'adf'>, req: SearchRequest): Answer {
  const jql = typeof req.jql === 'string' ? req.jql : '';
  const max = req.maxResults === undefined ? 50 : Number(req.maxResults);
  if (!Number.isInteger(max) || max < 0) return fail('maxResults must be a non-negative whole number.');
  const offset = offsetOf(typeof req.nextPageToken === 'string' ? req.nextPageToken : undefined, jql);
  if (offset === undefined) return fail('The nextPageToken is invalid or belongs to another query.');
  const schema = schemaOf(ctx.jira);
  let query;
  try {
    query = parseJql(jql);
    // The enhanced search refuses unbounded queries: there must be a search restriction.
    if (!query.where) return fail('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    check(query, schema, ctx.now);
  } catch (e) {
    if (e instanceof JqlError) return fail(e.message);
    throw e;
  }
  const fields = Array.isArray(req.fields) ? req.fields.map(String) : ['id'];
  const properties = Array.isArray(req.properties) ? req.properties.map(String) : [];
  const all = ordered(ctx, a, query, jql, schema);
  const best = all.slice(0, offset + Math.min(max, MAX_RESULTS));
  const total = all.length;
  const page = best.slice(offset);
  const end = offset + page.length;
  const issues = page.map((issue) => {
    const props = Object.fromEntries(properties.map((k) => [k, ctx.jira.property(issue.id, k)]).filter(([, v]) => v !== undefined));
    return { id: issue.id, key: issue.key, fields: issueFields(ctx.jira, issue, fields, a), ...(properties.length ? { properties: props } : {}) };
  });
  return { status: 200, body: end < total ? { issues, nextPageToken: tokenOf(end, jql), isLast: false } : { issues, isLast: true } };
}

function search(ctx: RouteContext, a: Answers, req: SearchRequest): Response {
  const r = searchAnswer(ctx, a, req);
  return a.json(r.status, r.body);
}

function adfText(body: unknown): string {
  if (typeof body === 'string') return body;
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { text?: unknown; content?: unknown; type?: unknown };
    if (typeof node.text === 'string') out.push(node.text);
    if (Array.isArray(node.content)) {
      node.content.forEach(walk);
      if (node.type === 'paragraph') out.push('\n');
    }
  };
  walk(body);
  return out.join('').trim();
}

interface CreateBody {
  fields?: { project?: { key?: unknown; id?: unknown }; issuetype?: { name?: unknown; id?: unknown }; summary?: unknown; description?: unknown; security?: { id?: unknown } };
  properties?: { key?: unknown; value?: unknown }[];
}

function create(ctx: RouteContext, a: Answers): Response {
  const body = (ctx.body ?? {}) as CreateBody;
  const f = body.fields ?? {};
  const errors: Record<string, string> = {};
  const project = ctx.jira.project(String(f.project?.key ?? f.project?.id ?? ''));
  if (!project) return a.json(400, { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } });
  const user = ctx.caller.kind === 'user' ? ctx.caller.accountId : undefined;
  if (user && !ctx.jira.hasProject(user, project.key, 'CREATE_ISSUES')) return a.json(400, { errorMessages: [], errors: { project: 'You do not have permission to create issues in this project.' } });
  const type = project.issueTypes.find((t) => t.id === f.issuetype?.id || t.name === f.issuetype?.name);
  if (!type) errors.issuetype = 'Specify an issue type that exists in this project.';
  const summary = typeof f.summary === 'string' ? f.summary.trim() : '';
  if (!summary) errors.summary = 'You must specify a summary of the issue.';
  else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
  let level;
  if (f.security !== undefined) {
    if (user && !ctx.jira.hasProject(user, project.key, 'SET_ISSUE_SECURITY')) errors.security = "Field 'security' cannot be set. It is not on the appropriate screen, or unknown.";
    else if (!(level = project.securityLevels.find((l) => l.id === String(f.security?.id)))) errors.security = `Security level '${String(f.security?.id)}' is not valid for this project.`;
  }
  const properties = Array.isArray(body.properties) ? body.properties : [];
  if (properties.some((p) => typeof p?.key !== 'string' || p.key.length > 255 || JSON.stringify(p.value ?? null).length > 32768)) errors.properties = 'Each property needs a key (at most 255 characters) and a JSON value of at most 32768 characters.';
  if (Object.keys(errors).length) return a.json(400, { errorMessages: [], errors });
  const issue = ctx.jira.createIssue({ project: project.key, issueType: type!.name, summary, description: adfText(f.description), level, now: ctx.now, properties: properties.map((p) => ({ key: String(p.key), value: p.value })) });
  return a.json(201, { id: issue.id, key: issue.key, self: `/rest/api/3/issue/${issue.id}` });
}

function projectOf(ctx: RouteContext, ref: string) {
  const project = ctx.jira.project(decodeURIComponent(ref));
  // Jira hides a project the caller cannot browse as if it did not exist.
  if (!project || (ctx.caller.kind === 'user' && !ctx.jira.hasProject(ctx.caller.accountId, project.key, 'BROWSE_PROJECTS'))) return undefined;
  return project;
}

export function searchRoutes(a: Answers): Route[] {
  const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  return [
    { method: 'POST', pattern: /^\/rest\/api\/3\/search\/jql$/, scope: 'read:jira-work', handle: (ctx) => search(ctx, a, (ctx.body ?? {}) as Record<string, unknown>) },
    {
      method: 'GET', pattern: /^\/rest\/api\/3\/search\/jql$/, scope: 'read:jira-work',
      handle: (ctx) => {
        const q = ctx.url.searchParams;
        return search(ctx, a, { jql: q.get('jql') ?? '', nextPageToken: q.get('nextPageToken') ?? undefined, maxResults: q.get('maxResults') ?? undefined, fields: list(q.get('fields')), properties: list(q.get('properties')) });
      },
    },
    { method: 'POST', pattern: /^\/rest\/api\/3\/issue$/, scope: 'write:jira-work', handle: (ctx) => create(ctx, a) },
    {
      method: 'GET', pattern: /^\/rest\/api\/3\/project\/([^/]+)$/, scope: 'read:jira-work',
      handle: (ctx, m) => {
        const p = projectOf(ctx, m[1]!);
        return p ? a.json(200, { id: p.id, key: p.key, name: p.name, issueTypes: p.issueTypes.map((t) => ({ id: t.id, name: t.name })) }) : a.notFound('Project');
      },
    },
    {
      method: 'GET', pattern: /^\/rest\/api\/3\/project\/([^/]+)\/securitylevel$/, scope: 'read:jira-work',
      handle: (ctx, m) => {
        const p = projectOf(ctx, m[1]!);
        return p ? a.json(200, { levels: p.securityLevels.map((l) => ({ id: l.id, name: l.name, description: '' })) }) : a.notFound('Project');
      },
    },
  ];
}
