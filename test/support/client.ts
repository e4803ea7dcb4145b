import { inject } from 'vitest';

export type Persona = 'ir-analyst' | 'partner-acme' | 'partner-globex' | 'jira-admin' | 'outsider' | 'viewer-browse';
export const PERSONAS: Persona[] = ['ir-analyst', 'partner-acme', 'partner-globex', 'jira-admin', 'outsider', 'viewer-browse'];
export const MODULES = { panel: 'incident-panel', context: 'incident-context', global: 'incidents-page', admin: 'settings-page' } as const;

export interface Envelope<T = unknown> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string; fields?: Record<string, string> };
}

export const hostUrl = (base?: string) => base ?? inject('hostUrl');

export async function control<T = unknown>(path: string, body?: unknown, base?: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${hostUrl(base)}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** Calls an app function through the host's control API, with the context a page of that module gets. */
export async function invoke<T = unknown>(as: Persona, moduleKey: string, functionKey: string, payload: unknown = {}, issueKey?: string, base?: string) {
  const r = await control<Envelope<T>>('/__local/invoke', { as, moduleKey, functionKey, payload, issueKey }, base);
  return { ...r.body, status: r.status, ...costOf(r.headers) };
}

/** What an invocation cost, from the host's headers: KVS calls, Forge's quota units, 429s met, Jira calls. */
export function costOf(headers: Headers) {
  const n = (h: string) => Number(headers.get(h));
  return { kvsOps: n('x-kvs-ops'), kvsReadUnits: n('x-kvs-read-units'), kvsWriteUnits: n('x-kvs-write-units'), kvsThrottled: n('x-kvs-throttled'), jiraCalls: n('x-jira-calls') };
}

export interface QuotaLimits {
  readUnitsPerWindow?: number;
  writeUnitsPerWindow?: number;
  windowMs?: number;
}
/** Sets the local KVS quota (a fresh window starts); `/__local/reset` puts Forge's back. */
export const setQuota = (limits: QuotaLimits | { unlimited: true }, base?: string) => control('/__local/kvs/quota', limits, base);

export const panel = <T = unknown>(as: Persona, functionKey: string, payload: unknown = {}, issueKey = 'SEC-1', base?: string) => invoke<T>(as, MODULES.panel, functionKey, payload, issueKey, base);
export const reset = (base?: string) => control('/__local/reset', {}, base);
