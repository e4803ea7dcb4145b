import { kvs } from '@forge/kvs';

export const SETTINGS_KEY = 'settings';

/** What the app needs from the settings before the settings page exists: who counts as IR staff. */
export interface StoredSettings {
  version: number;
  roles: { irGroups: string[] };
}

export const DEFAULT_SETTINGS: StoredSettings = { version: 0, roles: { irGroups: ['incident-response'] } };

export const settingsRepo = {
  async load(): Promise<StoredSettings> {
    return (await kvs.get<StoredSettings>(SETTINGS_KEY)) ?? DEFAULT_SETTINGS;
  },
};
