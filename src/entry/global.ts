import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { queuePage } from '../app/queue';
import { reportIncident } from '../app/intake';
import { incidentStats } from '../app/incident-stats';
import { recheckOrphan } from '../app/orphans';
import { cadence } from '../app/storage-audit';
import { defineResolver } from './define';
import { myOrganizations, saveMyOrganization } from '../app/partners';
import { partnerRepo } from '../adapters/kvs/partner-repo';
import { reportContactsOf } from '../domain/prefill';
import { EMPTY_REPORT } from '../domain/report';
import type { Partner } from '../domain/partner';
import type { Call } from '../app/session';
import { defaultView } from '../domain/queue';

// IR staff report for one of the directory's first partners (the form also takes any partner id IR choose).
const IR_REPORT_PARTNERS = 20;

/** The partners the caller may report an incident for, with their apps and contacts (the form's prefill). */
async function reportable(call: Call) {
  const partners: Partner[] = call.role === 'ir' ? (await partnerRepo.list({ limit: IR_REPORT_PARTNERS })).partners : call.role === 'partner' ? (await call.session.myPartners()).map((p) => p.doc) : [];
  return partners.map((p) => ({ id: p.id, name: p.name, apps: p.apps.map((a) => ({ appId: a.appId, name: a.name })), contacts: reportContactsOf(p) ?? EMPTY_REPORT.contacts }));
}

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
  recheckOrphan: { allow: ['ir'], handle: (input, call) => recheckOrphan(call, input) },
  organization: { allow: ['partner'], handle: (_input, call) => myOrganizations(call) },
  saveOrganization: { allow: ['partner'], handle: (input, call) => saveMyOrganization(call, input) },
});
