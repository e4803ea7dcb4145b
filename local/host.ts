import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { installClock, clock } from './clock';
import { readManifest, type ModuleInfo } from './manifest';
import { KvsStore } from './kvs/store';
import { entityDefsFromManifest } from './kvs/entities';
import { DEFAULT_QUOTA, KvsQuota, type QuotaLimits } from './kvs/quota';
import { JiraModel, seed, type Issue, type User } from './jira/model';
import { handleJira } from './jira/rest';
import { searchAliases } from './jira/aliases';
import { installRuntime, loadHandlers, runInvocation, InvocationTimeout, INVOKE_TIMEOUT_MS, moduleTotals, totals, type Counts } from './runtime';
import { faults, type FaultSpec } from './faults';
import { resetQuirks, setQuirks } from './kvs/quirks';
import { layout, appFrame, issueView, home, esc, searchPage } from './web/shell';
import { searchAnswer } from './jira/search';
import { themeCss } from './web/tokens';
import { moduleFunctionKeys } from './functions';
import { seedDemoData } from './demo';

export interface HostOptions {
  port: number;
  dataDir: string;
  root: string;
  /** Run scheduled triggers on their interval (off in tests, which run them through the control API). */
  schedule?: boolean;
  /** Seed demo incidents on reset (`npm start`); tests start from the bare seed. */
  demo?: boolean;
  /** The backend bundle to run: `npm run build`'s esbuild output by default, or Forge's own bundle (tests). */
  bundle?: string;
  log?: (line: string) => void;
}

/** A page's iframe of the app: the host decides who, which module and which issue, never the iframe. */
interface Frame {
  user: User;
  module: ModuleInfo;
  issue?: Issue;
  theme: 'light' | 'dark';
}

const MAX_INVOKE_BYTES = 500 * 1024;
const ENV_ID = '6c1f7e4a-0b2d-4e8f-9a31-5d7c2b9e0f14';
const INTERVAL_MS: Record<string, number> = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.map': 'application/json', '.woff2': 'font/woff2' };
// Custom UI runs under a strict content security policy, as on Forge: no inline scripts, no egress.
const APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => send(res, status, JSON.stringify(body), 'application/json', headers);

async function readBody(req: IncomingMessage, limit: number): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return { raw, json: undefined };
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

/** What an invocation cost, beside its answer. */
function countHeaders(c: Counts): Record<string, string> {
  return { 'x-kvs-ops': String(c.kvsOps), 'x-kvs-queries': String(c.kvsQueries), 'x-kvs-read-units': String(c.kvsReadUnits), 'x-kvs-write-units': String(c.kvsWriteUnits), 'x-kvs-throttled': String(c.kvsThrottled), 'x-jira-calls': String(c.jiraCalls) };
}

/** `{unlimited: true}`, or any of the limits (the rest stay Forge's): a test that needs another quota says so. */
function quotaLimits(body: Record<string, unknown>): QuotaLimits | null {
  if (body.unlimited === true) return null;
  const out: QuotaLimits = { ...DEFAULT_QUOTA };
  for (const k of ['readUnitsPerWindow', 'writeUnitsPerWindow', 'windowMs'] as const) {
    const v = body[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new HttpError(400, `${k} must be a positive integer`);
    out[k] = v;
  }
  return out;
}

function cookies(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=').map(decodeURIComponent)).filter((kv) => kv.length === 2));
}

export async function startHost(opts: HostOptions) {
  const log = opts.log ?? ((l: string) => console.log(l));
  installClock();
  mkdirSync(opts.dataDir, { recursive: true });
  const manifest = readManifest(join(opts.root, 'manifest.yml'));
  const store = new KvsStore(join(opts.dataDir, 'kvs'), entityDefsFromManifest(manifest.raw));
  const jira = new JiraModel(join(opts.dataDir, 'jira.json'));
  jira.aliases = searchAliases(manifest.raw);
  // Forge's per-installation KVS quota, enforced by default; tests change it through /__local/kvs/quota.
  const quota = new KvsQuota(() => clock.now());
  const cloudId = seed.site.cloudId;
  installRuntime({ manifest, store, quota, jira, cloudId, environmentId: ENV_ID });
  const handlers = loadHandlers(opts.bundle ?? join(opts.root, 'dist/backend/index.cjs'), manifest);
  const functionKeys = moduleFunctionKeys();
  const staticRoot = (resourceKey: string) => resolve(opts.root, manifest.resources.get(resourceKey)?.path ?? 'static/dist');
  const frames = new Map<string, Frame>();
  // Jira Cloud's URL shapes: a global page, and a `useAsConfig` admin page (the app's configure page).
  const links = { global: `/jira/apps/${manifest.appId}/${ENV_ID}`, admin: `/jira/settings/apps/configure/${manifest.appId}/${ENV_ID}` };
  const siteUrl = () => `http://localhost:${port}`;

  const moduleOf = (type: string) => manifest.modules.find((m) => m.type === type);
  const moduleByKey = (key: string) => manifest.modules.find((m) => m.key === key);

  function extension(frame: Frame) {
    const { module, issue } = frame;
    if ((module.type === 'jira:issuePanel' || module.type === 'jira:issueContext') && issue) {
      const project = jira.project(issue.project)!;
      return { type: module.type, issue: { id: issue.id, key: issue.key, type: issue.issueType, typeId: '10010' }, project: { id: project.id, key: project.key, type: 'software' }, isNewToIssue: false, location: `${siteUrl()}/browse/${issue.key}` };
    }
    return { type: module.type, location: `${siteUrl()}${module.type === 'jira:adminPage' ? links.admin : links.global}` };
  }

  /** The context Forge gives a resolver: built here from the page, never from the caller's word. */
  function resolverContext(frame: Frame) {
    return {
      localId: `ari:cloud:ecosystem::extension/${manifest.appId}/${ENV_ID}/static/${frame.module.key}`,
      cloudId,
      moduleKey: frame.module.key,
      siteUrl: siteUrl(),
      environmentId: ENV_ID,
      environmentType: 'DEVELOPMENT',
      accountType: 'licensed',
      extension: extension(frame),
    };
  }

  /** The context the bridge's view.getContext() returns in the browser. */
  function browserContext(frame: Frame) {
    return { ...resolverContext(frame), accountId: frame.user.accountId, locale: frame.user.locale.replace('_', '-'), timezone: frame.user.timeZone, theme: { colorMode: frame.theme }, surfaceColor: frame.theme === 'dark' ? '#1D2125' : '#FFFFFF' };
  }

  async function invoke(frame: Frame, functionKey: unknown, payload: unknown): Promise<{ status: number; body: unknown; counts?: Counts }> {
    if (typeof functionKey !== 'string' || !functionKey) return { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message: 'functionKey must be a non-empty string' } } };
    const fnKey = frame.module.resolverFunction;
    const handler = fnKey ? handlers.get(fnKey) : undefined;
    if (!handler) return { status: 404, body: { ok: false, error: { code: 'NOT_FOUND', message: `Module ${frame.module.key} has no resolver` } } };
    try {
      const { result, counts } = await runInvocation({ accountId: frame.user.accountId, moduleKey: frame.module.key, moduleType: frame.module.type, functionKey: fnKey! }, INVOKE_TIMEOUT_MS, () =>
        handler({ call: { functionKey, payload: payload ?? {} }, context: resolverContext(frame) }, { principal: { accountId: frame.user.accountId }, installContext: `ari:cloud:jira::site/${cloudId}` }),
      );
      return { status: 200, body: result, counts };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (message.startsWith('Resolver has no definition')) return { status: 404, body: { ok: false, error: { code: 'NOT_FOUND', message } } };
      if (e instanceof InvocationTimeout) return { status: 504, body: { ok: false, error: { code: 'INTERNAL', message } } };
      log(`invocation of ${functionKey} failed: ${e instanceof Error ? e.stack : message}`);
      return { status: 500, body: { ok: false, error: { code: 'INTERNAL', message: 'The function failed' } } };
    }
  }

  async function runTrigger(key: string) {
    const trigger = manifest.triggers.find((t) => t.key === key);
    if (!trigger) throw new HttpError(404, `No scheduled trigger '${key}'`);
    const handler = handlers.get(trigger.function)!;
    const { result, counts } = await runInvocation({ moduleKey: key, moduleType: 'scheduledTrigger', functionKey: trigger.function }, 55_000, () =>
      handler({ context: { cloudId, moduleKey: key }, contextToken: 'local' }, { principal: undefined, installContext: `ari:cloud:jira::site/${cloudId}` }),
    );
    return { result, counts };
  }

  async function reset() {
    store.clear();
    // A fresh minute with Forge's quota (after the clock reset, so the window starts now).
    jira.reset();
    clock.reset();
    faults.clear();
    resetQuirks();
    frames.clear();
    quota.configure({ ...DEFAULT_QUOTA });
    if (opts.demo) await seedDemoData((as, moduleKey, issueKey, fnKey, payload) => invoke(frameFor(as, moduleKey, issueKey), fnKey, payload));
    writeFileSync(join(opts.dataDir, 'seeded'), new Date().toISOString());
  }

  function frameFor(persona: unknown, moduleKey: unknown, issueKey?: unknown): Frame {
    const user = typeof persona === 'string' ? jira.userByPersona(persona) : undefined;
    if (!user) throw new HttpError(400, `Unknown persona '${String(persona)}'; one of ${seed.users.map((u) => u.persona).join(', ')}`);
    const module = typeof moduleKey === 'string' ? moduleByKey(moduleKey) : undefined;
    if (!module) throw new HttpError(400, `Unknown moduleKey '${String(moduleKey)}'; one of ${manifest.modules.map((m) => m.key).join(', ')}`);
    let issue: Issue | undefined;
    if (module.type === 'jira:issuePanel' || module.type === 'jira:issueContext') {
      issue = typeof issueKey === 'string' ? jira.issue(issueKey) : undefined;
      if (!issue) throw new HttpError(400, `The issue panel needs an existing issueKey, not '${String(issueKey)}'`);
    }
    return { user, module, issue, theme: 'light' };
  }

  function mintFrame(frame: Frame): string {
    const token = randomBytes(18).toString('base64url');
    frames.set(token, frame);
    return token;
  }

  function frameSrc(frame: Frame): string {
    const [resourceKey, entry] = (frame.module.resource ?? 'main').split('/');
    return `/__app/${resourceKey}/${entry}.html?frame=${mintFrame(frame)}`;
  }

  function serveAppEntry(res: ServerResponse, resourceKey: string, entry: string, token: string | null) {
    const frame = token ? frames.get(token) : undefined;
    if (!frame) throw new HttpError(403, 'Unknown frame: open the app from a Jira page');
    const file = manifest.resources.get(resourceKey)?.entry[entry];
    if (!file) throw new HttpError(404, `Resource ${resourceKey} has no entry ${entry}`);
    const html = readFileSync(join(staticRoot(resourceKey), file), 'utf8');
    const routeBase = frame.module.type === 'jira:globalPage' ? ` data-route-base="${esc(links.global)}"` : '';
    const bridge = `<script src="/__local/bridge.js" data-frame="${esc(token)}"${routeBase} data-context="${esc(JSON.stringify(browserContext(frame)))}"></script>`;
    send(res, 200, html.replace(/<head>/i, `<head>${bridge}`), MIME['.html'], { 'content-security-policy': APP_CSP });
  }

  function serveFile(res: ServerResponse, root: string, rel: string) {
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !existsSync(file)) throw new HttpError(404, 'Not found');
    send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream', { 'content-security-policy': APP_CSP });
  }

  function page(req: IncomingMessage, res: ServerResponse, url: URL, build: (user: User, theme: 'light' | 'dark') => { title: string; body: string }) {
    const jar = cookies(req);
    const asParam = url.searchParams.get('as');
    const themeParam = url.searchParams.get('theme');
    const persona = asParam ?? jar.persona ?? 'ir-analyst';
    const user = jira.userByPersona(persona);
    if (!user) throw new HttpError(400, `Unknown persona '${persona}'`);
    const theme = (themeParam ?? jar.theme) === 'dark' ? 'dark' : 'light';
    const setCookies = [`persona=${encodeURIComponent(persona)}; Path=/; SameSite=Lax`, `theme=${theme}; Path=/; SameSite=Lax`];
    const p = build(user, theme);
    res.setHeader('set-cookie', setCookies);
    send(res, 200, layout({ title: p.title, persona: user, theme, links, body: p.body }), MIME['.html'], { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; object-src 'none'" });
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/__local/functions') {
      return sendJson(res, 200, manifest.modules.map((m) => ({ moduleKey: m.key, moduleType: m.type, function: m.resolverFunction, functionKeys: functionKeys[m.key] ?? [] })));
    }
    if (req.method === 'GET' && path === '/__local/clock') return sendJson(res, 200, { now: new Date(clock.now()).toISOString() });
    if (req.method === 'GET' && path === '/__local/store/digest') return sendJson(res, 200, store.digest());
    if (req.method === 'GET' && path === '/__local/store/get') {
      const entityName = url.searchParams.get('entityName');
      const space = entityName ? { kind: 'entity' as const, entity: entityName } : { kind: 'kv' as const };
      try {
        return sendJson(res, 200, store.get(space, url.searchParams.get('key') ?? '').value);
      } catch {
        return sendJson(res, 404, { message: 'No such key' });
      }
    }
    if (req.method === 'GET' && path === '/__local/metrics') return sendJson(res, 200, totals);
    if (req.method === 'GET' && path === '/__local/metrics/modules') return sendJson(res, 200, moduleTotals);
    if (req.method === 'GET' && path === '/__local/kvs/quota') return sendJson(res, 200, quota.state());
    if (req.method === 'GET' && path === '/__local/jira/property') {
      const issue = jira.issue(url.searchParams.get('issueKey') ?? '');
      if (!issue) throw new HttpError(400, 'issueKey must name an existing issue');
      return sendJson(res, 200, jira.property(issue.id, url.searchParams.get('key') ?? '') ?? null);
    }
    if (req.method === 'GET' && path === '/__local/jira/issue') {
      const issue = jira.issue(url.searchParams.get('issueKey') ?? '');
      if (!issue) throw new HttpError(404, 'No such issue');
      return sendJson(res, 200, { id: issue.id, key: issue.key, summary: issue.summary, issueType: issue.issueType, securityLevel: jira.securityLevel(issue)?.name ?? null, description: issue.description });
    }
    if (req.method === 'GET' && path === '/__local/jira/comments') {
      const issue = jira.issue(url.searchParams.get('issueKey') ?? '');
      if (!issue) throw new HttpError(400, 'issueKey must name an existing issue');
      return sendJson(res, 200, jira.comments(issue.id));
    }
    if (req.method !== 'POST' && req.method !== 'DELETE') throw new HttpError(405, 'Method not allowed');
    const { raw, json } = await readBody(req, 4 * MAX_INVOKE_BYTES);
    const body = (json ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Body must be a JSON object');
    if (path === '/__local/invoke') {
      if (Buffer.byteLength(raw) > MAX_INVOKE_BYTES) throw new HttpError(413, `Invoke payload exceeds Forge's ${MAX_INVOKE_BYTES} bytes`);
      for (const f of ['as', 'moduleKey', 'functionKey']) if (typeof body[f] !== 'string') throw new HttpError(400, `Missing field '${f}' (string)`);
      const r = await invoke(frameFor(body.as, body.moduleKey, body.issueKey), body.functionKey, body.payload);
      return sendJson(res, r.status, r.body, r.counts ? countHeaders(r.counts) : {});
    }
    if (path === '/__local/kvs/quota') {
      quota.configure(quotaLimits(body));
      return sendJson(res, 200, quota.state());
    }
    if (path === '/__local/clock') {
      if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) clock.advance(body.advanceMs);
      else if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) clock.set(Date.parse(body.now));
      else throw new HttpError(400, 'Give {advanceMs: number} or {now: ISO date string}');
      return sendJson(res, 200, { now: new Date(clock.now()).toISOString() });
    }
    const trigger = path.match(/^\/__local\/triggers\/([^/]+)$/);
    if (trigger) {
      const { result, counts } = await runTrigger(decodeURIComponent(trigger[1]!));
      return sendJson(res, 200, { result: result ?? null, counts });
    }
    if (path === '/__local/kvs/quirks') {
      // Switches the emulator's answer where Forge KVS is undocumented (local/kvs/quirks.ts); reset restores it.
      try {
        return sendJson(res, 200, setQuirks(body));
      } catch (e) {
        throw new HttpError(400, e instanceof Error ? e.message : String(e));
      }
    }
    if (path === '/__local/jira/security') {
      // Changes an issue's security level, e.g. to one without the app's role, as a site admin can.
      const issue = typeof body.issueKey === 'string' ? jira.issue(body.issueKey) : undefined;
      if (!issue || !Array.isArray(body.security) || !body.security.every((g) => typeof g === 'string')) throw new HttpError(400, 'Give {issueKey, security: string[]}');
      jira.setSecurity(issue.id, body.security as string[]);
      return sendJson(res, 200, { issueKey: issue.key, security: jira.securityOf(issue) });
    }
    if (path === '/__local/store/put') {
      // Writes values behind the app's back: how tests prove that tampering with stored data is detected, or plant
      // data of other shapes. One value, or `items` of them in one write.
      const items = (Array.isArray(body.items) ? body.items : [body]) as Record<string, unknown>[];
      if (items.some((i) => typeof i?.key !== 'string' || i.value === undefined)) throw new HttpError(400, 'Give {key, value, entityName?} or {items: [{key, value, entityName?}]}');
      store.write(items.map((i) => ({ type: 'set' as const, space: typeof i.entityName === 'string' ? { kind: 'entity' as const, entity: i.entityName } : { kind: 'kv' as const }, key: i.key as string, value: i.value })));
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__local/jira/rest') {
      // A Jira REST call as a persona, as their browser could make it (tests play a partner writing to Jira).
      const user = typeof body.as === 'string' ? jira.userByPersona(body.as) : undefined;
      if (!user || typeof body.method !== 'string' || typeof body.path !== 'string') throw new HttpError(400, 'Give {as: persona, method, path, body?}');
      const r = handleJira(jira, manifest.scopes, { kind: 'user', accountId: user.accountId }, body.method, body.path, body.body, new Date(clock.now()));
      const text = await r.text();
      return sendJson(res, 200, { status: r.status, body: text ? (JSON.parse(text) as unknown) : null });
    }
    if (path === '/__local/store/delete') {
      // Deletes a value behind the app's back (tests prove that a truncated trail is detected).
      if (typeof body.key !== 'string') throw new HttpError(400, 'Give {key, entityName?}');
      const space = typeof body.entityName === 'string' ? { kind: 'entity' as const, entity: body.entityName } : { kind: 'kv' as const };
      store.write([{ type: 'delete', space, key: body.key }]);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__local/jira/issues') {
      // Someone opens a ticket in Jira itself (not through the app): the same REST create, as that persona.
      const user = jira.userByPersona(typeof body.as === 'string' ? body.as : 'ir-analyst');
      if (!user) throw new HttpError(400, `Unknown persona '${String(body.as)}'`);
      const r = handleJira(jira, new Set(['write:jira-work']), { kind: 'user', accountId: user.accountId }, 'POST', '/rest/api/3/issue', { fields: body.fields ?? {}, ...(Array.isArray(body.properties) ? { properties: body.properties } : {}) }, new Date(clock.now()));
      return sendJson(res, r.status, await r.json());
    }
    if (path === '/__local/reset') {
      await reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__local/faults') {
      if (req.method === 'DELETE') {
        faults.clear();
        return sendJson(res, 200, { ok: true });
      }
      const spec = body as unknown as FaultSpec;
      if (!['kvs', 'jira'].includes(spec.target) || !Number.isInteger(spec.nth) || spec.nth < 1 || !['rate-limit', 'server-error', 'timeout', 'slow'].includes(spec.kind)) {
        throw new HttpError(400, "Give {target: 'kvs'|'jira', nth: integer >= 1, kind: 'rate-limit'|'server-error'|'timeout'|'slow', retryAfterSeconds?, delayMs?, times?}");
      }
      faults.add(spec);
      return sendJson(res, 200, { pending: faults.list() });
    }
    throw new HttpError(404, `No control endpoint ${req.method} ${path}`);
  }

  async function bridge(req: IncomingMessage, res: ServerResponse, token: string, op: string): Promise<void> {
    const frame = frames.get(token);
    if (!frame) throw new HttpError(403, 'Unknown frame: reload the page');
    const { raw, json } = await readBody(req, 5 * MAX_INVOKE_BYTES);
    if (op === 'invoke') {
      if (Buffer.byteLength(raw) > MAX_INVOKE_BYTES) throw new HttpError(413, `Invoke payload exceeds Forge's ${MAX_INVOKE_BYTES} bytes`);
      const { functionKey, payload } = (json ?? {}) as { functionKey?: unknown; payload?: unknown };
      const r = await invoke(frame, functionKey, payload);
      if (r.status !== 200) return sendJson(res, r.status, { message: (r.body as { error?: { message?: string } }).error?.message ?? 'Invocation failed' });
      return sendJson(res, 200, r.body);
    }
    if (op === 'fetch') {
      const p = (json ?? {}) as { product?: string; restPath?: string; fetchRequestInit?: { method?: string; body?: string | null } };
      if (p.product !== 'jira' || typeof p.restPath !== 'string') throw new HttpError(400, 'fetchProduct needs product "jira" and a restPath');
      const body = p.fetchRequestInit?.body ? (JSON.parse(p.fetchRequestInit.body) as unknown) : undefined;
      const r = handleJira(jira, manifest.scopes, { kind: 'user', accountId: frame.user.accountId }, p.fetchRequestInit?.method ?? 'GET', p.restPath, body, new Date());
      return sendJson(res, 200, { status: r.status, statusText: r.statusText, headers: Object.fromEntries(r.headers), body: await r.text() });
    }
    if (op === 'url') {
      const p = (json ?? {}) as { url?: string; target?: string; issueKey?: string; moduleKey?: string };
      if (typeof p.url === 'string') return sendJson(res, 200, p.url);
      if (p.target === 'issue' && p.issueKey) return sendJson(res, 200, `/browse/${encodeURIComponent(p.issueKey)}`);
      if (p.target === 'module') return sendJson(res, 200, moduleByKey(p.moduleKey ?? '')?.type === 'jira:adminPage' ? links.admin : links.global);
      throw new HttpError(400, 'Unsupported navigation target');
    }
    throw new HttpError(404, `Unknown bridge call ${op}`);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/__local/bridge/')) {
      const [, , , token, op] = path.split('/');
      return bridge(req, res, decodeURIComponent(token ?? ''), op ?? '');
    }
    if (path === '/__local/bridge.js' || path === '/__local/shell.js' || path === '/__local/shell.css') {
      const file = join(opts.root, 'local/web', path.slice('/__local/'.length));
      return send(res, 200, readFileSync(file), MIME[extname(file)]!);
    }
    if (path === '/__local/tokens.css') return send(res, 200, await themeCss(), MIME['.css']!, { 'cache-control': 'max-age=3600' });
    if (path.startsWith('/__local/')) return control(req, res, url);
    const app = path.match(/^\/__app\/([^/]+)\/(.+)$/);
    if (app) {
      const [, resourceKey, rest] = app;
      const entry = rest!.match(/^([a-z0-9_-]+)\.html$/i);
      if (entry) return serveAppEntry(res, resourceKey!, entry[1]!, url.searchParams.get('frame'));
      return serveFile(res, staticRoot(resourceKey!), rest!);
    }
    if (req.method !== 'GET') throw new HttpError(405, 'Method not allowed');
    if (path === '/') return page(req, res, url, () => ({ title: 'Home', body: home(links) }));
    const browse = path.match(/^\/browse\/([A-Z][A-Z0-9]*-\d+)$/);
    if (browse) {
      return page(req, res, url, (user, theme) => {
        const issue = jira.issue(browse[1]!);
        const canSee = !!issue && jira.canBrowse(user.accountId, issue);
        const panel = moduleOf('jira:issuePanel')!;
        const frame = issue && canSee ? appFrame(frameSrc({ user, module: panel, issue, theme }), panel.title ?? panel.key, panel.viewportSize) : undefined;
        // Jira renders an issue context module in the issue view's right-hand column, above its details.
        const context = moduleOf('jira:issueContext');
        const contextFrame = issue && canSee && context ? appFrame(frameSrc({ user, module: context, issue, theme }), context.title ?? context.key, context.viewportSize) : undefined;
        return { title: issue && canSee ? `[${issue.key}] ${issue.summary}` : 'Issue not found', body: issueView(issue, canSee, frame, contextFrame) };
      });
    }
    // A full-page module owns the paths below its URL (view.createHistory).
    if (path === '/issues' || path === '/issues/') {
      // Jira's issue search, as far as the app links to it ("Open in Jira search"): the JQL and what it finds for this user.
      const jql = url.searchParams.get('jql') ?? '';
      return page(req, res, url, (user) => {
        const ctx = { jira, caller: { kind: 'user' as const, accountId: user.accountId }, url, body: undefined, now: new Date() };
        const found = searchAnswer(ctx, { canSee: (_c, issue) => jira.canBrowse(user.accountId, issue), adf: (t) => t }, { jql, maxResults: 100, fields: ['summary'] });
        return { title: 'Search', body: searchPage(jql, found) };
      });
    }
    const global = path === links.global || path.startsWith(`${links.global}/`);
    const admin = path === links.admin;
    if (global || admin) {
      return page(req, res, url, (user, theme) => {
        const module = moduleOf(global ? 'jira:globalPage' : 'jira:adminPage')!;
        return { title: module.title ?? module.key, body: `<div class="page-frame"><h1>${esc(module.title ?? module.key)}</h1>${appFrame(frameSrc({ user, module, theme }), module.title ?? module.key, module.viewportSize)}</div>` };
      });
    }
    throw new HttpError(404, `Nothing at ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log(`host error: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) sendJson(res, status, { ok: false, error: { code: status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', message: e instanceof Error ? e.message : String(e) } });
      else res.end();
    });
  });

  await new Promise<void>((ok) => server.listen(opts.port, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  if (!existsSync(join(opts.dataDir, 'seeded'))) await reset();

  const timers = opts.schedule
    ? manifest.triggers.map((t) => setInterval(() => runTrigger(t.key).catch((e: unknown) => log(`trigger ${t.key} failed: ${String(e)}`)), INTERVAL_MS[t.interval] ?? INTERVAL_MS.fiveMinute))
    : [];

  return {
    url: `http://localhost:${port}`,
    links,
    async close() {
      timers.forEach(clearInterval);
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await store.close();
    },
  };
}
