import type { CLOCK_STATES, LIST_SUPPORT_LEVELS } from '../../../src/contract/global';
import { PHASE_LABELS } from '../../../src/domain/lifecycle';

export const LEVEL_LABELS: Record<(typeof LIST_SUPPORT_LEVELS)[number], string> = { joint: 'Joint', async: 'Async', 'out-of-scope': 'Out of scope', untriaged: 'Needs triage' };
export const PHASE_NAMES: Record<string, string> = { ...PHASE_LABELS, none: 'Not started' };
export const CLOCK_LABELS: Record<(typeof CLOCK_STATES)[number], string> = { none: 'No outreach', running: 'Running', breached: 'Breached', acknowledged: 'Acknowledged', 'acknowledged-late': 'Acknowledged late' };

/** Jira's lozenge appearances (ADS): which one each value takes. */
export type Appearance = 'default' | 'inprogress' | 'success' | 'removed' | 'moved' | 'new';
export const LEVEL_APPEARANCE: Record<(typeof LIST_SUPPORT_LEVELS)[number], Appearance> = { joint: 'success', async: 'inprogress', 'out-of-scope': 'default', untriaged: 'new' };
export function phaseAppearance(phase: string): Appearance {
  if (phase === 'closed') return 'success';
  if (phase === 'none' || phase === 'detection' || phase === 'triage') return 'new';
  if (phase === 'containment' || phase === 'eradication') return 'moved';
  return 'inprogress';
}
export const SEVERITY_APPEARANCE: Record<string, Appearance> = { critical: 'removed', high: 'moved', medium: 'inprogress', low: 'default' };
