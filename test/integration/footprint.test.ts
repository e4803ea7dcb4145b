import { beforeEach, describe, expect, it } from 'vitest';
import { invoke, MODULES, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { ACME_APP_ID } from '../support/fixtures';

const event = (siteId: string, event: string, eventDate: string, installedVersion = '2.1.0') => ({ appId: ACME_APP_ID, appName: 'acme-timesheets', siteId, product: 'Jira', environment: 'Production', installedVersion, event, eventDate, location: 'Global', targetLocation: null });

beforeEach(async () => {
  await reset();
  await configureSite({ link: false });
  const rows = [
    event('site-a', 'App installed', '2026-01-10'),
    event('site-b', 'App installed', '2026-11-01', '2.2.0'),
    event('site-b', 'App uninstalled', '2026-11-10', '2.2.0'),
    event('site-c', 'App installed', '2026-11-19'),
    event('site-d', 'App installed', '2026-09-01'),
    event('site-d', 'App uninstalled', '2026-09-30'),
  ].map((e, i) => ({ line: i + 2, event: e }));
  const r = await invoke('jira-admin', MODULES.admin, 'storageAuditImport', { fileName: 'console.csv', rows });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
});

describe('incident footprint from the storage audit archive', () => {
  it('counts the sites with the app installed during the incident window', async () => {
    const before = await panel('partner-acme', 'footprint');
    expect(before.error?.code).toBe('INVALID_INPUT');
    const report = { app: { appId: ACME_APP_ID, environment: 'production' }, timeline: { firstObservedAt: '2026-11-05T08:00:00Z', detectedAt: '', containmentAt: '2026-11-18T12:00:00Z' } };
    expect((await panel('partner-acme', 'saveReport', { version: 0, report })).ok).toBe(true);
    const r = await panel<{ from: string; to: string; sites: { siteId: string; versions: string[] }[] }>('partner-acme', 'footprint');
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    // site-b was uninstalled inside the window (it counts), site-c came after, site-d left before.
    expect(r.data?.sites.map((s) => s.siteId)).toEqual(['site-a', 'site-b']);
    expect(r.data).toMatchObject({ from: '2026-11-05', to: '2026-11-18' });
    expect(r.data?.sites.find((s) => s.siteId === 'site-b')?.versions).toEqual(['2.2.0']);
    expect((await panel('partner-globex', 'footprint', {}, 'SEC-1')).error?.code).toBe('FORBIDDEN');
  });
});
