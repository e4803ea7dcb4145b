import { invoke } from '@forge/bridge';
import type { FunctionMap, InputOf, OutputOf } from '../../src/contract/fn';
import type { Result } from '../../src/contract/envelope';
import type { PANEL } from '../../src/contract/panel';
import type { CONTEXT } from '../../src/contract/context';
import type { GLOBAL } from '../../src/contract/global';
import type { ADMIN } from '../../src/contract/admin';

// When the site's storage quota for the minute is spent, a call is sent again after the wait the answer names,
// this many times: the quota is per minute, so a short wait usually finds the next one.
const QUOTA_RETRIES = 2;
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * The one way static/ talks to the backend: a typed call over `invoke`, checked against the shared contract.
 * A bridge failure (network, rate limit) comes back as an envelope too, so the UI handles one shape. A call the
 * storage quota refused wrote nothing and is sent again (a save that did write meanwhile answers CONFLICT, as
 * any stale save does).
 */
function client<C extends FunctionMap>() {
  async function once<K extends keyof C & string>(key: K, input: InputOf<C[K]>): Promise<Result<OutputOf<C[K]>>> {
    try {
      return (await invoke(key, input as Record<string, unknown>)) as Result<OutputOf<C[K]>>;
    } catch (e) {
      const rateLimited = e instanceof Error && /rate limit/i.test(e.message);
      return { ok: false, error: { code: rateLimited ? 'RATE_LIMITED' : 'INTERNAL', message: rateLimited ? 'Too many requests; try again shortly.' : "Couldn't reach the app. Check your connection and try again." } };
    }
  }
  /** `o.quotaRetries: 0`: the caller waits for the quota itself (and says so, e.g. a long trail check or an import). */
  return async function call<K extends keyof C & string>(key: K, input: InputOf<C[K]>, o: { quotaRetries?: number } = {}): Promise<Result<OutputOf<C[K]>>> {
    let r = await once(key, input);
    for (let n = 0; n < (o.quotaRetries ?? QUOTA_RETRIES) && !r.ok && r.error.code === 'RATE_LIMITED' && r.error.retryAfterMs; n++) {
      await wait(r.error.retryAfterMs);
      r = await once(key, input);
    }
    return r;
  };
}

export const panelApi = client<typeof PANEL>();
export const contextApi = client<typeof CONTEXT>();
export const globalApi = client<typeof GLOBAL>();
export const adminApi = client<typeof ADMIN>();
