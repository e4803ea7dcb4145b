import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { listPage } from '../app/incident-list';
import { incidentStats } from '../app/incident-stats';
import { cadence } from '../app/storage-audit';
import { defineResolver } from './define';

export const globalResolver = defineResolver('global', MODULE_KEYS.global, GLOBAL, {
  load: {
    allow: ['ir', 'partner'],
    handle: async (_input, call) => {
      const [viewer, settings, firstPage, importCadence] = await Promise.all([
        viewerOf(call),
        call.session.settings(),
        listPage(call, { order: 'due', pageSize: 25 }),
        call.role === 'ir' ? cadence(call) : Promise.resolve(null),
      ]);
      return { viewer, serverNow: call.now.toISOString(), apps: settings.doc.apps.map((a) => ({ appId: a.appId, name: a.name })), firstPage, cadence: importCadence };
    },
  },
  list: { allow: ['ir', 'partner'], handle: (input, call) => listPage(call, input) },
  stats: { allow: ['ir'], handle: (_input, call) => incidentStats(call) },
});
