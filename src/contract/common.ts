import * as v from 'valibot';

/** 'viewer': can browse the issue but is neither IR staff nor one of its partner's people: read-only. */
export const ROLES = ['ir', 'partner', 'viewer', 'admin'] as const;
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
