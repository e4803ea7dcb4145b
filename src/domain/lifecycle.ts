// Responsibilities over the incident lifecycle (seed 001, Atlassian's cloud RACI) extended with
// the partner of the Partner Security Incident Response Program (seed 000), and the phases an
// incident ticket moves through.

export const PARTIES = ['atlassian', 'partner', 'customer'] as const;
export type Party = (typeof PARTIES)[number];

export type RaciLetter = 'R' | 'A' | 'C' | 'I';

export const RACI_MEANING: Readonly<Record<RaciLetter, string>> = {
  R: 'Responsible - The party will do the work to achieve the task.',
  A: 'Accountable - The party ultimately answerable for the correct and thorough completion of the activity.',
  C: 'Consulted - The party whose opinions are sought and with whom there is two-way communication.',
  I: 'Informed - The party who is kept up-to-date on progress, and with whom there is just one-way communication.',
};

export type ActivityId =
  | 'detection'
  | 'triage'
  | 'investigation'
  | 'containment'
  | 'eradication'
  | 'recovery'
  | 'notification-to-customer'
  | 'notification-to-atlassian'
  | 'improvement'
  | 'testing'
  | 'external-reporting'
  | 'aggregate-data-publication';

export interface Activity {
  readonly id: ActivityId;
  readonly label: string;
  readonly raci: Readonly<Record<Party, RaciLetter | null>>;
}

/*
 * The atlassian and customer columns are seed 001 as printed: its table lost its headers, but
 * each row reads "<activity> Responsible [Informed]" — Atlassian first, the customer second.
 * Rows with no word at all ("Notification (to Atlassian)", "External reporting") are null for
 * both. The seed assigns no A or C, so none is invented for those two parties.
 *
 * The partner column is derived from seed 000 ("Roles and Responsibilities Overview", "Partner
 * Responsibilities", "When should you notify Atlassian?"), where the partner:
 *   detection                  R  — decides from its own logs and backend that it must notify
 *                                   (the checklist); Atlassian may also detect and open the ticket.
 *   triage                     C  — Atlassian "drives triage"; the partner "submits accurate
 *                                   incident details" and is asked for them: two-way, not the doer.
 *   investigation              R  — "investigate"; with Forge Remote/Connect "you must use your own
 *                                   backend logs", work only the partner can do.
 *   containment                R  — "contain", "begin containment" after acknowledging outreach
 *                                   (Atlassian drives only platform-side containment).
 *   eradication                R  — "executes mitigations": credential rotation, scope reduction,
 *                                   patching, hotfix deployment.
 *   recovery                   R  — "implement the containment and remediation steps agreed".
 *   notification to customer   R  — "You are responsible for notifying your customers".
 *   notification to Atlassian  R  — the whole "When should you notify Atlassian?" checklist.
 *   improvement                R  — "provides a root cause analysis".
 *   testing, external reporting, aggregate data publication: null — the program is silent.
 */
export const ACTIVITIES: readonly Activity[] = [
  { id: 'detection', label: 'Detection', raci: { atlassian: 'R', partner: 'R', customer: null } },
  { id: 'triage', label: 'Triage', raci: { atlassian: 'R', partner: 'C', customer: null } },
  { id: 'investigation', label: 'Investigation', raci: { atlassian: 'R', partner: 'R', customer: null } },
  { id: 'containment', label: 'Containment', raci: { atlassian: 'R', partner: 'R', customer: null } },
  { id: 'eradication', label: 'Eradication', raci: { atlassian: 'R', partner: 'R', customer: 'I' } },
  { id: 'recovery', label: 'Recovery', raci: { atlassian: 'R', partner: 'R', customer: 'I' } },
  {
    id: 'notification-to-customer',
    label: 'Notification (to Customer)',
    raci: { atlassian: 'R', partner: 'R', customer: 'I' },
  },
  {
    id: 'notification-to-atlassian',
    label: 'Notification (to Atlassian)',
    raci: { atlassian: null, partner: 'R', customer: null },
  },
  { id: 'improvement', label: 'Improvement', raci: { atlassian: 'R', partner: 'R', customer: null } },
  { id: 'testing', label: 'Testing', raci: { atlassian: 'R', partner: null, customer: null } },
  {
    id: 'external-reporting',
    label: 'External reporting (law enforcement and compliance)',
    raci: { atlassian: null, partner: null, customer: null },
  },
  {
    id: 'aggregate-data-publication',
    label: 'Aggregate data publication',
    raci: { atlassian: 'R', partner: null, customer: 'I' },
  },
];

// ---------------------------------------------------------------------------------------------
// Phases of an incident ticket: the operational activities in lifecycle order, then closure.

export const PHASES = [
  'detection',
  'triage',
  'investigation',
  'containment',
  'eradication',
  'recovery',
  'closed',
] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  detection: 'Detection',
  triage: 'Triage',
  investigation: 'Investigation',
  containment: 'Containment',
  eradication: 'Eradication',
  recovery: 'Recovery',
  closed: 'Closed',
};

/** How an incident ended: recorded when IR staff close it, with a summary. */
export const CLOSE_RESOLUTIONS = ['resolved', 'contained-no-impact', 'false-positive', 'duplicate', 'out-of-scope'] as const;
export type CloseResolution = (typeof CLOSE_RESOLUTIONS)[number];
export const CLOSE_RESOLUTION_LABELS: Readonly<Record<CloseResolution, string>> = {
  resolved: 'Resolved: contained and remediated',
  'contained-no-impact': 'Contained, no customer impact found',
  'false-positive': 'False positive',
  duplicate: 'Duplicate of another incident',
  'out-of-scope': 'Out of the program\u2019s scope',
};

export interface PhaseEntry {
  phase: Phase;
  at: Date;
}

export type PhaseMove = { ok: true } | { ok: false; message: string };

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/** Position of `phase` in PHASES, or -1 for anything that is not a phase. */
export function phaseIndex(phase: string): number {
  return (PHASES as readonly string[]).indexOf(phase);
}

/**
 * Forward moves may skip phases (a false positive goes from triage to closed). Moving back,
 * including reopening a closed incident, is allowed but must say why, for the record.
 */
export function canMovePhase(from: string, to: string, reason?: string): PhaseMove {
  if (!isPhase(from)) return { ok: false, message: `Unknown phase "${from}".` };
  if (!isPhase(to)) return { ok: false, message: `Unknown phase "${to}".` };
  const step = phaseIndex(to) - phaseIndex(from);
  if (step === 0) return { ok: false, message: `The incident is already in ${PHASE_LABELS[to]}.` };
  if (step < 0 && (reason === undefined || reason.trim() === '')) {
    return { ok: false, message: `Moving back from ${PHASE_LABELS[from]} to ${PHASE_LABELS[to]} needs a reason.` };
  }
  return { ok: true };
}

// Oldest first; equal times keep their recorded order (Array.prototype.sort is stable), and
// entries whose date is invalid are left out rather than sorted arbitrarily.
function chronological(history: readonly PhaseEntry[]): PhaseEntry[] {
  return history
    .filter((e) => !Number.isNaN(e.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The phase of the latest entry, or null when nothing has been recorded. */
export function currentPhase(history: readonly PhaseEntry[]): Phase | null {
  return chronological(history).at(-1)?.phase ?? null;
}

export interface PhaseStart {
  phase: Phase;
  /** When the incident first entered the phase; null if it never did. */
  startedAt: Date | null;
}

/** One entry per phase, in PHASES order, with when the phase began (its first entry). */
export function phaseTimeline(history: readonly PhaseEntry[]): PhaseStart[] {
  const firstEntry = new Map<Phase, Date>();
  for (const e of chronological(history)) {
    if (!firstEntry.has(e.phase)) firstEntry.set(e.phase, e.at);
  }
  return PHASES.map((phase) => ({ phase, startedAt: firstEntry.get(phase) ?? null }));
}

export interface PhaseStint {
  phase: Phase;
  from: Date;
  /** When the next phase began; null for the current phase. */
  to: Date | null;
}

/** The chronological stints, with repeated records of the same phase merged into one stint. */
export function phaseStints(history: readonly PhaseEntry[]): PhaseStint[] {
  const stints: PhaseStint[] = [];
  for (const e of chronological(history)) {
    const last = stints.at(-1);
    if (last?.phase === e.phase) continue;
    if (last !== undefined) last.to = e.at;
    stints.push({ phase: e.phase, from: e.at, to: null });
  }
  return stints;
}
