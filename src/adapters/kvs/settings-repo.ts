import { readSettings, type SettingsReading } from '../../domain/settings-record';
import type { SiteSettings } from '../../domain/site-settings';
import { batchRead, commitRecord, EMPTY_HEAD, type ChainHead, type Versioned } from './versioned-store';
import { ENTITIES, SETTINGS_KEY } from './entities';
import type { UnsealedEntry } from '../../domain/audit-trail';

export const SETTINGS_STREAM = 'settings';

/** The site settings as stored, read today: what they say, and how they were read (upgraded, unreadable). */
export type SettingsState = Versioned<SiteSettings> & { reading: SettingsReading; unreadable: boolean };

export const settingsItem = { key: SETTINGS_KEY, entityName: ENTITIES.settings };

const isHead = (x: Record<string, unknown>) => Number.isInteger(x.version) && Number.isInteger(x.auditSeq) && typeof x.auditHash === 'string';

/** A stored value (or its absence) as today's settings. A value that does not parse never throws. */
export function settingsFromStored(stored: unknown): SettingsState {
  if (stored === undefined) {
    const reading = readSettings(undefined);
    return { version: 0, doc: reading.settings, head: EMPTY_HEAD, reading, unreadable: false };
  }
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const reading = readSettings(raw.doc);
  if (!isHead(raw)) {
    // The record's own bookkeeping is broken: only a repair (replacing it) can write it again.
    return { version: -1, doc: reading.settings, head: EMPTY_HEAD, reading: reading.repair ? reading : { ...reading, repair: { message: 'The stored settings record is damaged. A Jira admin needs to save the settings again or import a settings file.', fields: {} } }, unreadable: true };
  }
  return { version: raw.version as number, doc: reading.settings, head: { seq: raw.auditSeq as number, hash: raw.auditHash as string }, reading, unreadable: reading.repair !== null };
}

/** The app's site settings: one versioned record with its own audit trail. Defaults until an admin saves. */
export const settingsRepo = {
  async load(): Promise<SettingsState> {
    const [found] = await batchRead([settingsItem]);
    return settingsFromStored(found?.value);
  },
  save(from: SettingsState, doc: SiteSettings, entry: UnsealedEntry) {
    return commitRecord({ entityName: ENTITIES.settings, key: SETTINGS_KEY, from: Math.max(from.version, 0), replaceUnreadable: from.version < 0, head: from.head, doc, audit: { stream: SETTINGS_STREAM, entries: [entry] } });
  },
};
export type { ChainHead };
