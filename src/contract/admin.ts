import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';

export const AdminLoadSchema = v.object({ viewer: ViewerSchema, serverNow: v.string() });

/** The settings page's functions (module `settings-page`): reachable only from that module. */
export const ADMIN = {
  load: fn(NoInput, AdminLoadSchema),
};
