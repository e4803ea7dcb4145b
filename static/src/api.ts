import { invoke } from '@forge/bridge';
import type { FunctionMap, InputOf, OutputOf } from '../../src/contract/fn';
import type { Result } from '../../src/contract/envelope';
import type { PANEL } from '../../src/contract/panel';
import type { CONTEXT } from '../../src/contract/context';
import type { GLOBAL } from '../../src/contract/global';
import type { ADMIN } from '../../src/contract/admin';

/**
 * The one way static/ talks to the backend: a typed call over `invoke`, checked against the shared contract.
 * A bridge failure (network, rate limit) comes back as an envelope too, so the UI handles one shape.
 */
function client<C extends FunctionMap>() {
  return async function call<K extends keyof C & string>(key: K, input: InputOf<C[K]>): Promise<Result<OutputOf<C[K]>>> {
    try {
      return (await invoke(key, input as Record<string, unknown>)) as Result<OutputOf<C[K]>>;
    } catch (e) {
      const rateLimited = e instanceof Error && /rate limit/i.test(e.message);
      return { ok: false, error: { code: rateLimited ? 'RATE_LIMITED' : 'INTERNAL', message: rateLimited ? 'Too many requests; try again shortly.' : "Couldn't reach the app. Check your connection and try again." } };
    }
  };
}

export const panelApi = client<typeof PANEL>();
export const contextApi = client<typeof CONTEXT>();
export const globalApi = client<typeof GLOBAL>();
export const adminApi = client<typeof ADMIN>();
