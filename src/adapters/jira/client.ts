import type { APIResponse } from '@forge/api';
import { AppError } from '../../shared/errors';

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

/** Headers of a JSON read and of a JSON write. */
export const READ = { accept: 'application/json' };
export const WRITE = { accept: 'application/json', 'content-type': 'application/json' };

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

/**
 * JSON over @forge/api's requestJira. Each adapter makes the call itself, `asUser()` or `asApp()` with a literal
 * route`…` and method: that is where `forge lint`'s scope check looks for the routes the app calls.
 */
export const jira = {
  /** A read; 404 and 403 (absent or not visible to the caller) are `undefined`. Reads are retried. */
  async read<T>(call: () => Promise<APIResponse>): Promise<T | undefined> {
    const res = await withRetry(call, true);
    if (res.status === 404 || res.status === 403) return undefined;
    if (!res.ok) throw new JiraHttpError(res.status, `Jira answered ${res.status} for a read`);
    return (await res.json()) as T;
  },
  /** Any other call (a write, a POST that reads, or a read whose status matters): non-2xx is a JiraHttpError. Retried only when repeating it is harmless. */
  async send<T>(call: () => Promise<APIResponse>, retryable = false): Promise<{ status: number; data?: T }> {
    const res = await withRetry(call, retryable);
    const text = await res.text();
    if (!res.ok) throw new JiraHttpError(res.status, `Jira answered ${res.status}: ${text.slice(0, 200)}`);
    return { status: res.status, data: text ? (JSON.parse(text) as T) : undefined };
  },
  /** A call whose 4xx answers are part of the result (Jira's own error messages), not an exception. */
  async answer<T>(call: () => Promise<APIResponse>, retryable = false): Promise<{ ok: true; status: number; data: T } | { ok: false; status: number; messages: string[]; fields: Record<string, string> }> {
    const res = await withRetry(call, retryable);
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
