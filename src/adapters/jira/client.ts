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
  async send<T>(as: As, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: Route, body?: unknown, retryable = false): Promise<{ status: number; data?: T }> {
    const requester = as === 'user' ? asUser() : asApp();
    const res = await withRetry(
      () => requester.requestJira(path, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
      retryable,
    );
    const text = await res.text();
    if (!res.ok) throw new JiraHttpError(res.status, `Jira answered ${res.status}: ${text.slice(0, 200)}`);
    return { status: res.status, data: text ? (JSON.parse(text) as T) : undefined };
  },
};
export { route };
