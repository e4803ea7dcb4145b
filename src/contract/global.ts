import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';

export const GlobalLoadSchema = v.object({ viewer: ViewerSchema, serverNow: v.string() });

/** The global page's functions (module `incidents-page`). */
export const GLOBAL = {
  load: fn(NoInput, GlobalLoadSchema),
};
