import * as v from 'valibot';

export const ROLES = ['ir', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ViewerSchema = v.object({
  accountId: v.string(),
  displayName: v.string(),
  role: v.picklist(ROLES),
});
export type Viewer = v.InferOutput<typeof ViewerSchema>;

/** No input: the function takes everything it needs from the trusted context. */
export const NoInput = v.strictObject({});

export const IssueRefSchema = v.object({ id: v.string(), key: v.string() });
