import { CONTEXT } from '../contract/context';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { incidentSummary } from '../app/incident-summary';
import { defineResolver } from './define';

// Authorized as the issue panel's load: IR staff, the incident's partner's people, and read-only viewers.
export const contextResolver = defineResolver('panel', MODULE_KEYS.context, CONTEXT, {
  load: {
    allow: ['ir', 'partner', 'viewer'],
    handle: async (_input, call) => ({ viewer: await viewerOf(call), issue: call.session.call.issue!, serverNow: call.now.toISOString(), ...(await incidentSummary(call)) }),
  },
});
