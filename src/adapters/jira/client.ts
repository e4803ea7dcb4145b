import { asApp, asUser, route, type APIResponse } from '@forge/api';
import { AppError } from '../../shared/errors';

type Route = ReturnType<typeof route>;

export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RETRIES = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a rate-limited call with backoff (honouring Retry-After), then gives up with RATE_LIMITED. */
async function withRetry(call: () => Promise<APIResponse>, retryable: boolean): Promise<APIResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await call();
    if (res.status !== 429 && res.status < 500) return res;
    if (!retryable || attempt >= RETRIES) {
      if (res.status === 429) throw new AppError('RATE_LIMITED', 'Jira is rate limiting requests; try again in a moment.');
      throw new JiraHttpError(res.status, `Jira answered ${res.status}`);
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 100 * 2 ** attempt);
  }
}

export type As = 'user' | 'app';

/** Thin JSON client over @forge/api's requestJira, as the user or as the app. */
export const jira = {
  async get<T>(as: As, path: Route): Promise<T | undefined> {
    const requester = as === 'user' ? asUser() : asApp();
    const res = await withRetry(() => requester.requestJira(path, { headers: { accept: 'application/json' } }), true);
    if (res.status === 404 || res.status === 403) return undefined;
    if (!res.ok) throw new JiraHttpError(res.status, `Jira answered ${res.status} for a read`);
    return (await res.json()) as T;
  },
  async send<T>(as: As, method: 'POST' | 'PUT' | 'DELETE', path: Route, body?: unknown, retryable = false): Promise<{ status: number; data?: T }> {
    const requester = as === 'user' ? asUser() : asApp();
    const res = await withRetry(
      () => requester.requestJira(path, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
      retryable,
    );
    const text = await res.text();
    if (!res.ok) throw new JiraHttpError(res.status, `Jira answered ${res.status}: ${text.slice(0, 200)}`);
    return { status: res.status, data: text ? (JSON.parse(text) as T) : undefined };
  },
  /** A call whose 4xx answers are part of the result (Jira's own error messages), not an exception. */
  async answer<T>(as: As, method: 'GET' | 'POST', path: Route, body?: unknown, retryable = false): Promise<{ ok: true; status: number; data: T } | { ok: false; status: number; messages: string[]; fields: Record<string, string> }> {
    const requester = as === 'user' ? asUser() : asApp();
    const res = await withRetry(
      () => requester.requestJira(path, { method, headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }),
      retryable,
    );
    const text = await res.text();
    if (res.ok) return { ok: true, status: res.status, data: (text ? JSON.parse(text) : undefined) as T };
    if (res.status >= 500) throw new JiraHttpError(res.status, `Jira answered ${res.status}`);
    let parsed: { errorMessages?: unknown; errors?: unknown } = {};
    try {
      parsed = text ? (JSON.parse(text) as typeof parsed) : {};
    } catch {
      // Not JSON: the status alone says what happened.
    }
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.filter((m): m is string => typeof m === 'string') : [];
    const fields = parsed.errors && typeof parsed.errors === 'object' ? Object.fromEntries(Object.entries(parsed.errors).filter(([, m]) => typeof m === 'string')) : {};
    return { ok: false, status: res.status, messages, fields: fields as Record<string, string> };
  },
};
export { route };
