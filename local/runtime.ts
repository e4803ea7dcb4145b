import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KvsStore } from './kvs/store';
import { handleKvs } from './kvs/protocol';
import { costOf, type KvsQuota } from './kvs/quota';
import type { JiraModel } from './jira/model';
import { handleJira, type Caller } from './jira/rest';
import type { AppManifest } from './manifest';
import { faults } from './faults';

/** What one invocation of an app function knows about itself; kept per async call chain. */
export interface Invocation {
  id: string;
  accountId?: string;
  moduleKey: string;
  moduleType: string;
  functionKey: string;
  deadline: number;
  counts: Counts;
  /** Set when the invocation passed its time limit: like Forge's stopped function, it calls nothing more. */
  stopped?: boolean;
}
export interface Counts {
  invokes: number;
  kvsOps: number;
  kvsQueries: number;
  /** Forge's quota units (local/kvs/quota.ts): what the calls cost, and how many were refused with 429. */
  kvsReadUnits: number;
  kvsWriteUnits: number;
  kvsThrottled: number;
  jiraCalls: number;
}
const zero = (): Counts => ({ invokes: 0, kvsOps: 0, kvsQueries: 0, kvsReadUnits: 0, kvsWriteUnits: 0, kvsThrottled: 0, jiraCalls: 0 });

// Forge's limit for a resolver call; tests may shorten it (FORGE_LOCAL_INVOKE_TIMEOUT_MS) to reach it quickly.
export const INVOKE_TIMEOUT_MS = Number(process.env.FORGE_LOCAL_INVOKE_TIMEOUT_MS) || 25_000;
const STORAGE_SCOPE = 'storage:app';

interface RuntimeDeps {
  manifest: AppManifest;
  store: KvsStore;
  quota: KvsQuota;
  jira: JiraModel;
  cloudId: string;
  environmentId: string;
}

const current = new AsyncLocalStorage<Invocation>();
export const totals: Counts = zero();
/** The same counts per module, so a page with several of the app's frames can be measured one module at a time. */
export const moduleTotals: Record<string, Counts> = {};

const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined || status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function count(key: keyof Counts, by = 1): void {
  totals[key] += by;
  const inv = current.getStore();
  if (inv) inv.counts[key] += by;
}

/**
 * Installs the two globals the real @forge/api and @forge/kvs talk through (FORGE_FACTS §5), before the app's
 * bundle is loaded: `__forge_runtime__` (the invocation's app context) and `__forge_fetch__` (the proxy to
 * product APIs and the KVS service, enforcing the manifest's scopes).
 */
export function installRuntime(deps: RuntimeDeps): void {
  const { manifest, store, quota, jira, cloudId, environmentId } = deps;
  const inv = () => current.getStore();
  const g = globalThis as Record<string, unknown>;

  // The app has no egress: any attempt to reach outside Atlassian fails as Forge's egress control would.
  g.fetch = async (input: unknown) => {
    throw new Error(`Egress to ${String(input)} is not permitted: the manifest declares no external fetch permissions.`);
  };

  g.__forge_runtime__ = {
    proxy: { token: 'local-token', url: 'http://forge-proxy.local' },
    contextAri: `ari:cloud:jira::site/${cloudId}`,
    container: { runtime: 'nodejs22.x' },
    get aaid() {
      return inv()?.accountId;
    },
    get appContext() {
      const i = inv();
      return {
        appId: manifest.appId,
        appVersion: '1.0.0',
        environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: i?.id ?? 'none',
        installationId: `ari:cloud:ecosystem::installation/${cloudId}`,
        functionKey: i?.functionKey ?? '',
        moduleType: i?.moduleType ?? '',
        moduleKey: i?.moduleKey ?? '',
        permissions: { scopes: [...manifest.scopes], external: {} },
      };
    },
    get lambdaContext() {
      const i = inv();
      return { awsRequestId: i?.id ?? 'none', getRemainingTimeInMillis: () => (i ? Math.max(0, i.deadline - Date.now()) : INVOKE_TIMEOUT_MS) };
    },
    tracing: { traceId: 'local', spanId: 'local' },
    metrics: { counter: () => ({ incr() {} }), timing: () => ({ measure: () => ({ stop() {} }) }) },
    featureFlags: () => false,
  };

  g.__forge_fetch__ = async (target: { type: string; provider?: string; accountId?: string; remote?: string }, path: string, init?: RequestInit) => {
    const body = typeof init?.body === 'string' && init.body.length > 0 ? (JSON.parse(init.body) as unknown) : undefined;
    if (target.type === 'kvs') {
      count('kvsOps');
      if (path.endsWith('/query')) count('kvsQueries');
      if (!manifest.scopes.has(STORAGE_SCOPE)) return reply(403, { code: 'PERMISSION_DENIED', message: `The app needs the ${STORAGE_SCOPE} scope` });
      const injected = await faults.take('kvs');
      if (inv()?.stopped) throw new InvocationTimeout('The function was stopped at its time limit: no more storage calls');
      if (injected) return injected;
      const retryAfter = quota.refuse(path);
      if (retryAfter !== undefined) {
        count('kvsThrottled');
        return reply(429, { code: 'RATE_LIMIT_EXCEEDED', message: "The installation's storage quota for this minute is spent" }, { 'retry-after': String(retryAfter) });
      }
      const r = handleKvs(store, path, body);
      const units = costOf(path, body, r);
      quota.charge(units);
      count('kvsReadUnits', units.read);
      count('kvsWriteUnits', units.write);
      return reply(r.status, r.body);
    }
    if (target.type === 'fpp' && target.remote === 'jira') {
      count('jiraCalls');
      let caller: Caller;
      if (target.provider === 'user') {
        const accountId = target.accountId ?? inv()?.accountId;
        // No user behind the call (a scheduled trigger): Forge's proxy asks for authentication.
        if (!accountId) return reply(401, { message: 'Authentication required' }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' });
        caller = { kind: 'user', accountId };
      } else {
        caller = { kind: 'app' };
      }
      const injected = await faults.take('jira');
      if (inv()?.stopped) throw new InvocationTimeout('The function was stopped at its time limit: no more Jira calls');
      if (injected) return injected;
      return handleJira(jira, manifest.scopes, caller, init?.method ?? 'GET', path, body, new Date());
    }
    return reply(403, { message: `Target ${JSON.stringify(target)} is not available to this app` }, { 'forge-proxy-error': 'PROXY_TARGET_NOT_ALLOWED' });
  };
}

type Handler = (event: unknown, runtimePayload: unknown) => Promise<unknown>;

/** Loads the app's backend bundle (what `forge deploy` ships) and resolves handlers named in the manifest. */
export function loadHandlers(bundlePath: string, manifest: AppManifest): Map<string, Handler> {
  const require = createRequire(import.meta.url);
  delete require.cache[bundlePath];
  const exports = require(bundlePath) as Record<string, unknown>;
  const handlers = new Map<string, Handler>();
  for (const [fnKey, handler] of manifest.functions) {
    const exportName = handler.split('.').pop()!;
    const fn = exports[exportName];
    if (typeof fn !== 'function') throw new Error(`Function '${fnKey}' names handler '${handler}', which src/index.ts does not export`);
    handlers.set(fnKey, fn as Handler);
  }
  return handlers;
}

export class InvocationTimeout extends Error {}

/** Runs one function invocation inside its own context, with Forge's time limit. */
export async function runInvocation<T>(meta: Omit<Invocation, 'id' | 'deadline' | 'counts'>, timeoutMs: number, fn: () => Promise<T>): Promise<{ result: T; counts: Counts }> {
  const invocation: Invocation = { ...meta, id: randomUUID(), deadline: Date.now() + timeoutMs, counts: { ...zero(), invokes: 1 } };
  totals.invokes++;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      invocation.stopped = true;
      reject(new InvocationTimeout(`Invocation exceeded ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([current.run(invocation, fn), timeout]);
    return { result, counts: invocation.counts };
  } finally {
    clearTimeout(timer);
    const t = (moduleTotals[meta.moduleKey] ??= zero());
    for (const k of Object.keys(t) as (keyof Counts)[]) t[k] += invocation.counts[k];
  }
}
