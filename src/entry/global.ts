import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { queuePage } from '../app/queue';
import { reportIncident } from '../app/intake';
import { incidentStats } from '../app/incident-stats';
import { recheckOrphan } from '../app/orphans';
import { cadence } from '../app/storage-audit';
import { defineResolver } from './define';
import { findPartners, myOrganizations, saveMyOrganization } from '../app/partners';
import { reportContactsOf } from '../domain/prefill';
import { EMPTY_REPORT } from '../domain/report';
import type { Partner } from '../domain/partner';
import type { Call } from '../app/session';
import { defaultView } from '../domain/queue';

// IR staff find the partner to report for by name, a page at a time (the directory may hold hundreds).
const REPORT_PARTNERS_PAGE = 20;

/** The form's view of a partner: its apps and its incident contacts (the report's prefill). */
const reportableOf = (p: Partner) => ({ id: p.id, name: p.name, apps: p.apps.map((a) => ({ appId: a.appId, name: a.name })), contacts: reportContactsOf(p) ?? EMPTY_REPORT.contacts });

/** A partner's own people report for their organizations (read with their role anyway); IR staff search. */
async function reportable(call: Call) {
  return call.role === 'partner' ? (await call.session.myPartners()).map((p) => reportableOf(p.doc)) : [];
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
  reportPartners: {
    allow: ['ir'],
    handle: async (input) => {
      const found = await findPartners({ search: input.search || undefined }, REPORT_PARTNERS_PAGE);
      return { partners: found.partners.slice(0, REPORT_PARTNERS_PAGE).map(reportableOf), more: found.cursor !== undefined || found.partners.length > REPORT_PARTNERS_PAGE };
    },
  },
  recheckOrphan: { allow: ['ir'], handle: (input, call) => recheckOrphan(call, input) },
  organization: { allow: ['partner'], handle: (_input, call) => myOrganizations(call) },
  saveOrganization: { allow: ['partner'], handle: (input, call) => saveMyOrganization(call, input) },
});
