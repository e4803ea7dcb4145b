import { invoke, MODULES, panel } from './client';
import { ACME_PARTNER, GLOBEX_PARTNER, VALID_SETTINGS } from './fixtures';

const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what} failed: ${JSON.stringify(r.error)}`);
  return r.data as T;
};

/**
 * A configured site as the demo has it, written through the app's own functions: site settings, Acme and
 * Globex in the directory, SEC-1 linked to Acme and SEC-2 to Globex (by IR staff), SEC-3 to none.
 * `settingsVersion` is the site settings' version afterwards.
 */
export async function configureSite(o: { link?: boolean } = {}): Promise<{ settingsVersion: number; acme: string; globex: string }> {
  const saved = ok<{ version: number }>(await invoke('jira-admin', MODULES.admin, 'save', { version: 0, settings: VALID_SETTINGS }), 'saving the site settings');
  const acme = ok<{ partner: { id: string } }>(await invoke('jira-admin', MODULES.admin, 'savePartner', { id: null, version: 0, partner: ACME_PARTNER }), 'adding Acme').partner.id;
  const globex = ok<{ partner: { id: string } }>(await invoke('jira-admin', MODULES.admin, 'savePartner', { id: null, version: 0, partner: GLOBEX_PARTNER }), 'adding Globex').partner.id;
  if (o.link !== false) {
    for (const [issueKey, partnerId] of [['SEC-1', acme], ['SEC-2', globex]] as const) {
      const loaded = ok<{ incident: { version: number } }>(await panel('ir-analyst', 'load', {}, issueKey), `loading ${issueKey}`);
      ok(await panel('ir-analyst', 'setPartner', { version: loaded.incident.version, partnerId }, issueKey), `linking ${issueKey}`);
    }
  }
  return { settingsVersion: saved.version, acme, globex };
}
