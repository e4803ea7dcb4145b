import { ADMIN } from '../contract/admin';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { importSettings, saveSettings, settingsView } from '../app/settings';
import { historyPage, storedRecordForCheck, verifyTrail } from '../app/history';
import { ENTITIES, SETTINGS_KEY } from '../adapters/kvs/entities';
import { directory } from '../adapters/jira/directory';
import { SETTINGS_STREAM } from '../adapters/kvs/settings-repo';
import { defineResolver } from './define';
import { exportPage, listPartners, partnerTrail, partnerView, savePartner } from '../app/partners';
import { archive, cadence, exportCsv, footprintView, importChunk } from '../app/storage-audit';
import { siteCheck } from '../app/site-check';
import { platformSelfTest } from '../app/platform-self-test';

const admins = ['admin'] as const;

export const adminResolver = defineResolver('admin', MODULE_KEYS.admin, ADMIN, {
  load: {
    allow: admins,
    handle: async (_input, call) => ({ viewer: await viewerOf(call), serverNow: call.now.toISOString(), ...(await settingsView(call)), partners: await listPartners(call, {}) }),
  },
  partners: { allow: admins, handle: (input, call) => listPartners(call, input) },
  partner: { allow: admins, handle: ({ id }, call) => partnerView(call, id) },
  savePartner: { allow: admins, handle: (input, call) => savePartner(call, input) },
  partnerHistory: { allow: admins, handle: async ({ id, cursor }, call) => (await partnerView(call, id), partnerTrail(id, cursor)) },
  exportPage: { allow: admins, handle: ({ cursor }, call) => exportPage(call, cursor) },
  save: { allow: admins, handle: (input, call) => saveSettings(call, input) },
  importSettings: { allow: admins, handle: (input, call) => importSettings(call, input) },
  groups: { allow: admins, handle: async ({ query }) => ({ groups: await directory.findGroups(query) }) },
  history: { allow: admins, handle: ({ cursor }) => historyPage(SETTINGS_STREAM, cursor) },
  verifyHistory: { allow: admins, handle: async ({ cursor }) => verifyTrail(SETTINGS_STREAM, await storedRecordForCheck(ENTITIES.settings, SETTINGS_KEY), cursor) },
  storageAuditImport: { allow: admins, handle: (input, call) => importChunk(call, input) },
  storageAuditArchive: { allow: admins, handle: (input, call) => archive(call, input) },
  storageAuditCadence: { allow: admins, handle: (_input, call) => cadence(call) },
  storageAuditExport: { allow: admins, handle: (input, call) => exportCsv(call, input) },
  storageAuditFootprint: { allow: admins, handle: (input, call) => footprintView(call, input) },
  siteCheck: { allow: admins, handle: (_input, call) => siteCheck(call) },
  platformSelfTest: { allow: admins, handle: (_input, call) => platformSelfTest(call) },
});
