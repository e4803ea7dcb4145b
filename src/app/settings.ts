import { parseSettingsImport, type SettingsFile } from '../domain/settings-file';
import type { SiteSettings } from '../domain/site-settings';
import { diffFields } from '../domain/audit-trail';
import { settingsRepo, type SettingsState } from '../adapters/kvs/settings-repo';
import { partnerRepo } from '../adapters/kvs/partner-repo';
import { directory } from '../adapters/jira/directory';
import { jiraSearch } from '../adapters/jira/search';
import { conflict, invalid } from './errors';
import { checkClaims, savePartnerDoc } from './partners';
import type { Call } from './session';

/** What the settings page shows: the site settings, their version for the next save, and how they read. */
export async function settingsView(call: Call) {
  return viewOf(await call.session.settings());
}

function viewOf(state: SettingsState) {
  return { version: Math.max(state.version, 0), settings: state.doc, repair: state.reading.repair, previousVersionPartner: state.reading.legacyPartner };
}

const STALE = 'The settings changed since you opened them. Reload to see the newer values; nothing was saved.';

/** Groups named as IR staff must exist on the site; only newly added names are looked up. */
async function unknownGroups(before: SiteSettings, after: SiteSettings, prefix: string): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const checks = after.roles.irGroups.map(async (name, i) => {
    if (before.roles.irGroups.includes(name)) return;
    if (!(await directory.groupExists(name))) fields[`${prefix}roles.irGroups.${i}`] = `There is no group named "${name}" on this site`;
  });
  await Promise.all(checks);
  return fields;
}

/** Which tickets are incidents: each project must exist in Jira, and each issue type in one of them (when changed). */
export async function unknownTickets(before: SiteSettings, after: SiteSettings, prefix: string): Promise<Record<string, string>> {
  if (JSON.stringify(before.incidents) === JSON.stringify(after.incidents)) return {};
  const fields: Record<string, string> = {};
  const projects = await Promise.all(after.incidents.projects.map((key) => jiraSearch.project(key)));
  projects.forEach((p, i) => {
    if (!p) fields[`${prefix}incidents.projects.${i}`] = `There is no project with key ${after.incidents.projects[i]} on this site`;
  });
  const types = new Set(projects.flatMap((p) => p?.issueTypes ?? []).map((t) => t.toLowerCase()));
  after.incidents.issueTypes.forEach((t, i) => {
    if (projects.some(Boolean) && !types.has(t.toLowerCase())) fields[`${prefix}incidents.issueTypes.${i}`] = `None of these projects has an issue type named \u201c${t}\u201d`;
  });
  return fields;
}

/**
 * Saves the site settings. A record that does not parse (or was written by the previous version) is replaced
 * by this save: an admin can always repair the settings from the settings page.
 */
export async function saveSettings(call: Call, input: { version: number; settings: SiteSettings }, action = 'settings.save') {
  const current = await call.session.settings();
  if (input.version !== Math.max(current.version, 0)) throw conflict(STALE);
  const missing = { ...(await unknownGroups(current.doc, input.settings, 'settings.')), ...(await unknownTickets(current.doc, input.settings, 'settings.')) };
  if (Object.keys(missing).length) throw invalid(missing);
  const changes = diffFields(current.doc, input.settings);
  // The first save, a repair and an upgrade are written even when the values are the defaults already shown.
  if (changes.length === 0 && current.version > 0 && !current.unreadable && current.reading.storedShape === 2) return viewOf(current);
  const entry = { at: call.now.toISOString(), actor: call.session.accountId, action: current.unreadable ? 'settings.repair' : action, changes };
  const saved = await settingsRepo.save(current, input.settings, entry);
  return viewOf({ version: saved.version, doc: input.settings, head: saved.head, reading: { settings: input.settings, storedShape: 2, legacyPartner: current.reading.legacyPartner, repair: null }, unreadable: false });
}

/**
 * An exported settings file (this version's or the previous one's), validated as a whole before anything is
 * written: the site settings first, then each partner (created, or updated when its id exists).
 */
export async function importSettings(call: Call, input: { version: number; text: string }) {
  const parsed = parseSettingsImport(input.text);
  if (!parsed.ok) throw invalid(parsed.fields, 'The file could not be imported; nothing was changed.');
  await checkPartnersImportable(call, parsed.file);
  const view = await saveSettings(call, { version: input.version, settings: parsed.file.settings }, 'settings.import');
  let written = 0;
  for (const entry of parsed.file.partners) {
    const { id, needsMemberGroups, ...fields } = entry;
    const existing = await partnerRepo.load(id);
    await savePartnerDoc(call, { id, from: existing, input: fields, needsMemberGroups: needsMemberGroups === true, action: 'partner.import' });
    written++;
  }
  // A version 1 file's partner is written to the directory, so there is no previous-version partner left to offer.
  return { ...view, previousVersionPartner: parsed.file.version === 1 ? null : view.previousVersionPartner, partnersWritten: written, fileVersion: parsed.file.version };
}

/** Before anything is written: no group or app of the file may belong to a partner the file does not name. */
async function checkPartnersImportable(call: Call, file: SettingsFile) {
  const fields: Record<string, string> = {};
  for (const [i, p] of file.partners.entries()) Object.assign(fields, await checkClaims(call, p.id, p, `partners.${i}.`, { groupsMustExist: false }));
  if (Object.keys(fields).length) throw invalid(fields, 'The file could not be imported; nothing was changed.');
}
