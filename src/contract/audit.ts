import * as v from 'valibot';

export const FieldChangeSchema = v.object({ path: v.string(), before: v.optional(v.unknown()), after: v.optional(v.unknown()) });

export const AuditEntrySchema = v.object({
  seq: v.number(),
  at: v.string(),
  actor: v.string(),
  action: v.string(),
  changes: v.array(FieldChangeSchema),
  note: v.optional(v.string()),
  v: v.optional(v.number()),
  version: v.optional(v.number()),
  docHash: v.optional(v.string()),
  prevHash: v.string(),
  hash: v.string(),
});

/** A page of history, newest first; `names` maps the actors' account IDs to display names. */
export const HistoryPageSchema = v.object({
  entries: v.array(AuditEntrySchema),
  names: v.record(v.string(), v.string()),
  cursor: v.optional(v.string()),
});
export type HistoryPage = v.InferOutput<typeof HistoryPageSchema>;

export const HistoryInput = v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous page returned'))) });

/** A check continues where `cursor` says (absent: from the first entry). */
export const VerifyInput = v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous check returned'))) });

/**
 * The first broken link, or how far the check got: with `cursor` (and `total`, the entries the record names)
 * it is not finished and continues with that cursor; without, the whole trail verified.
 */
export const TrailCheckSchema = v.variant('ok', [
  v.object({ ok: v.literal(true), count: v.number(), total: v.optional(v.number()), cursor: v.optional(v.string()) }),
  v.object({ ok: v.literal(false), seq: v.number(), reason: v.string() }),
]);
export type TrailCheck = v.InferOutput<typeof TrailCheckSchema>;
