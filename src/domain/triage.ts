// Triage as IR staff record it: the notify checklist, the support inputs, an optional override, the
// collaboration channels and the phase history. Valibot schemas shared by browser and server.
import * as v from 'valibot';
import { notifyDecision, notifyExplanation, NOTIFY_EXCLUSIONS, NOTIFY_TRIGGERS, type NotifyDecision } from './notify';
import { assessSupport, channelsFor, CHANNELS, COLLABORATIONS, DATA_SCOPES, FRAMEWORKS, PARTNER_TIERS, SEVERITIES, type Channel, type Collaboration, type DataScope, type SupportAssessment, type SupportInput } from './eligibility';
import { frameworkVisibility, type FrameworkVisibility } from './framework-visibility';
import { canMovePhase, PHASES, type CloseResolution, type Phase } from './lifecycle';
import { shortText } from './contacts';
import { plainText, textRules } from './text';
import { optionalInstant } from './calendar';

export const REASON_MAX = 1000;
const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;
const reasonText = (message: string) => v.pipe(v.string(message), v.trim(), v.minLength(1, message), v.maxLength(REASON_MAX, `Use at most ${REASON_MAX} characters`), ...textRules());
const instantOrEmpty = optionalInstant();

export const NotifyChecklistSchema = v.strictObject({
  triggers: v.pipe(v.array(v.picklist(NOTIFY_TRIGGERS.map((t) => t.id), 'Choose triggers from the checklist')), v.check(unique, 'Each trigger once')),
  exclusions: v.pipe(v.array(v.picklist(NOTIFY_EXCLUSIONS.map((t) => t.id), 'Choose exclusions from the checklist')), v.check(unique, 'Each exclusion once')),
  bugBountyCriticalHighImpact: v.boolean(),
});

export const SupportInputSchema = v.strictObject({
  partnerTier: v.picklist(PARTNER_TIERS, 'Choose Platinum or other'),
  framework: v.picklist(FRAMEWORKS, 'Choose the app framework'),
  enterpriseTrustSignal: v.boolean(),
  securityEventConfirmed: v.boolean(),
  severity: v.picklist(SEVERITIES, 'Choose a severity'),
});

export const OverrideSchema = v.strictObject({
  collaboration: v.picklist(COLLABORATIONS, 'Choose a collaboration level'),
  dataScope: v.picklist(DATA_SCOPES, 'Choose a data scope'),
  reason: reasonText('Give a reason for the override'),
});

export const TriageSchema = v.strictObject({ notify: NotifyChecklistSchema, support: SupportInputSchema, override: v.nullable(OverrideSchema) });
export type Triage = v.InferOutput<typeof TriageSchema>;
export type NotifyChecklist = v.InferOutput<typeof NotifyChecklistSchema>;

export const ChannelRecordSchema = v.strictObject({
  channel: v.picklist(CHANNELS, 'Choose a channel'),
  reference: shortText(500),
  setUpAt: instantOrEmpty,
});
export type ChannelRecord = Omit<v.InferOutput<typeof ChannelRecordSchema>, 'channel'>;

export const PhaseMoveSchema = v.strictObject({
  phase: v.picklist(PHASES, 'Choose a phase'),
  reason: v.optional(plainText(REASON_MAX), ''),
});

export interface PhaseRecord {
  phase: Phase;
  at: string;
  by: string;
  reason?: string;
  /** Only on a move to 'closed' made by closing the incident; older records have none. */
  resolution?: CloseResolution;
}

/** Before IR staff save triage: nothing ticked, inputs from the settings page where known. */
export function defaultTriage(prefill: Partial<Pick<SupportInput, 'partnerTier' | 'framework' | 'enterpriseTrustSignal'>>): Triage {
  return {
    notify: { triggers: [], exclusions: [], bugBountyCriticalHighImpact: false },
    support: { partnerTier: prefill.partnerTier ?? 'other', framework: prefill.framework ?? 'forge', enterpriseTrustSignal: prefill.enterpriseTrustSignal ?? false, securityEventConfirmed: false, severity: 'medium' },
    override: null,
  };
}

export interface TriageOutcome {
  decision: NotifyDecision;
  explanation: string;
  assessment: SupportAssessment;
  /** What applies: the assessment, or IR's override of it. */
  collaboration: Collaboration;
  dataScope: DataScope;
  channels: Channel[];
  overridden: boolean;
  visibility: FrameworkVisibility;
}

export function triageOutcome(t: Triage): TriageOutcome {
  const decision = notifyDecision(t.notify);
  const assessment = assessSupport(t.support);
  const collaboration = t.override?.collaboration ?? assessment.collaboration;
  return {
    decision,
    explanation: notifyExplanation(decision, t.notify),
    assessment,
    collaboration,
    dataScope: t.override?.dataScope ?? assessment.dataScope,
    channels: t.override ? channelsFor(collaboration, t.support.severity) : assessment.channels,
    overridden: t.override !== null,
    visibility: frameworkVisibility(t.support.framework),
  };
}

/** A phase move checked against the history: forward freely, backwards only with a reason. */
export function checkPhaseMove(history: readonly PhaseRecord[], to: Phase, reason: string): { ok: true } | { ok: false; message: string } {
  const from = history.at(-1)?.phase;
  return from === undefined ? { ok: true } : canMovePhase(from, to, reason);
}
