import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { listPage } from '../app/incident-list';
import { incidentStats } from '../app/incident-stats';
import { cadence } from '../app/storage-audit';
import { defineResolver } from './define';
import { myOrganizations, saveMyOrganization } from '../app/partners';
import { partnerRepo } from '../adapters/kvs/partner-repo';
import type { Call } from '../app/session';

// IR staff filter by the apps of the directory's first partners (the filter also takes any app ID typed in
// the list's search); a partner by its own apps; a viewer by none.
const IR_FILTER_PARTNERS = 20;

async function appFilter(call: Call): Promise<{ appId: string; name: string }[]> {
  const partners = call.role === 'ir' ? (await partnerRepo.list({ limit: IR_FILTER_PARTNERS })).partners : call.role === 'partner' ? (await call.session.myPartners()).map((p) => p.doc) : [];
  return partners.flatMap((p) => p.apps.map((a) => ({ appId: a.appId, name: a.name })));
}

export const globalResolver = defineResolver('global', MODULE_KEYS.global, GLOBAL, {
  load: {
    allow: ['ir', 'partner', 'viewer'],
    handle: async (_input, call) => {
      const [viewer, apps, firstPage, importCadence] = await Promise.all([
        viewerOf(call),
        appFilter(call),
        listPage(call, { order: 'due', pageSize: 25 }),
        call.role === 'ir' ? cadence(call) : Promise.resolve(null),
      ]);
      return { viewer, serverNow: call.now.toISOString(), apps, firstPage, cadence: importCadence };
    },
  },
  list: { allow: ['ir', 'partner', 'viewer'], handle: (input, call) => listPage(call, input) },
  stats: { allow: ['ir'], handle: (_input, call) => incidentStats(call) },
  organization: { allow: ['partner'], handle: (_input, call) => myOrganizations(call) },
  saveOrganization: { allow: ['partner'], handle: (input, call) => saveMyOrganization(call, input) },
});
