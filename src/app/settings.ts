import { contactsStatus, parseSettingsImport, type Settings } from '../domain/settings';
import { diffFields } from '../domain/audit-trail';
import { settingsRepo } from '../adapters/kvs/settings-repo';
import { directory } from '../adapters/jira/directory';
import { conflict, invalid } from './errors';
import { dayIn } from './time';
import type { Call } from './session';

/** What the settings page shows: the settings, their version for the next save, and the contacts' state. */
export async function settingsView(call: Call) {
  const { version, doc } = await call.session.settings();
  return viewOf(version, doc, call.now);
}

function viewOf(version: number, settings: Settings, now: Date) {
  return { version, settings, contactsStatus: contactsStatus(settings.contacts, dayIn(now, settings.clock.timeZone)) };
}

const STALE = 'The settings changed since you opened them. Reload to see the newer values; nothing was saved.';

/** Groups named as IR staff must exist on the site; only newly added names are looked up. */
async function unknownGroups(before: Settings, after: Settings): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const checks = after.roles.irGroups.map(async (name, i) => {
    if (before.roles.irGroups.includes(name)) return;
    if (!(await directory.groupExists(name))) fields[`settings.roles.irGroups.${i}`] = `There is no group named "${name}" on this site`;
  });
  await Promise.all(checks);
  return fields;
}

export async function saveSettings(call: Call, input: { version: number; settings: Settings }, action = 'settings.save') {
  const current = await call.session.settings();
  if (input.version !== current.version) throw conflict(STALE);
  const missing = await unknownGroups(current.doc, input.settings);
  if (Object.keys(missing).length) throw invalid(missing);
  const changes = diffFields(current.doc, input.settings);
  if (changes.length === 0) return settingsView(call);
  const saved = await settingsRepo.save(current.version, current.head, input.settings, { at: call.now.toISOString(), actor: call.session.accountId, action, changes });
  return viewOf(saved.version, input.settings, call.now);
}

/** An exported settings file, validated as a whole before anything is written. */
export async function importSettings(call: Call, input: { version: number; text: string }) {
  const parsed = parseSettingsImport(input.text);
  if (!parsed.ok) throw invalid(parsed.fields, 'The file could not be imported; nothing was changed.');
  return saveSettings(call, { version: input.version, settings: parsed.settings }, 'settings.import');
}
