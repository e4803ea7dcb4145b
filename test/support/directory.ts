import { invoke, MODULES, panel } from './client';
import { ACME_PARTNER, GLOBEX_PARTNER, VALID_SETTINGS } from './fixtures';

const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what} failed: ${JSON.stringify(r.error)}`);
  return r.data as T;
};

/**
 * A configured site as the demo has it, written through the app's own functions: site settings, Acme and
 * Globex in the directory, and (unless `link: false`) SEC-1 linked to Acme and SEC-2 to Globex by IR staff.
 * Idempotent: what is already there stays (browser tests share one host). With `link: false` an incident
 * becomes its partner's on the partner's first save, so incident versions start at 0 as before.
 */
export async function configureSite(o: { link?: boolean; base?: string } = {}): Promise<{ settingsVersion: number; acme: string; globex: string }> {
  const loaded = ok<{ version: number }>(await invoke('jira-admin', MODULES.admin, 'load', {}, undefined, o.base), 'loading the settings');
  let settingsVersion = loaded.version;
  if (settingsVersion === 0) settingsVersion = ok<{ version: number }>(await invoke('jira-admin', MODULES.admin, 'save', { version: 0, settings: VALID_SETTINGS }, undefined, o.base), 'saving the site settings').version;
  for (const [id, partner] of [['acme', ACME_PARTNER], ['globex', GLOBEX_PARTNER]] as const) {
    const there = await invoke('jira-admin', MODULES.admin, 'partner', { id }, undefined, o.base);
    if (!there.ok) ok(await invoke('jira-admin', MODULES.admin, 'savePartner', { id: null, version: 0, partner }, undefined, o.base), `adding ${partner.name}`);
  }
  if (o.link !== false) {
    for (const [issueKey, partnerId] of [['SEC-1', 'acme'], ['SEC-2', 'globex']] as const) {
      const cur = ok<{ incident: { version: number }; prefill: { partner: { id: string } | null } }>(await panel('ir-analyst', 'load', {}, issueKey, o.base), `loading ${issueKey}`);
      if (cur.prefill.partner?.id !== partnerId) ok(await panel('ir-analyst', 'setPartner', { version: cur.incident.version, partnerId }, issueKey, o.base), `linking ${issueKey}`);
    }
  }
  return { settingsVersion, acme: 'acme', globex: 'globex' };
}
