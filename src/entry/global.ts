import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { queuePage } from '../app/queue';
import { reportIncident } from '../app/intake';
import { incidentStats } from '../app/incident-stats';
import { recheckOrphan } from '../app/orphans';
import { cadence } from '../app/storage-audit';
import { defineResolver } from './define';
import { myOrganizations, partnersToReportFor, reportable, saveMyOrganization } from '../app/partners';
import { defaultView } from '../domain/queue';

export const globalResolver = defineResolver('global', MODULE_KEYS.global, GLOBAL, {
  load: {
    allow: ['ir', 'partner', 'viewer'],
    handle: async (input, call) => {
      const [viewer, page, partners, importCadence, settings] = await Promise.all([
        viewerOf(call),
        queuePage(call, input.queue ?? { view: defaultView(call.role) }),
        reportable(call),
        call.role === 'ir' ? cadence(call) : Promise.resolve(null),
        call.session.settings(),
      ]);
      return { viewer, serverNow: call.now.toISOString(), tickets: settings.doc.incidents, page, reportable: partners, cadence: importCadence };
    },
  },
  queue: { allow: ['ir', 'partner', 'viewer'], handle: (input, call) => queuePage(call, input) },
  report: { allow: ['ir', 'partner'], handle: (input, call) => reportIncident(call, input) },
  stats: { allow: ['ir'], handle: (_input, call) => incidentStats(call) },
  reportPartners: { allow: ['ir'], handle: (input) => partnersToReportFor(input.search || undefined) },
  recheckOrphan: { allow: ['ir'], handle: (input, call) => recheckOrphan(call, input) },
  organization: { allow: ['partner'], handle: (_input, call) => myOrganizations(call) },
  saveOrganization: { allow: ['partner'], handle: (input, call) => saveMyOrganization(call, input) },
});
