// "Who is eligible" and "Collaboration channels for qualified incidents" (program page, seed 000).

export const PARTNER_TIERS = ['platinum', 'other'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const FRAMEWORKS = ['forge', 'forge-remote', 'connect-on-forge', 'connect', 'server-dc'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

// In the program's table order, which is also the order channels are returned in.
export const CHANNELS = [
  'support-ticket',
  'email',
  'real-time-chat',
  'live-war-room',
  'secure-file-exchange',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const COLLABORATIONS = ['joint', 'async', 'out-of-scope'] as const;
export type Collaboration = (typeof COLLABORATIONS)[number];

export const DATA_SCOPES = ['full-platform-telemetry', 'platform-level-only', 'none'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export interface SupportInput {
  partnerTier: PartnerTier;
  framework: Framework;
  enterpriseTrustSignal: boolean;
  securityEventConfirmed: boolean;
  severity: Severity;
}

export interface SupportAssessment {
  collaboration: Collaboration;
  dataScope: DataScope;
  channels: Channel[];
  /** At least one plain sentence explaining the outcome. */
  reasons: string[];
}

export const CHANNEL_INFO: Readonly<Record<Channel, { readonly label: string; readonly purpose: string }>> = {
  'support-ticket': {
    label: 'Support ticket',
    purpose: 'System of record. All key decisions, timelines, and evidence references are captured here.',
  },
  email: {
    label: 'Email',
    purpose: 'Formal updates and async communication when real-time channels are unavailable.',
  },
  'real-time-chat': {
    label: 'Real-time chat',
    purpose: 'Primary real-time coordination via Slack channel during the incident.',
  },
  'live-war-room': {
    label: 'Live war room',
    purpose: 'Live incident coordination via Zoom for high-severity events.',
  },
  'secure-file-exchange': {
    label: 'Secure file exchange',
    purpose: 'Bidirectional exchange of logs and artifacts via secure Google Drive.',
  },
};

/** The severities the program calls "high-severity events" (they get the live war room). */
export function isHighSeverity(severity: Severity): boolean {
  return severity === 'high' || severity === 'critical';
}

const REASON = {
  outOfScope:
    "Server and Data Center apps are not in scope of this program: they run on customer-managed infrastructure outside Atlassian's visibility.",
  platinum:
    'Platinum partners get joint incident response collaboration (real-time coordination, log sharing, collaborative IR) for a confirmed security event.',
  trustSignal:
    'Enterprise apps built on Forge (Forge or Forge Remote) with the new Marketplace trust signal get joint incident response collaboration (real-time coordination, log sharing, collaborative IR) for a confirmed security event.',
  trustSignalNotForge:
    "The Enterprise trust signal gives joint incident response only to apps built on Forge (Forge or Forge Remote); this app runs on Connect, so the trust signal does not qualify it (a Platinum partner's apps qualify on any framework but Server/Data Center).",
  notConfirmed:
    'Joint incident response needs a confirmed security event; until Atlassian confirms one, Atlassian Security provides async guidance and updates through the developer support ticket.',
  asyncOnly:
    'All Marketplace partners and Forge apps get async support via a developer support ticket and/or email; joint incident response is for Platinum partners and Enterprise apps built on Forge (Forge or Forge Remote) with the new trust signal.',
  warRoom: 'A live war room (Zoom) is added because this is a high-severity event.',
  noWarRoom: 'A live war room is reserved for high-severity events.',
  fullTelemetry:
    'The app runs on Atlassian Forge, so Atlassian has comprehensive telemetry and can fully support the investigation through available platform logs.',
  platformOnly:
    "Atlassian's assistance is limited to platform-level data (such as app telemetry and product API calls), because app compute runs on external infrastructure with no Atlassian visibility into server-side logs or runtime behavior.",
  discretion: "Eligibility for real-time collaboration is assessed during incident triage and is at Atlassian's discretion.",
} as const;

/** The program gives the trust signal's joint response to apps built on Forge; Connect apps (on Forge or not) are not. */
export function isBuiltOnForge(framework: Framework): boolean {
  return framework === 'forge' || framework === 'forge-remote';
}

function trustSignalQualifies(input: SupportInput): boolean {
  return input.enterpriseTrustSignal && isBuiltOnForge(input.framework);
}

// The partner qualifies for joint response by tier (any framework in scope) or by the trust signal
// of an app built on Forge.
function qualifiesForJoint(input: SupportInput): boolean {
  return input.partnerTier === 'platinum' || trustSignalQualifies(input);
}

/** The channels a collaboration level gets; the live war room only for high-severity events. */
export function channelsFor(collaboration: Collaboration, severity: Severity): Channel[] {
  if (collaboration === 'out-of-scope') return [];
  if (collaboration === 'async') return ['support-ticket', 'email'];
  return CHANNELS.filter((c) => c !== 'live-war-room' || isHighSeverity(severity));
}

function collaborationReasons(input: SupportInput, collaboration: Collaboration): string[] {
  if (collaboration === 'joint') {
    const why: string[] = [];
    if (input.partnerTier === 'platinum') why.push(REASON.platinum);
    if (trustSignalQualifies(input)) why.push(REASON.trustSignal);
    why.push(isHighSeverity(input.severity) ? REASON.warRoom : REASON.noWarRoom);
    return why;
  }
  const why: string[] = [qualifiesForJoint(input) ? REASON.notConfirmed : REASON.asyncOnly];
  if (input.enterpriseTrustSignal && !isBuiltOnForge(input.framework) && input.partnerTier !== 'platinum') why.push(REASON.trustSignalNotForge);
  return why;
}

export function assessSupport(input: SupportInput): SupportAssessment {
  if (input.framework === 'server-dc') {
    return { collaboration: 'out-of-scope', dataScope: 'none', channels: [], reasons: [REASON.outOfScope] };
  }
  const collaboration: Collaboration =
    input.securityEventConfirmed && qualifiesForJoint(input) ? 'joint' : 'async';
  const dataScope: DataScope = input.framework === 'forge' ? 'full-platform-telemetry' : 'platform-level-only';
  return {
    collaboration,
    dataScope,
    channels: channelsFor(collaboration, input.severity),
    reasons: [
      ...collaborationReasons(input, collaboration),
      dataScope === 'full-platform-telemetry' ? REASON.fullTelemetry : REASON.platformOnly,
      REASON.discretion,
    ],
  };
}
