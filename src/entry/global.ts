import { GLOBAL } from '../contract/global';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { defineResolver } from './define';

export const globalResolver = defineResolver('global', MODULE_KEYS.global, GLOBAL, {
  load: {
    allow: ['ir', 'partner'],
    handle: async (_input, call) => ({ viewer: await viewerOf(call), serverNow: call.now.toISOString() }),
  },
});
