import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import seedJson from './seed.json' with { type: 'json' };

export type Seed = typeof seedJson;
export type User = Seed['users'][number];
export type Issue = Seed['issues'][number];
export interface Comment {
  id: string;
  author: string;
  body: unknown;
  created: string;
  properties: { key: string; value: unknown }[];
}
/** What the app can change in the small Jira: kept on disk so a restart keeps it beside the KVS data. */
interface Mutable {
  comments: Record<string, Comment[]>;
  properties: Record<string, Record<string, unknown>>;
  nextId: number;
  /** Issues created through REST or the control API, after the seeded ones (older files have none). */
  created?: Issue[];
  /** The security level id of each created issue that has one. */
  levels?: Record<string, string>;
  /** Issue security levels changed from the seed's (issue id → grants), e.g. a level without the app's role. */
  security?: Record<string, string[]>;
}
export type SecurityLevel = Seed['projects'][number]['securityLevels'][number];
/** What a search alias of an indexed issue property (`jira:entityProperty`) points at. */
export interface PropertyAlias {
  propertyKey: string;
  path: string;
  type: 'string' | 'date' | 'number' | 'text';
}

/**
 * The project role Jira Cloud gives an installed app. An app cannot join a group, so it sees an issue with a
 * security level only when the level grants this role (FORGE_FACTS §10).
 */
export const APP_ROLE = 'role:atlassian-addons-project-access';

export const seed: Seed = seedJson;

/**
 * Benchmarks ask for a large project: FORGE_LOCAL_BULK_ISSUES=N adds N IR-only issues SEC-1001… (ids 200001…)
 * beside the seeded ones. Issues are looked up through maps so thousands of them stay cheap.
 */
const bulk = Math.max(0, Math.min(100_000, Number(process.env.FORGE_LOCAL_BULK_ISSUES ?? 0) || 0));
const template = seed.issues[2]!;
const allIssues: Issue[] = [
  ...seed.issues,
  ...Array.from({ length: bulk }, (_, i) => ({ ...template, id: String(200_001 + i), key: `SEC-${1001 + i}`, summary: `Benchmark incident ${i + 1}`, attachments: [] })),
];
const seededByRef = new Map<string, Issue>(allIssues.flatMap((i) => [[i.id, i] as const, [i.key, i] as const]));
export const PERSONAS = seed.users.map((u) => u.persona);

/** A small Jira: projects, issues, users, groups and permissions from the seed file. */
export class JiraModel {
  private state: Mutable;
  private createdByRef = new Map<string, Issue>();
  /** The manifest's indexed issue-property search aliases, by lower-cased alias (the host sets them). */
  aliases = new Map<string, PropertyAlias>();

  constructor(private readonly file?: string) {
    this.state = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Mutable) : JiraModel.fresh();
    this.indexCreated();
  }

  private indexCreated(): void {
    this.createdByRef = new Map((this.state.created ?? []).flatMap((i) => [[i.id, i] as const, [i.key, i] as const]));
  }

  static fresh(): Mutable {
    return { comments: {}, properties: {}, nextId: 30000 };
  }

  reset(): void {
    this.state = JiraModel.fresh();
    this.indexCreated();
    this.save();
  }

  /** Bumped by every change, so a cached search answer is only reused while nothing changed. */
  revision = 0;

  private save(): void {
    this.revision++;
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state));
  }

  userByPersona(persona: string): User | undefined {
    return seed.users.find((u) => u.persona === persona);
  }
  user(accountId: string): User | undefined {
    return seed.users.find((u) => u.accountId === accountId);
  }
  issue(idOrKey: string): Issue | undefined {
    return seededByRef.get(idOrKey) ?? this.createdByRef.get(idOrKey);
  }
  /** Every issue, seeded first, then created ones (the search's universe). */
  allIssues(): Issue[] {
    return this.state.created?.length ? [...allIssues, ...this.state.created] : allIssues;
  }
  securityLevel(issue: Issue): SecurityLevel | undefined {
    const id = this.state.levels?.[issue.id];
    return id ? this.project(issue.project)?.securityLevels.find((l) => l.id === id) : undefined;
  }

  /** A new issue in a project (the caller has checked permissions and fields); keys continue after the highest. */
  createIssue(f: { project: string; issueType: string; summary: string; description: string; level?: SecurityLevel; now: Date; properties?: { key: string; value: unknown }[] }): Issue {
    const inProject = this.allIssues().filter((i) => i.project === f.project).map((i) => Number(i.key.split('-')[1]) || 0);
    const id = String(this.state.nextId++);
    const issue: Issue = { id, key: `${f.project}-${Math.max(0, ...inProject) + 1}`, project: f.project, issueType: f.issueType, summary: f.summary, description: f.description, security: f.level ? [...f.level.grants] : [], created: f.now.toISOString(), attachments: [] };
    (this.state.created ??= []).push(issue);
    if (f.level) (this.state.levels ??= {})[id] = f.level.id;
    for (const p of f.properties ?? []) (this.state.properties[id] ??= {})[p.key] = p.value;
    this.indexCreated();
    this.save();
    return issue;
  }
  allProjects() {
    return seed.projects;
  }
  project(idOrKey: string) {
    return seed.projects.find((p) => p.id === idOrKey || p.key === idOrKey);
  }
  groups(accountId: string) {
    const names = this.user(accountId)?.groups ?? [];
    return seed.groups.filter((g) => names.includes(g.name));
  }

  /** Whether a grant list (`group:<name>` or `user:<accountId>`) includes this account. */
  private granted(accountId: string, grants: string[] | undefined): boolean {
    const groups = this.user(accountId)?.groups ?? [];
    return (grants ?? []).some((g) => g === `user:${accountId}` || (g.startsWith('group:') && groups.includes(g.slice(6))));
  }

  hasGlobal(accountId: string, permission: string): boolean {
    return this.granted(accountId, (seed.globalPermissions as Record<string, string[]>)[permission]);
  }
  hasProject(accountId: string, projectKey: string, permission: string): boolean {
    const p = this.project(projectKey);
    return !!p && this.granted(accountId, (p.permissions as Record<string, string[]>)[permission]);
  }
  /** The issue's security level: who besides project permission it requires (empty: no level). */
  securityOf(issue: Issue): string[] {
    return this.state.security?.[issue.id] ?? issue.security;
  }
  setSecurity(issueId: string, grants: string[]): void {
    (this.state.security ??= {})[issueId] = grants;
    this.save();
  }
  /** Project permission plus the issue's security level, as Jira answers for one issue. */
  hasIssue(accountId: string, issue: Issue, permission: string): boolean {
    const level = this.securityOf(issue);
    return this.hasProject(accountId, issue.project, permission) && (level.length === 0 || this.granted(accountId, level));
  }
  /** What the app (asApp) may see: every project it is installed for, a restricted issue only through its role. */
  appCanBrowse(issue: Issue): boolean {
    const level = this.securityOf(issue);
    return level.length === 0 || level.includes(APP_ROLE);
  }
  canBrowse(accountId: string, issue: Issue): boolean {
    return this.hasIssue(accountId, issue, 'BROWSE_PROJECTS');
  }

  comments(issueId: string): Comment[] {
    return this.state.comments[issueId] ?? [];
  }
  addComment(issueId: string, author: string, body: unknown, properties: Comment['properties'], now: Date): Comment {
    const comment: Comment = { id: String(this.state.nextId++), author, body, created: now.toISOString(), properties };
    (this.state.comments[issueId] ??= []).push(comment);
    this.save();
    return comment;
  }
  commentById(id: string): { issueId: string; comment: Comment } | undefined {
    for (const [issueId, list] of Object.entries(this.state.comments)) {
      const comment = list.find((c) => c.id === id);
      if (comment) return { issueId, comment };
    }
    return undefined;
  }
  property(issueId: string, key: string): unknown {
    return this.state.properties[issueId]?.[key];
  }
  propertyKeys(issueId: string): string[] {
    return Object.keys(this.state.properties[issueId] ?? {});
  }
  setProperty(issueId: string, key: string, value: unknown): boolean {
    const props = (this.state.properties[issueId] ??= {});
    const created = !(key in props);
    props[key] = value;
    this.save();
    return created;
  }
  deleteProperty(issueId: string, key: string): boolean {
    const props = this.state.properties[issueId];
    if (!props || !(key in props)) return false;
    delete props[key];
    this.save();
    return true;
  }
}
