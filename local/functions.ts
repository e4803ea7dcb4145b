import { MODULE_CONTRACTS } from '../src/contract/modules';

/** Each module's resolver function keys, read from the contract the resolvers are built from. */
export function moduleFunctionKeys(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(MODULE_CONTRACTS).map(([moduleKey, fns]) => [moduleKey, Object.keys(fns)]));
}
