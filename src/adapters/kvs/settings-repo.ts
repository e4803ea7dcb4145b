import { DEFAULT_SETTINGS, type Settings } from '../../domain/settings';
import { commitRecord, EMPTY_HEAD, readRecord, type ChainHead, type Versioned } from './versioned-store';
import { ENTITIES, SETTINGS_KEY } from './entities';
import type { UnsealedEntry } from '../../domain/audit-trail';

export const SETTINGS_STREAM = 'settings';

/** The app's settings: one versioned record with its own audit trail. Defaults until an admin saves. */
export const settingsRepo = {
  async load(): Promise<Versioned<Settings>> {
    return (await readRecord<Settings>(ENTITIES.settings, SETTINGS_KEY)) ?? { version: 0, doc: DEFAULT_SETTINGS, head: EMPTY_HEAD };
  },
  save(from: number, head: ChainHead, doc: Settings, entry: UnsealedEntry) {
    return commitRecord({ entityName: ENTITIES.settings, key: SETTINGS_KEY, from, head, doc, audit: { stream: SETTINGS_STREAM, entries: [entry] } });
  },
};
