// "When should you notify Atlassian?" (program page, seed 000): seven triggers, three
// "likely not" cases, and a default of reporting when neither applies.

export type NotifyTrigger =
  | 'app-compromised'
  | 'customer-data-exposed'
  | 'unexplained-suspicious-behaviour'
  | 'supply-chain-compromise'
  | 'external-report-of-exploitation'
  | 'active-exploitation'
  | 'other-critical-escalation';

export type NotifyExclusion = 'functional-bug-only' | 'customer-misconfiguration' | 'routine-bug-bounty';

export type NotifyDecision = 'notify' | 'likely-not-needed' | 'when-in-doubt-report';

export interface NotifyInput {
  triggers: NotifyTrigger[];
  exclusions: NotifyExclusion[];
  bugBountyCriticalHighImpact?: boolean;
}

export interface NotifyOption<Id extends string> {
  readonly id: Id;
  readonly label: string;
}

/** The program's checklist, in its order and wording, for the UI to show as checkboxes. */
export const NOTIFY_TRIGGERS: readonly NotifyOption<NotifyTrigger>[] = [
  {
    id: 'app-compromised',
    label:
      'You have confirmed or strongly suspect that your Marketplace app has been compromised (for example, unauthorized code changes, or stolen API/OAuth tokens or credentials).',
  },
  {
    id: 'customer-data-exposed',
    label:
      'Customer data that flows through your app may have been accessed, exfiltrated, or manipulated without authorization.',
  },
  {
    id: 'unexplained-suspicious-behaviour',
    label:
      'Your Forge app is exhibiting suspicious behavior that you cannot diagnose from your own logs or backend (for example, unexpected API calls).',
  },
  {
    id: 'supply-chain-compromise',
    label: 'You have discovered a supply-chain compromise affecting a dependency of your Marketplace app.',
  },
  {
    id: 'external-report-of-exploitation',
    label:
      'An external party (for example, a customer, researcher, or threat intelligence source) has reported credible evidence of exploitation of your app.',
  },
  {
    id: 'active-exploitation',
    label: 'A threat actor is actively exploiting a vulnerability in your app.',
  },
  {
    id: 'other-critical-escalation',
    label: 'Any other critical security escalation related to your app.',
  },
];

export const NOTIFY_EXCLUSIONS: readonly NotifyOption<NotifyExclusion>[] = [
  {
    id: 'functional-bug-only',
    label: 'Your app has a functional bug or performance issue with no evidence of security impact.',
  },
  {
    id: 'customer-misconfiguration',
    label: 'A customer reported an error that appears to be a misconfiguration.',
  },
  {
    id: 'routine-bug-bounty',
    // The program's parenthesis reads "unless its a critical…"; the apostrophe is restored.
    label:
      "You are responding to a routine bug bounty report that has no evidence of exploitation (unless it's a critical with high customer impact).",
  },
];

/** Label for the `bugBountyCriticalHighImpact` checkbox: the exception named in the program. */
export const BUG_BOUNTY_CRITICAL_LABEL = 'The bug bounty report is critical, with high customer impact.';

export const WHEN_IN_DOUBT = 'When in doubt, report it';

const TRIGGER_IDS: ReadonlySet<string> = new Set(NOTIFY_TRIGGERS.map((t) => t.id));
const EXCLUSION_IDS: ReadonlySet<string> = new Set(NOTIFY_EXCLUSIONS.map((e) => e.id));

// Values arrive from forms and storage; an unknown id must not tip the decision.
function knownTriggers(input: NotifyInput): NotifyOption<NotifyTrigger>[] {
  const chosen = new Set<string>(input.triggers.filter((t) => TRIGGER_IDS.has(t)));
  return NOTIFY_TRIGGERS.filter((t) => chosen.has(t.id));
}

function knownExclusions(input: NotifyInput): NotifyOption<NotifyExclusion>[] {
  const chosen = new Set<string>(input.exclusions.filter((e) => EXCLUSION_IDS.has(e)));
  return NOTIFY_EXCLUSIONS.filter((e) => chosen.has(e.id));
}

/**
 * Any trigger, or a critical bug-bounty report with high customer impact → notify.
 * Otherwise at least one exclusion → likely not needed. Otherwise, when in doubt, report.
 */
export function notifyDecision(a: NotifyInput): NotifyDecision {
  if (knownTriggers(a).length > 0 || a.bugBountyCriticalHighImpact === true) return 'notify';
  if (knownExclusions(a).length > 0) return 'likely-not-needed';
  return 'when-in-doubt-report';
}

// Labels are second-person sentences; lower-casing the first letter lets them follow a colon.
function asClause(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * One plain sentence explaining `decision` for `input`. The decision is a parameter (not
 * recomputed) so that an IR override can still be explained from the facts recorded.
 */
export function notifyExplanation(decision: NotifyDecision, input: NotifyInput): string {
  switch (decision) {
    case 'notify':
      return explainNotify(input);
    case 'likely-not-needed':
      return explainLikelyNotNeeded(input);
    case 'when-in-doubt-report':
      return `No trigger or "likely not" case applies, and the program's rule is "${WHEN_IN_DOUBT}": Atlassian Security will triage and confirm the severity, and early notification reduces customer impact.`;
  }
}

function explainNotify(input: NotifyInput): string {
  const triggers = knownTriggers(input);
  const first = triggers[0];
  if (first !== undefined && triggers.length === 1) {
    return `Notify Atlassian, because ${asClause(first.label)}`;
  }
  if (first !== undefined) {
    return `Notify Atlassian, because ${triggers.length} triggers apply, starting with: ${asClause(first.label)}`;
  }
  if (input.bugBountyCriticalHighImpact === true) {
    return 'Notify Atlassian, because the bug bounty report is critical with high customer impact, which the program excludes from the routine bug bounty case.';
  }
  return 'Notify Atlassian: Atlassian Security will triage and confirm the severity, and early notification reduces customer impact.';
}

function explainLikelyNotNeeded(input: NotifyInput): string {
  const first = knownExclusions(input)[0];
  if (first !== undefined) {
    return `You likely do not need to open a security incident, because ${asClause(first.label)}`;
  }
  return `You likely do not need to open a security incident; if that is uncertain, "${WHEN_IN_DOUBT}".`;
}
