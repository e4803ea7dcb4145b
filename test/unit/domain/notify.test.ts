import { describe, it, expect } from 'vitest';
import {
  NOTIFY_EXCLUSIONS,
  NOTIFY_TRIGGERS,
  notifyDecision,
  notifyExplanation,
  type NotifyExclusion,
  type NotifyTrigger,
} from '../../../src/domain/notify';

// Written out by hand (not read from the module) so a missing or renamed id fails the test.
const ALL_TRIGGERS: NotifyTrigger[] = [
  'app-compromised',
  'customer-data-exposed',
  'unexplained-suspicious-behaviour',
  'supply-chain-compromise',
  'external-report-of-exploitation',
  'active-exploitation',
  'other-critical-escalation',
];
const ALL_EXCLUSIONS: NotifyExclusion[] = ['functional-bug-only', 'customer-misconfiguration', 'routine-bug-bounty'];

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);
}

describe('notifyDecision', () => {
  it('notifies for each trigger on its own', () => {
    for (const t of ALL_TRIGGERS) {
      expect(notifyDecision({ triggers: [t], exclusions: [] }), t).toBe('notify');
    }
  });

  it('a trigger wins over every exclusion', () => {
    for (const t of ALL_TRIGGERS) {
      expect(notifyDecision({ triggers: [t], exclusions: [...ALL_EXCLUSIONS] }), t).toBe('notify');
    }
  });

  it('each exclusion alone makes notification likely not needed', () => {
    for (const e of ALL_EXCLUSIONS) {
      expect(notifyDecision({ triggers: [], exclusions: [e] }), e).toBe('likely-not-needed');
    }
  });

  it('a critical bug bounty report with high customer impact is notified, even when marked routine', () => {
    expect(notifyDecision({ triggers: [], exclusions: ['routine-bug-bounty'], bugBountyCriticalHighImpact: true })).toBe(
      'notify',
    );
    expect(notifyDecision({ triggers: [], exclusions: [], bugBountyCriticalHighImpact: true })).toBe('notify');
  });

  it('a bug bounty report that is not critical-high-impact stays likely not needed', () => {
    expect(
      notifyDecision({ triggers: [], exclusions: ['routine-bug-bounty'], bugBountyCriticalHighImpact: false }),
    ).toBe('likely-not-needed');
  });

  it('nothing ticked: when in doubt, report it', () => {
    expect(notifyDecision({ triggers: [], exclusions: [] })).toBe('when-in-doubt-report');
    expect(notifyDecision({ triggers: [], exclusions: [], bugBountyCriticalHighImpact: false })).toBe(
      'when-in-doubt-report',
    );
  });

  it('ignores ids that are not in the checklist', () => {
    const bogus = { triggers: ['not-a-trigger'], exclusions: ['nope'] } as unknown as Parameters<
      typeof notifyDecision
    >[0];
    expect(notifyDecision(bogus)).toBe('when-in-doubt-report');
  });

  it('agrees with the rule for every combination of triggers, exclusions and the bug bounty flag', () => {
    let checked = 0;
    for (const triggers of subsets(ALL_TRIGGERS)) {
      for (const exclusions of subsets(ALL_EXCLUSIONS)) {
        for (const flag of [undefined, false, true]) {
          let expected: string;
          if (triggers.length > 0 || flag === true) expected = 'notify';
          else if (exclusions.length > 0) expected = 'likely-not-needed';
          else expected = 'when-in-doubt-report';
          const input = flag === undefined ? { triggers, exclusions } : { triggers, exclusions, bugBountyCriticalHighImpact: flag };
          expect(notifyDecision(input)).toBe(expected);
          checked++;
        }
      }
    }
    expect(checked).toBe(128 * 8 * 3);
  });
});

describe('NOTIFY_TRIGGERS and NOTIFY_EXCLUSIONS', () => {
  it('list every id once, in the program order', () => {
    expect(NOTIFY_TRIGGERS.map((t) => t.id)).toEqual(ALL_TRIGGERS);
    expect(NOTIFY_EXCLUSIONS.map((e) => e.id)).toEqual(ALL_EXCLUSIONS);
  });

  it("use the program's wording", () => {
    const label = (id: string) => [...NOTIFY_TRIGGERS, ...NOTIFY_EXCLUSIONS].find((o) => o.id === id)?.label;
    expect(label('app-compromised')).toContain('compromised (for example, unauthorized code changes');
    expect(label('customer-data-exposed')).toContain('accessed, exfiltrated, or manipulated without authorization');
    expect(label('unexplained-suspicious-behaviour')).toContain('cannot diagnose from your own logs or backend');
    expect(label('supply-chain-compromise')).toContain('supply-chain compromise affecting a dependency');
    expect(label('external-report-of-exploitation')).toContain('reported credible evidence of exploitation');
    expect(label('active-exploitation')).toBe('A threat actor is actively exploiting a vulnerability in your app.');
    expect(label('other-critical-escalation')).toBe('Any other critical security escalation related to your app.');
    expect(label('functional-bug-only')).toContain('no evidence of security impact');
    expect(label('customer-misconfiguration')).toContain('appears to be a misconfiguration');
    expect(label('routine-bug-bounty')).toContain('critical with high customer impact');
  });
});

describe('notifyExplanation', () => {
  it('names the single trigger that applies', () => {
    const s = notifyExplanation('notify', { triggers: ['active-exploitation'], exclusions: [] });
    expect(s).toBe('Notify Atlassian, because a threat actor is actively exploiting a vulnerability in your app.');
  });

  it('counts several triggers and quotes the first in program order', () => {
    const s = notifyExplanation('notify', {
      triggers: ['other-critical-escalation', 'supply-chain-compromise'],
      exclusions: [],
    });
    expect(s).toMatch(/^Notify Atlassian, because 2 triggers apply/);
    expect(s).toContain('supply-chain compromise');
    expect(s).not.toContain('other critical');
  });

  it('explains the critical bug bounty exception', () => {
    const s = notifyExplanation('notify', {
      triggers: [],
      exclusions: ['routine-bug-bounty'],
      bugBountyCriticalHighImpact: true,
    });
    expect(s).toContain('critical with high customer impact');
  });

  it('names the exclusion when notification is likely not needed', () => {
    const s = notifyExplanation('likely-not-needed', { triggers: [], exclusions: ['customer-misconfiguration'] });
    expect(s).toBe(
      'You likely do not need to open a security incident, because a customer reported an error that appears to be a misconfiguration.',
    );
  });

  it('quotes "When in doubt, report it"', () => {
    const s = notifyExplanation('when-in-doubt-report', { triggers: [], exclusions: [] });
    expect(s).toContain('When in doubt, report it');
  });

  it('is one sentence, ending with a full stop, for every decision of every single-choice input', () => {
    const inputs = [
      { triggers: [], exclusions: [] },
      ...ALL_TRIGGERS.map((t) => ({ triggers: [t], exclusions: [] })),
      ...ALL_EXCLUSIONS.map((e) => ({ triggers: [], exclusions: [e] })),
    ];
    for (const input of inputs) {
      const s = notifyExplanation(notifyDecision(input), input);
      expect(s.endsWith('.'), s).toBe(true);
      // A sentence break inside would be ". " followed by a capital letter.
      expect(s.replace(/e\.g\.|\(for example[^)]*\)/g, ''), s).not.toMatch(/\.\s+[A-Z]/);
    }
  });

  it('still gives a sentence when an override contradicts the recorded facts', () => {
    expect(notifyExplanation('notify', { triggers: [], exclusions: [] })).toMatch(/^Notify Atlassian/);
    expect(notifyExplanation('likely-not-needed', { triggers: [], exclusions: [] })).toContain(
      'When in doubt, report it',
    );
  });
});
