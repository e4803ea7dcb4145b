/**
 * Fault injection for tests: make the nth call to the KVS service or to Jira fail the way the platform fails
 * (429 RATE_LIMIT_EXCEEDED, 500, a timeout, Jira 429 with Retry-After), or answer only after a delay (`slow`).
 */
export interface FaultSpec {
  target: 'kvs' | 'jira';
  /** 1 = the next call to that target. */
  nth: number;
  kind: 'rate-limit' | 'server-error' | 'timeout' | 'slow';
  retryAfterSeconds?: number;
  /** For `slow`: how long the call waits before it is answered as usual. */
  delayMs?: number;
  /** How many consecutive calls fail, from the nth on (default 1). */
  times?: number;
}

interface Pending extends FaultSpec {
  seen: number;
  left: number;
}

let pending: Pending[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const faults = {
  add(spec: FaultSpec): void {
    pending.push({ ...spec, seen: 0, left: spec.times ?? 1 });
  },
  clear(): void {
    pending = [];
  },
  list(): FaultSpec[] {
    return pending.map(({ target, nth, kind, retryAfterSeconds, left }) => ({ target, nth, kind, retryAfterSeconds, times: left }));
  },
  /** Called on every call to a target: returns the failure to answer with, if one is due. */
  async take(target: FaultSpec['target']): Promise<Response | undefined> {
    let answer: Response | undefined;
    let delayMs = 0;
    for (const f of pending) {
      if (f.target !== target) continue;
      f.seen++;
      if (answer || f.seen < f.nth || f.left <= 0) continue;
      f.left--;
      if (f.kind === 'slow') {
        delayMs = Math.max(delayMs, f.delayMs ?? 0);
      } else if (f.kind === 'timeout') {
        answer = json(504, { code: 'GATEWAY_TIMEOUT', message: 'The request timed out' });
      } else if (f.kind === 'server-error') {
        answer = json(500, target === 'kvs' ? { code: 'INTERNAL_SERVER_ERROR', message: 'Injected failure' } : { errorMessages: ['Injected failure'] });
      } else {
        const headers: Record<string, string> = f.retryAfterSeconds !== undefined ? { 'retry-after': String(f.retryAfterSeconds) } : {};
        answer = json(429, target === 'kvs' ? { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } : { errorMessages: ['Rate limit exceeded'] }, headers);
      }
    }
    pending = pending.filter((f) => f.left > 0);
    if (delayMs > 0) await new Promise((ok) => setTimeout(ok, delayMs));
    return answer;
  },
};
