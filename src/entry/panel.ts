import { PANEL } from '../contract/panel';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { defineResolver } from './define';

export const panelResolver = defineResolver('panel', MODULE_KEYS.panel, PANEL, {
  load: {
    allow: ['ir', 'partner'],
    handle: async (_input, call) => ({ viewer: await viewerOf(call), issue: call.session.call.issue!, serverNow: call.now.toISOString() }),
  },
});
