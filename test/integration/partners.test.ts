import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset, type Persona } from '../support/client';
import { configureSite } from '../support/directory';
import { ACME_APP_ID, ACME_PARTNER, GLOBEX_APP_ID, GLOBEX_PARTNER } from '../support/fixtures';
import { validPayload } from '../support/payloads';

interface Comment {
  body: { content: { content: { text: string }[] }[] };
}
const HOUR = 3_600_000;
const START = '2026-11-24T09:00:00.000Z'; // a Tuesday, inside Globex's 24x5 week
const setClock = (now: string) => control('/__local/clock', { now });
const trigger = () => control('/__local/triggers/timers', {});
const comments = async (issueKey: string) => (await control<Comment[]>(`/__local/jira/comments?issueKey=${issueKey}`)).body;
const text = (c: Comment) => c.body.content.map((p) => p.content.map((t) => t.text).join('')).join('\n');
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const admin = <T = unknown>(fn: string, payload: unknown = {}) => invoke<T>('jira-admin', MODULES.admin, fn, payload);

const ACME_SECRETS = [ACME_PARTNER.contacts.primary.name, ACME_PARTNER.contacts.primary.email, ACME_PARTNER.contacts.primary.phone, ACME_PARTNER.contacts.secondary.email, ACME_PARTNER.contacts.secondary.phone, 'Acme Timesheets', ACME_APP_ID, 'acme-timesheets'];
const GLOBEX_SECRETS = [GLOBEX_PARTNER.contacts.primary.name, GLOBEX_PARTNER.contacts.primary.email, GLOBEX_PARTNER.contacts.primary.phone, GLOBEX_PARTNER.contacts.secondary.email, 'Globex Charts', GLOBEX_APP_ID, 'globex-charts'];
const leaked = (x: unknown, secrets: string[]) => secrets.filter((s) => JSON.stringify(x ?? null).toLowerCase().includes(s.toLowerCase()));

interface Load {
  viewer: { role: string };
  incident: { version: number; report: { summary: { whatHappened: string }; irNotes?: string; contacts: { primary: { name: string } } }; obligations: { clock: { calendar: string; timeZone: string }; checklist: { items: { key: string; status: string }[] } }; triage: { inputs: { support: { partnerTier: string } } } };
  prefill: { contacts: { primary: { name: string } } | null; apps: { appId: string }[]; partner: { id: string; newerContacts: boolean; contactsUpdated: { byPartner: boolean } | null } | null; suggestion: { id: string } | null };
}

beforeEach(async () => {
  await reset();
  await setClock(START);
  await configureSite();
});

async function everything(as: Persona, issueKey: string, secrets: string[]) {
  const found: string[] = [];
  const fns = (await control<{ moduleKey: string; functionKeys: string[] }[]>('/__local/functions')).body;
  for (const m of fns.filter((x) => x.moduleKey !== MODULES.admin)) {
    for (const fn of m.functionKeys) {
      const payload = await validPayload(m.moduleKey, fn, as, issueKey);
      const r = await invoke(as, m.moduleKey, fn, payload, m.moduleKey === MODULES.panel ? issueKey : undefined);
      for (const s of leaked(r.ok ? r.data : r.error, secrets)) found.push(`${m.moduleKey}.${fn}: ${s}`);
    }
  }
  return found;
}

describe('one site, many partners: nothing crosses between them', () => {
  it("Globex's panel on SEC-2 is Globex's: prefill, triage, clock and contacts obligation come from Globex", async () => {
    const r = await panel<Load>('partner-globex', 'load', {}, 'SEC-2');
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const d = r.data!;
    expect(d.viewer.role).toBe('partner');
    expect(d.prefill.contacts?.primary.name).toBe('Greta Lindqvist');
    expect(d.prefill.apps.map((a) => a.appId)).toEqual([GLOBEX_APP_ID]);
    expect(d.incident.triage.inputs.support.partnerTier).toBe('other');
    expect(d.incident.obligations.clock).toMatchObject({ calendar: '24x5', timeZone: 'Europe/Berlin' });
    expect(d.incident.obligations.checklist.items.find((i) => i.key === 'contacts-current')?.status).toBe('done');
    expect(leaked(d, ACME_SECRETS)).toEqual([]);
    // One invoke, at most two KVS operations (record + settings, then partner + existing indicator chunks).
    expect(r.kvsOps).toBeLessThanOrEqual(2);
  });

  it('every panel function on SEC-2 and every global function answers Globex without Acme, and Acme without Globex', async () => {
    expect(await everything('partner-globex', 'SEC-2', ACME_SECRETS)).toEqual([]);
    expect(await everything('partner-acme', 'SEC-1', GLOBEX_SECRETS)).toEqual([]);
  });

  it('the reminders posted on SEC-2 name Globex contacts, never Acme', async () => {
    const loaded = await panel<Load>('ir-analyst', 'load', {}, 'SEC-2');
    const out = await panel('ir-analyst', 'recordOutreach', { version: loaded.data!.incident.version, at: START, channel: 'email', message: 'Please acknowledge' }, 'SEC-2');
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    await setClock(new Date(Date.parse(START) + 8 * HOUR + 60_000).toISOString());
    await trigger();
    const posted = await comments('SEC-2');
    expect(posted.length).toBeGreaterThan(0);
    for (const c of posted) {
      expect(text(c)).toMatch(/greta@globex\.example/);
      expect(leaked(text(c), ACME_SECRETS)).toEqual([]);
    }
  });

  it("a report may not name another partner's app ID, and the footprint covers the partner's own apps only", async () => {
    const loaded = await panel<Load>('partner-globex', 'load', {}, 'SEC-2');
    const before = await digest();
    const r = await panel('partner-globex', 'saveReport', { version: loaded.data!.incident.version, report: { app: { name: 'x', appId: ACME_APP_ID } } }, 'SEC-2');
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields).toHaveProperty(['report.app.appId']);
    expect(await digest()).toBe(before);
    const logs = await panel('partner-globex', 'proposeLogRequest', { version: loaded.data!.incident.version, request: { category: 'app-metadata', appKey: 'acme-timesheets', environment: 'production', windowStart: '2026-11-20T00:00:00Z', windowEnd: '2026-11-21T00:00:00Z', includes: { accountIds: false, sourceIps: false, emailDomains: false }, coldStorage: false, purpose: 'x' } }, 'SEC-2');
    expect(logs.ok).toBe(false);
    expect(await digest()).toBe(before);
  });

  it('a browse-only user reads the shared fields, nothing from the directory, and cannot change anything', async () => {
    const ir = await panel<Load>('ir-analyst', 'load', {}, 'SEC-1');
    await panel('ir-analyst', 'saveIrNotes', { version: ir.data!.incident.version, irNotes: 'internal only' }, 'SEC-1');
    const v = await panel<Load>('viewer-browse', 'load', {}, 'SEC-1');
    expect(v.ok, JSON.stringify(v.error)).toBe(true);
    expect(v.data!.viewer.role).toBe('viewer');
    expect(v.data!.incident.report).not.toHaveProperty('irNotes');
    expect(v.data!.prefill).toMatchObject({ contacts: null, apps: [], partner: null, suggestion: null });
    expect(leaked(v.data!.prefill, ACME_SECRETS)).toEqual([]);
    for (const fn of ['saveReport', 'addIndicators', 'removeIndicators', 'acknowledge', 'saveMitigations', 'saveRootCause', 'proposeLogRequest']) {
      const payload = await validPayload(MODULES.panel, fn, 'viewer-browse', 'SEC-1');
      const before = await digest();
      const r = await panel('viewer-browse', fn, payload, 'SEC-1');
      expect(r.error?.code, fn).toBe('FORBIDDEN');
      expect(await digest(), fn).toBe(before);
    }
  });

  it("a partner's first save of an unassigned incident makes it theirs; IR see the suggestion from the report's app", async () => {
    const ir = await panel<Load>('ir-analyst', 'load', {}, 'SEC-1');
    const unlinked = await panel<Load>('ir-analyst', 'setPartner', { version: ir.data!.incident.version, partnerId: null }, 'SEC-1');
    expect(unlinked.data!.prefill.partner).toBeNull();
    const p = await panel<Load>('partner-acme', 'load', {}, 'SEC-1');
    expect(p.data!.viewer.role).toBe('partner');
    expect(p.data!.prefill.contacts).toBeNull();
    const saved = await panel('partner-acme', 'saveReport', { version: p.data!.incident.version, report: { summary: { whatHappened: 'We saw it', actionsTaken: '', currentStatus: '' } } }, 'SEC-1');
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    expect((await panel<Load>('ir-analyst', 'load', {}, 'SEC-1')).data!.prefill.partner?.id).toBe('acme');

    const sec3 = await panel<Load>('ir-analyst', 'load', {}, 'SEC-3');
    await panel('ir-analyst', 'saveReport', { version: sec3.data!.incident.version, report: { app: { name: 'Globex Charts', appId: GLOBEX_APP_ID } } }, 'SEC-3');
    const again = await panel<Load>('ir-analyst', 'load', {}, 'SEC-3');
    expect(again.data!.prefill).toMatchObject({ partner: null, contacts: null, apps: [], suggestion: { id: 'globex' } });
  });

  it('a partner updates its own contacts: its trail says so, IR see it, open incidents offer the new ones, the next reminder names them', async () => {
    const org = await invoke<{ organizations: { id: string; version: number; coverage: unknown }[] }>('partner-acme', MODULES.global, 'organization');
    const mine = org.data!.organizations[0]!;
    const next = { primary: { ...ACME_PARTNER.contacts.primary, name: 'Nadia Newcontact', email: 'nadia@acme.example' }, secondary: ACME_PARTNER.contacts.secondary };
    const saved = await invoke('partner-acme', MODULES.global, 'saveOrganization', { partnerId: mine.id, version: mine.version, contacts: next, coverage: mine.coverage });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);

    const seen = await admin<{ partner: { contactsUpdated: { byPartner: boolean } } }>('partner', { id: 'acme' });
    expect(seen.data!.partner.contactsUpdated.byPartner).toBe(true);
    const trail = await admin<{ entries: { action: string; actor: string }[] }>('partnerHistory', { id: 'acme' });
    expect(trail.data!.entries[0]).toMatchObject({ action: 'partner.selfService' });
    // IR staff read the same trail from the incident's panel: SEC-1's partner's, and only on SEC-1 its.
    const fromPanel = await panel<{ entries: { action: string; seq: number }[] }>('ir-analyst', 'partnerHistory', {}, 'SEC-1');
    expect(fromPanel.data?.entries).toEqual(trail.data!.entries);
    const globexTrail = await panel<{ entries: unknown[] }>('ir-analyst', 'partnerHistory', {}, 'SEC-2');
    expect(globexTrail.data?.entries).toEqual((await admin<{ entries: unknown[] }>('partnerHistory', { id: 'globex' })).data!.entries);
    expect(globexTrail.data?.entries).not.toEqual(trail.data!.entries);
    expect((await panel('partner-acme', 'partnerHistory', {}, 'SEC-1')).error?.code).toBe('FORBIDDEN');

    // SEC-1's report named the old contacts: the panel says so and offers the new ones.
    const ir = await panel<Load>('ir-analyst', 'load', {}, 'SEC-1');
    await panel('ir-analyst', 'saveReport', { version: ir.data!.incident.version, report: { contacts: { primary: { name: 'Priya Acheson', email: 'priya@acme.example' } } } }, 'SEC-1');
    const p = await panel<Load>('partner-acme', 'load', {}, 'SEC-1');
    expect(p.data!.prefill.partner).toMatchObject({ newerContacts: true, contactsUpdated: { byPartner: true } });
    expect(p.data!.prefill.contacts?.primary.name).toBe('Nadia Newcontact');

    const out = await panel('ir-analyst', 'recordOutreach', { version: p.data!.incident.version, at: START, channel: 'email', message: 'Please acknowledge' }, 'SEC-1');
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
    await trigger();
    const posted = await comments('SEC-1');
    expect(posted).toHaveLength(1);
    expect(text(posted[0]!)).toMatch(/nadia@acme\.example/);
  });
});

describe('reminders mention the contacts who are Jira users', () => {
  it("mentions the partner's contact by Jira account", async () => {
    const acme = await admin<{ version: number }>('partner', { id: 'acme' });
    const patId = '712020:0b9e1c55-1d3a-4f0e-a8c2-5e6f7a8b9c02';
    const withAccount = { ...ACME_PARTNER, contacts: { ...ACME_PARTNER.contacts, primary: { ...ACME_PARTNER.contacts.primary, accountId: patId } } };
    expect((await admin('savePartner', { id: 'acme', version: acme.data!.version, partner: withAccount })).ok).toBe(true);
    const loaded = await panel<Load>('ir-analyst', 'load', {}, 'SEC-1');
    await panel('ir-analyst', 'recordOutreach', { version: loaded.data!.incident.version, at: START, channel: 'email', message: 'Please acknowledge' }, 'SEC-1');
    await setClock(new Date(Date.parse(START) + 4 * HOUR + 60_000).toISOString());
    await trigger();
    const [posted] = (await control<{ body: { content: { content: { type: string; attrs?: { id: string } }[] }[] } }[]>('/__local/jira/comments?issueKey=SEC-1')).body;
    expect(posted!.body.content[0]!.content.filter((n) => n.type === 'mention').map((n) => n.attrs?.id)).toEqual([patId]);
  });
});

describe('bad input to the directory: named, nothing written', () => {
  it('unknown partner, a group that does not exist, a group or app claimed by another partner', async () => {
    const before = await digest();
    const unknown = await admin('savePartner', { id: 'no-such-partner', version: 1, partner: ACME_PARTNER });
    expect(unknown.error).toMatchObject({ code: 'INVALID_INPUT', fields: { id: expect.any(String) as unknown } });
    const noGroup = await admin('savePartner', { id: null, version: 0, partner: { ...ACME_PARTNER, name: 'Initech', memberGroups: ['no-such-group'], apps: [] } });
    expect(noGroup.error?.fields?.['partner.memberGroups.0']).toMatch(/no group named/);
    const taken = await admin('savePartner', { id: null, version: 0, partner: { ...ACME_PARTNER, name: 'Initech', memberGroups: ['partner-globex-security'], apps: [] } });
    expect(taken.error?.fields?.['partner.memberGroups.0']).toMatch(/already belongs to the partner Globex/);
    const app = await admin('savePartner', { id: null, version: 0, partner: { ...ACME_PARTNER, name: 'Initech', memberGroups: ['jira-users'], apps: GLOBEX_PARTNER.apps } });
    expect(app.error?.fields?.['partner.apps.0.appId']).toMatch(/already in the app inventory of the partner Globex/);
    const link = await panel<Load>('ir-analyst', 'load', {}, 'SEC-3');
    const badLink = await panel('ir-analyst', 'setPartner', { version: link.data!.incident.version, partnerId: 'nobody' }, 'SEC-3');
    expect(badLink.error?.fields).toHaveProperty('partnerId');
    expect(await digest()).toBe(before);
  });

  it('a partner member cannot change tier or inventory through their organization', async () => {
    const org = await invoke<{ organizations: { id: string; version: number; contacts: unknown; coverage: unknown }[] }>('partner-acme', MODULES.global, 'organization');
    const o = org.data!.organizations[0]!;
    const before = await digest();
    for (const extra of [{ tier: 'platinum' }, { apps: [] }]) {
      const r = await invoke('partner-acme', MODULES.global, 'saveOrganization', { partnerId: o.id, version: o.version, contacts: o.contacts, coverage: o.coverage, ...extra });
      expect(r.error?.code).toBe('INVALID_INPUT');
      expect(Object.keys(r.error?.fields ?? {}).join(' ')).toMatch(/tier|apps/);
    }
    expect(await digest()).toBe(before);
  });

  it('the directory lists and searches page by page', async () => {
    const all = await admin<{ partners: { id: string }[] }>('partners', {});
    expect(all.data!.partners.map((p) => p.id)).toEqual(['acme', 'globex']);
    const found = await admin<{ partners: { id: string }[] }>('partners', { search: 'charts' });
    expect(found.data!.partners.map((p) => p.id)).toEqual(['globex']);
  });

  it('a search finds a partner past the pages its filter leaves empty, and pages on from there', async () => {
    // 60 more partners in name order before "Zeta": copies of Acme's stored record.
    const acme = (await control<Record<string, unknown> & { doc: Record<string, unknown> }>('/__local/store/get?entityName=partner&key=acme')).body;
    const plant = (id: string, name: string) => control('/__local/store/put', { key: id, entityName: 'partner', value: { ...acme, partnerId: id, nameKey: `${name.toLowerCase()}#${id}`, searchText: name.toLowerCase(), doc: { ...acme.doc, id, name } } });
    for (let n = 1; n <= 60; n++) await plant(`initech-${String(n).padStart(2, '0')}`, `Initech ${String(n).padStart(2, '0')}`);
    await plant('zeta-1', 'Zeta One');
    await plant('zeta-2', 'Zeta Two');
    const zeta = await admin<{ partners: { id: string }[]; cursor?: string }>('partners', { search: 'zeta' });
    expect(zeta.data!.partners.map((p) => p.id)).toEqual(['zeta-1', 'zeta-2']);
    // A page of matches, then the rest from its cursor: each partner once.
    const first = await admin<{ partners: { id: string }[]; cursor?: string }>('partners', { search: 'initech' });
    expect(first.data!.partners.length).toBeGreaterThanOrEqual(25);
    const seen = [...first.data!.partners.map((p) => p.id)];
    let cursor = first.data!.cursor;
    while (cursor) {
      const next = await admin<{ partners: { id: string }[]; cursor?: string }>('partners', { search: 'initech', cursor });
      seen.push(...next.data!.partners.map((p) => p.id));
      cursor = next.data!.cursor;
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `initech-${String(i + 1).padStart(2, '0')}`));
    const picked = await panel<{ partners: { id: string }[] }>('ir-analyst', 'partnerOptions', { search: 'zeta two' });
    expect(picked.data?.partners.map((p) => p.id)).toEqual(['zeta-2']);
  });
});
