import { PANEL } from './panel';
import { GLOBAL } from './global';
import { ADMIN } from './admin';
import { CONTEXT } from './context';

/** Module key (as in manifest.yml) → its functions. */
export const MODULE_KEYS = { panel: 'incident-panel', context: 'incident-context', global: 'incidents-page', admin: 'settings-page' } as const;

export const MODULE_CONTRACTS = {
  [MODULE_KEYS.panel]: PANEL,
  [MODULE_KEYS.context]: CONTEXT,
  [MODULE_KEYS.global]: GLOBAL,
  [MODULE_KEYS.admin]: ADMIN,
} as const;
