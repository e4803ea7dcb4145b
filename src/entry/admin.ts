import { ADMIN } from '../contract/admin';
import { MODULE_KEYS } from '../contract/modules';
import { viewerOf } from '../app/viewer';
import { defineResolver } from './define';

export const adminResolver = defineResolver('admin', MODULE_KEYS.admin, ADMIN, {
  load: {
    allow: ['admin'],
    handle: async (_input, call) => ({ viewer: await viewerOf(call), serverNow: call.now.toISOString() }),
  },
});
