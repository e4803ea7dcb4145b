import * as v from 'valibot';
import { PartnerReportSchema, ReportSchema, StoredIndicatorSchema, longText, IndicatorEditSchema } from '../domain/report';
import { ReportContactSchema } from '../domain/contacts';
import { hasInvisibleFormatting, hasLoneSurrogate, INVISIBLE_FORMATTING_MESSAGE, LONE_SURROGATE_MESSAGE } from '../domain/text';
import { ContactsStatusSchema } from './admin';
import { ChannelRecordSchema, PhaseMoveSchema, TriageSchema } from '../domain/triage';
import { CHANNELS, COLLABORATIONS, DATA_SCOPES } from '../domain/eligibility';
import { CLOSE_RESOLUTIONS, PHASES } from '../domain/lifecycle';
import { AcknowledgeInputSchema, OUTREACH_CHANNELS, OutreachInputSchema } from '../domain/outreach';
import { CustomerNotificationSchema, MitigationListSchema, MitigationSchema, RootCauseSchema } from '../domain/responsibilities';
import { LogSharingViewSchema } from './log-sharing';

export const VersionField = v.pipe(v.number('Send the version you loaded'), v.integer('Send the version you loaded'), v.minValue(0, 'Send the version you loaded'));

/** What the panel shows of an incident. `report.irNotes` is only ever present for IR staff. */
const Str = v.string();
export const TriageViewSchema = v.object({
  inputs: TriageSchema,
  saved: v.boolean(),
  outcome: v.object({
    decision: v.picklist(['notify', 'likely-not-needed', 'when-in-doubt-report']),
    explanation: Str,
    assessment: v.object({ collaboration: v.picklist(COLLABORATIONS), dataScope: v.picklist(DATA_SCOPES), channels: v.array(v.picklist(CHANNELS)), reasons: v.array(Str) }),
    collaboration: v.picklist(COLLABORATIONS),
    dataScope: v.picklist(DATA_SCOPES),
    channels: v.array(v.picklist(CHANNELS)),
    overridden: v.boolean(),
    visibility: v.object({ label: Str, computeRuns: Str, atlassianVisibility: Str, headline: Str }),
  }),
  channels: v.record(v.string(), v.object({ reference: Str, setUpAt: Str })),
  phases: v.array(v.object({ phase: v.picklist(PHASES), at: Str, by: Str, reason: v.optional(Str), resolution: v.optional(v.picklist(CLOSE_RESOLUTIONS)) })),
});
export type TriageView = v.InferOutput<typeof TriageViewSchema>;

const AckStateSchema = v.picklist(['running', 'acknowledged', 'acknowledged-late', 'breached']);
export const ObligationsViewSchema = v.object({
  clock: v.object({ calendar: v.picklist(['24x7', '24x5']), timeZone: Str, thresholds: v.array(v.number()) }),
  outreaches: v.array(
    v.object({
      id: Str,
      at: Str,
      channel: v.picklist(OUTREACH_CHANNELS),
      message: Str,
      ack: v.nullable(v.object({ at: Str, by: Str, via: v.picklist(['partner', 'ir']), note: Str })),
      state: AckStateSchema,
      dueAt: Str,
    }),
  ),
  mitigations: v.array(MitigationSchema),
  customerNotification: v.nullable(CustomerNotificationSchema),
  rootCause: RootCauseSchema,
  checklist: v.object({
    items: v.array(v.object({ key: Str, label: Str, status: v.picklist(['done', 'open', 'overdue', 'not-applicable']), detail: Str, dueAt: v.nullable(Str) })),
    done: v.number(),
    applicable: v.number(),
    nextDue: v.nullable(Str),
  }),
});
export type ObligationsView = v.InferOutput<typeof ObligationsViewSchema>;

export const IncidentViewSchema = v.object({
  triage: TriageViewSchema,
  obligations: ObligationsViewSchema,
  logSharing: LogSharingViewSchema,
  version: v.number(),
  report: v.object({ ...PartnerReportSchema.entries, irNotes: v.optional(v.string()) }),
  attachmentNames: v.record(v.string(), v.string()),
  /** How many indicators the incident holds; the list itself comes with `indicators` (the Indicators tab). */
  indicatorCount: v.number(),
  missing: v.array(v.object({ section: v.string(), path: v.string(), label: v.string() })),
  updatedAt: v.string(),
});
export type IncidentViewData = v.InferOutput<typeof IncidentViewSchema>;

const PartnerRefSchema = v.object({ id: v.string(), name: v.string() });

/**
 * What the incident's partner prefills, for IR staff and the partner's own people only: nothing for an
 * unassigned incident, nothing for a read-only viewer.
 */
export const PrefillSchema = v.object({
  contacts: v.nullable(v.object({ primary: ReportContactSchema, secondary: ReportContactSchema })),
  apps: v.array(v.object({ name: v.string(), appKey: v.string(), appId: v.string(), environments: v.array(v.string()), distribution: v.string(), framework: v.string() })),
  contactsStatus: ContactsStatusSchema,
  /** The incident's partner; null when unassigned or for a viewer. */
  partner: v.nullable(
    v.object({
      ...PartnerRefSchema.entries,
      /** When the partner's contacts last changed, and whether the partner's own people changed them. */
      contactsUpdated: v.nullable(v.object({ at: v.string(), byPartner: v.boolean() })),
      /** The report names other contacts than the partner's current ones: the panel offers to take them. */
      newerContacts: v.boolean(),
    }),
  ),
  /** IR staff only: the suggested partner of an unassigned incident (the report's app owner, or none). */
  suggestion: v.nullable(v.object({ ...PartnerRefSchema.entries, why: v.string() })),
});
export type Prefill = v.InferOutput<typeof PrefillSchema>;

// A pasted list is at most 500 lines of 2,048 characters; the invoke itself is capped at 500 KB.
export const INDICATOR_PASTE_MAX_CHARS = 400_000;

export const SaveReportInput = v.strictObject({ version: VersionField, report: PartnerReportSchema });
export const SaveIrNotesInput = v.strictObject({ version: VersionField, irNotes: longText() });
export const AddIndicatorsInput = v.strictObject({
  version: VersionField,
  // Control characters only cost their line (given back with the reason); what makes a value display as
  // something else refuses the paste, so it is seen and fixed rather than half-imported.
  text: v.pipe(
    v.string('Paste indicators, one per line'),
    v.maxLength(INDICATOR_PASTE_MAX_CHARS, `Paste at most ${INDICATOR_PASTE_MAX_CHARS} characters at a time`),
    v.check((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE),
    v.check((s) => !hasInvisibleFormatting(s), INVISIBLE_FORMATTING_MESSAGE),
  ),
});
export const UpdateIndicatorInput = v.strictObject({ version: VersionField, ...IndicatorEditSchema.entries });
export const RemoveIndicatorsInput = v.strictObject({ version: VersionField, ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1, 'Choose indicators to remove'), v.maxLength(500)) });

/** The incident's indicators as of a version of its record. */
export const IndicatorListSchema = v.object({ version: v.number(), indicators: v.array(StoredIndicatorSchema) });

/** What an edit of the indicators answers: the incident as saved and its indicators now. */
export const IndicatorChangeSchema = v.object({ incident: IncidentViewSchema, indicators: v.array(StoredIndicatorSchema) });

export const AddIndicatorsResultSchema = v.object({
  ...IndicatorChangeSchema.entries,
  added: v.number(),
  rejected: v.array(v.object({ line: v.number(), text: v.string(), reason: v.string() })),
  duplicates: v.array(v.object({ line: v.number(), value: v.string() })),
});

export const AttachmentsSchema = v.object({
  attachments: v.array(v.object({ id: v.string(), filename: v.string(), mimeType: v.string(), size: v.number(), created: v.string() })),
});

export const SaveTriageInput = v.strictObject({ version: VersionField, triage: TriageSchema });
export const SaveChannelInput = v.strictObject({ version: VersionField, ...ChannelRecordSchema.entries });
export const MovePhaseInput = v.strictObject({ version: VersionField, ...PhaseMoveSchema.entries });
const CLOSE_SUMMARY_MAX = 2000;
/** Closing needs how it ended and a summary for the record; the dialog shows what is still open first. */
export const CloseIncidentInput = v.strictObject({
  version: VersionField,
  resolution: v.picklist(CLOSE_RESOLUTIONS, 'Choose how the incident ended'),
  summary: v.pipe(v.string('Summarize how the incident ended'), v.trim(), v.minLength(1, 'Summarize how the incident ended'), v.maxLength(CLOSE_SUMMARY_MAX, `Use at most ${CLOSE_SUMMARY_MAX} characters`)),
});

export const RecordOutreachInput = v.strictObject({ version: VersionField, ...OutreachInputSchema.entries });
export const AcknowledgeInput = v.strictObject({ version: VersionField, ...AcknowledgeInputSchema.entries });
export const SaveMitigationsInput = v.strictObject({ version: VersionField, mitigations: MitigationListSchema });
export const SaveCustomerNotificationInput = v.strictObject({ version: VersionField, customerNotification: CustomerNotificationSchema });
export const SaveRootCauseInput = v.strictObject({ version: VersionField, rootCause: RootCauseSchema });

export { ReportSchema };

export const SetPartnerInput = v.strictObject({
  version: VersionField,
  /** null takes the incident away from its partner. */
  partnerId: v.nullable(v.pipe(v.string('Choose a partner'), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Choose a partner from the directory'))),
});
export const PartnerOptionsInput = v.strictObject({
  search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'Search with at most 100 characters'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'Use the cursor the previous page returned'))),
});
export const PartnerOptionsSchema = v.object({ partners: v.array(PartnerRefSchema), cursor: v.optional(v.string()) });
