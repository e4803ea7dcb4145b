import * as v from 'valibot';
import { fn } from './fn';
import { IssueRefSchema, NoInput, ViewerSchema } from './common';
import { FootprintSchema } from './storage-audit';
import { HistoryInput, HistoryPageSchema, TrailCheckSchema, VerifyInput } from './audit';
import {
  AddIndicatorsInput,
  AddIndicatorsResultSchema,
  IndicatorChangeSchema,
  IndicatorListSchema,
  AttachmentsSchema,
  IncidentViewSchema,
  PrefillSchema,
  RemoveIndicatorsInput,
  SaveIrNotesInput,
  SaveReportInput,
  UpdateIndicatorInput,
  SaveTriageInput,
  SaveChannelInput,
  MovePhaseInput,
  CloseIncidentInput,
  RecordOutreachInput,
  AcknowledgeInput,
  SaveMitigationsInput,
  SaveCustomerNotificationInput,
  SaveRootCauseInput,
  SetPartnerInput,
  PartnerOptionsInput,
  PartnerOptionsSchema,
} from './incident';
import { FindUsersInput, FindUsersSchema, RecordLegalDecisionInput, AcknowledgeLogReceiptInput, AttestLogDeletionInput, DecideLogRequestInput, DeliverLogRequestInput, ProposeLogRequestInput, SaveLogSharingFactsInput, SetLegalHoldInput } from './log-sharing';

export const PanelLoadSchema = v.object({
  viewer: ViewerSchema,
  issue: IssueRefSchema,
  /** The server's clock, so countdowns in the browser do not depend on the viewer's clock. */
  serverNow: v.string(),
  incident: IncidentViewSchema,
  prefill: PrefillSchema,
});

/** The issue panel's functions (module `incident-panel`). The issue always comes from the trusted context. */
export const PANEL = {
  load: fn(NoInput, PanelLoadSchema),
  saveReport: fn(SaveReportInput, IncidentViewSchema),
  saveIrNotes: fn(SaveIrNotesInput, IncidentViewSchema),
  /** The indicators (the Indicators tab and the exports): the first render leaves them out, as they cost the most to read. */
  indicators: fn(NoInput, IndicatorListSchema),
  addIndicators: fn(AddIndicatorsInput, AddIndicatorsResultSchema),
  updateIndicator: fn(UpdateIndicatorInput, IndicatorChangeSchema),
  removeIndicators: fn(RemoveIndicatorsInput, IndicatorChangeSchema),
  attachments: fn(NoInput, AttachmentsSchema),
  footprint: fn(NoInput, v.object({ from: v.string(), to: v.string(), sites: FootprintSchema.entries.sites, archiveOverdue: v.boolean() })),
  saveTriage: fn(SaveTriageInput, IncidentViewSchema),
  saveChannel: fn(SaveChannelInput, IncidentViewSchema),
  movePhase: fn(MovePhaseInput, IncidentViewSchema),
  /** IR staff: close with a resolution and summary; stops the clocks and sets shared logs' delete-by dates. */
  closeIncident: fn(CloseIncidentInput, IncidentViewSchema),
  recordOutreach: fn(RecordOutreachInput, IncidentViewSchema),
  acknowledge: fn(AcknowledgeInput, IncidentViewSchema),
  saveMitigations: fn(SaveMitigationsInput, IncidentViewSchema),
  saveCustomerNotification: fn(SaveCustomerNotificationInput, IncidentViewSchema),
  saveRootCause: fn(SaveRootCauseInput, IncidentViewSchema),
  proposeLogRequest: fn(ProposeLogRequestInput, IncidentViewSchema),
  decideLogRequest: fn(DecideLogRequestInput, IncidentViewSchema),
  deliverLogRequest: fn(DeliverLogRequestInput, IncidentViewSchema),
  /** IR staff: Legal/Privacy's decision with approver, day and reference; delivery needs an approval recorded so. */
  recordLegalDecision: fn(RecordLegalDecisionInput, IncidentViewSchema),
  /** IR staff: people of the site by name (Jira's user search as the caller), to pick a Legal/Privacy approver. */
  findUsers: fn(FindUsersInput, FindUsersSchema),
  acknowledgeLogReceipt: fn(AcknowledgeLogReceiptInput, IncidentViewSchema),
  attestLogDeletion: fn(AttestLogDeletionInput, IncidentViewSchema),
  setLegalHold: fn(SetLegalHoldInput, IncidentViewSchema),
  saveLogSharingFacts: fn(SaveLogSharingFactsInput, IncidentViewSchema),
  history: fn(HistoryInput, HistoryPageSchema),
  /** IR staff: the directory trail of the incident's partner (who changed its contacts, tier or apps, and when). */
  partnerHistory: fn(HistoryInput, HistoryPageSchema),
  verifyHistory: fn(VerifyInput, TrailCheckSchema),
  /** IR staff: link the incident to a partner of the directory (or unlink it); audited. */
  setPartner: fn(SetPartnerInput, PanelLoadSchema),
  /** IR staff: one page of the directory to choose the incident's partner from. */
  partnerOptions: fn(PartnerOptionsInput, PartnerOptionsSchema),
};
