import * as v from 'valibot';
import { fn } from './fn';
import { NoInput } from './common';

/** The app's project role on Jira Cloud: the only way an app sees a ticket with an issue security level. */
export const APP_PROJECT_ROLE = 'atlassian-addons-project-access';

export const SiteCheckSchema = v.object({
  checkedAt: v.string(),
  /** Incident records the app holds, all looked up as the app. */
  incidents: v.number(),
  /** False when there were more records than one check reads (the first ones were checked). */
  complete: v.boolean(),
  /** Incident tickets the app cannot see: reminders, the JQL property and summaries fail on these. */
  hidden: v.array(v.object({ issueId: v.string(), issueKey: v.string(), project: v.string() })),
  /** Incidents the sweeps had set aside as out of reach whose tickets the app sees again: back in the reminders. */
  revived: v.number(),
  /** The exact step that makes them visible to the app; empty when nothing is hidden. */
  fix: v.string(),
});
export type SiteCheck = v.InferOutput<typeof SiteCheckSchema>;

export const ASSUMPTION_IDS = ['not-exists-on-missing-key', 'failed-condition-code', 'batch-get-missing-key', 'get-missing-key', 'index-read-after-write'] as const;

export const AssumptionSchema = v.object({
  id: v.picklist(ASSUMPTION_IDS),
  title: v.string(),
  holds: v.boolean(),
  /** What the platform answered, e.g. the error code it gave. */
  observed: v.string(),
  /** What the app does when the assumption holds, and when it does not. */
  ifHolds: v.string(),
  ifNot: v.string(),
  source: v.string(),
});
export type Assumption = v.InferOutput<typeof AssumptionSchema>;

export const SelfTestSchema = v.object({ ranAt: v.string(), assumptions: v.array(AssumptionSchema), cleanedUp: v.boolean() });
export type SelfTest = v.InferOutput<typeof SelfTestSchema>;

/** The settings page's checks of the site and of the platform (admins only). */
export const SITE_ADMIN = {
  siteCheck: fn(NoInput, SiteCheckSchema),
  platformSelfTest: fn(NoInput, SelfTestSchema),
};
