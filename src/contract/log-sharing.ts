// The panel's log-sharing functions: what each accepts, and what the panel shows of log requests.
import * as v from 'valibot';
import { instantField, OFFSET_INSTANT_MESSAGE } from '../domain/calendar';
import { LOG_CATEGORIES, LOG_REQUEST_STATES, type LogCategoryId, type TenantTier } from '../domain/log-sharing';
import { shortText } from '../domain/contacts';
import { plainText, textRules } from '../domain/text';

const VersionField = v.pipe(v.number('Send the version you loaded'), v.integer('Send the version you loaded'), v.minValue(0, 'Send the version you loaded'));
const Str = v.string();

export const TENANT_TIERS = ['standard', 'premium', 'enterprise', 'unknown'] as const satisfies readonly TenantTier[];
const CATEGORY_IDS = LOG_CATEGORIES.map((c) => c.id) as [LogCategoryId, ...LogCategoryId[]];

const RequestId = v.pipe(v.string('Choose a request'), v.regex(/^[0-9a-f]{8}$/, 'There is no such log request on this incident'));
const instant = (missing: string) => instantField(missing, OFFSET_INSTANT_MESSAGE);
/** A note shown to everyone on the incident. */
const Note = v.optional(plainText(1000), '');
/** A note only IR staff see. */
const InternalNote = Note;
const requiredText = (max: number, message: string) => v.pipe(v.string(message), v.trim(), v.minLength(1, message), v.maxLength(max, `Use at most ${max} characters`), ...textRules());

// The last two came later: a client that does not send them means "no".
export const IncludesSchema = v.strictObject({
  accountIds: v.boolean(),
  sourceIps: v.boolean(),
  emailDomains: v.boolean(),
  otherPersonalData: v.optional(v.boolean(), false),
  userGeneratedContent: v.optional(v.boolean(), false),
});

/** Blank app, environment or purpose pass here: the domain's rules answer them with the program's reasons. */
export const LogRequestDraftSchema = v.strictObject({
  category: v.picklist(CATEGORY_IDS, 'Choose one of the five log categories Atlassian may share'),
  appKey: shortText(200),
  environment: shortText(100),
  windowStart: instant("Give the window's start"),
  windowEnd: instant("Give the window's end"),
  includes: IncludesSchema,
  coldStorage: v.boolean(),
  purpose: plainText(2000),
});
export type LogRequestDraft = v.InferOutput<typeof LogRequestDraftSchema>;

export const ProposeLogRequestInput = v.strictObject({ version: VersionField, request: LogRequestDraftSchema });

export const IR_LOG_DECISIONS = ['accept', 'decline', 'request-legal-approval', 'approve-legal', 'deny-legal'] as const;
export const DecideLogRequestInput = v.strictObject({ version: VersionField, requestId: RequestId, decision: v.picklist(IR_LOG_DECISIONS, 'Choose a decision'), note: Note, internalNote: InternalNote });

export const DeliverLogRequestInput = v.strictObject({
  version: VersionField,
  requestId: RequestId,
  reference: v.pipe(shortText(500), v.minLength(1, 'Give the secure file exchange reference where the partner collects the logs')),
  note: Note,
  internalNote: InternalNote,
});

export const AcknowledgeLogReceiptInput = v.strictObject({
  version: VersionField,
  requestId: RequestId,
  restrictedHandlingAcknowledged: v.literal(true, 'Acknowledge that the logs will be handled as RESTRICTED data'),
});

export const AttestLogDeletionInput = v.strictObject({
  version: VersionField,
  requestId: RequestId,
  deletedBy: v.pipe(shortText(200), v.minLength(1, 'Say who deleted the logs')),
  deletedAt: instant('Say when the logs were deleted'),
  method: requiredText(1000, 'Say how the logs were deleted'),
});

const Day = v.pipe(v.string('Give the day of the decision'), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the day of the decision as YYYY-MM-DD'));
const AccountId = v.pipe(v.string('Pick the approver from Jira'), v.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Pick the approver from Jira'));
/** Legal/Privacy's decision on a request that needs it, recorded as evidence: approver, decision, day, reference. */
export const RecordLegalDecisionInput = v.strictObject({
  version: VersionField,
  requestId: RequestId,
  decision: v.picklist(['approved', 'denied'], 'Choose the decision'),
  approver: v.variant('kind', [
    v.strictObject({ kind: v.literal('jira-user'), accountId: AccountId }),
    v.strictObject({ kind: v.literal('external'), name: v.pipe(shortText(200), v.minLength(1, "Give the approver's name")) }),
  ], 'Say who decided: a Jira user or a named external approver'),
  decidedOn: Day,
  reference: v.pipe(shortText(500), v.minLength(1, 'Give the reference of the decision (ticket, email or document)')),
});
export const FindUsersInput = v.strictObject({ query: v.pipe(v.string('Type a name'), v.trim(), v.minLength(2, 'Type at least 2 characters'), v.maxLength(100, 'Use at most 100 characters')) });
export const FindUsersSchema = v.object({ users: v.array(v.object({ accountId: v.string(), displayName: v.string() })) });

export const SetLegalHoldInput = v.strictObject({ version: VersionField, requestId: RequestId, hold: v.boolean(), reason: requiredText(1000, 'Give a reason for the legal hold change') });

export const SaveLogSharingFactsInput = v.strictObject({ version: VersionField, activeExploitationConfirmed: v.boolean(), tenantTier: v.picklist(TENANT_TIERS, 'Choose the tenant tier') });

const Entry = v.object({ state: v.picklist(LOG_REQUEST_STATES), at: Str, note: v.optional(Str) });
export const LogRequestViewSchema = v.object({
  id: Str,
  category: v.picklist(CATEGORY_IDS),
  categoryLabel: Str,
  appKey: Str,
  environment: Str,
  windowStart: Str,
  windowEnd: Str,
  includes: v.object({ accountIds: v.boolean(), sourceIps: v.boolean(), emailDomains: v.boolean(), otherPersonalData: v.optional(v.boolean()), userGeneratedContent: v.optional(v.boolean()) }),
  coldStorage: v.boolean(),
  purpose: Str,
  proposedByRole: v.picklist(['ir', 'partner']),
  proposedAt: Str,
  state: v.picklist(LOG_REQUEST_STATES),
  legalApprovalRequired: v.boolean(),
  history: v.array(Entry),
  delivery: v.nullable(v.object({ reference: Str, at: Str, by: Str })),
  receipt: v.nullable(v.object({ at: Str, by: Str, restrictedHandlingAcknowledged: v.literal(true) })),
  deletion: v.nullable(v.object({ deletedBy: Str, deletedAt: Str, method: Str, recordedBy: Str, recordedAt: Str })),
  legalHold: v.nullable(v.object({ since: Str, reason: v.optional(Str) })),
  legalDecision: v.nullable(v.object({ decision: v.picklist(['approved', 'denied']), approver: v.object({ accountId: v.optional(Str), name: Str }), decidedOn: Str, reference: Str, recordedAt: Str })),
  deleteBy: v.nullable(Str),
  reminders: v.nullable(v.object({ fourteenDaysBefore: Str, oneDayBefore: Str })),
  overdue: v.boolean(),
  internalNotes: v.optional(v.array(v.object({ at: Str, by: Str, note: Str }))),
});
export type LogRequestView = v.InferOutput<typeof LogRequestViewSchema>;

export const LogSharingViewSchema = v.object({
  requests: v.array(LogRequestViewSchema),
  activeExploitationConfirmed: v.boolean(),
  tenantTier: v.picklist(TENANT_TIERS),
  incidentStart: v.nullable(Str),
  earliestLogDate: v.nullable(Str),
  closedAt: v.nullable(Str),
  legalApprovalExpectation: Str,
  restrictedHandlingNotice: Str,
});
export type LogSharingViewData = v.InferOutput<typeof LogSharingViewSchema>;
