import * as v from 'valibot';
import { fn } from './fn';
import { IssueRefSchema, NoInput, ViewerSchema } from './common';

export const PanelLoadSchema = v.object({
  viewer: ViewerSchema,
  issue: IssueRefSchema,
  /** The server's clock, so countdowns in the browser do not depend on the viewer's clock. */
  serverNow: v.string(),
});

/** The issue panel's functions (module `incident-panel`). */
export const PANEL = {
  load: fn(NoInput, PanelLoadSchema),
};
