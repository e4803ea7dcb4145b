import * as v from 'valibot';
import type { ErrorCode as SharedErrorCode } from '../shared/errors';

/** Every resolver answers with this envelope; the UI never sees a stack trace. */
export const ERROR_CODES = ['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
// The shared error type must name exactly these codes.
const _sameCodes: [ErrorCode, SharedErrorCode] extends [SharedErrorCode, ErrorCode] ? true : never = true;

export const AppErrorSchema = v.object({
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  /** For INVALID_INPUT: field path → what rule it broke. */
  fields: v.optional(v.record(v.string(), v.string())),
  /** For RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs: v.optional(v.number()),
});
export type AppErrorBody = v.InferOutput<typeof AppErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export function resultSchema<T extends v.GenericSchema>(data: T) {
  return v.variant('ok', [v.object({ ok: v.literal(true), data }), v.object({ ok: v.literal(false), error: AppErrorSchema })]);
}

/** Valibot issues → `{ "report.contacts.primary.email": "Enter a valid email address" }` (first message per field). */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '(payload)';
    fields[path] ??= issue.message;
  }
  return fields;
}
