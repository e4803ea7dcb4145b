import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ACTIVITIES,
  canMovePhase,
  currentPhase,
  isPhase,
  PARTIES,
  PHASES,
  phaseIndex,
  phaseStints,
  phaseTimeline,
  type Phase,
  type PhaseEntry,
} from '../../../src/domain/lifecycle';

const raciOf = (id: string) => ACTIVITIES.find((a) => a.id === id)?.raci;
const t = (iso: string) => new Date(iso);

describe('ACTIVITIES', () => {
  it('lists the twelve activities of seed 001 in order', () => {
    expect(ACTIVITIES.map((a) => a.id)).toEqual([
      'detection',
      'triage',
      'investigation',
      'containment',
      'eradication',
      'recovery',
      'notification-to-customer',
      'notification-to-atlassian',
      'improvement',
      'testing',
      'external-reporting',
      'aggregate-data-publication',
    ]);
    expect(ACTIVITIES.find((a) => a.id === 'external-reporting')?.label).toBe(
      'External reporting (law enforcement and compliance)',
    );
  });

  it('gives every activity a letter (or null) for each of the three parties', () => {
    expect([...PARTIES]).toEqual(['atlassian', 'partner', 'customer']);
    for (const a of ACTIVITIES) {
      expect(Object.keys(a.raci).sort(), a.id).toEqual(['atlassian', 'customer', 'partner']);
      for (const letter of Object.values(a.raci)) expect([null, 'R', 'A', 'C', 'I']).toContain(letter);
    }
  });

  it('matches seed 001 for Atlassian and the customer', () => {
    const seed: Record<string, [string | null, string | null]> = {
      detection: ['R', null],
      triage: ['R', null],
      investigation: ['R', null],
      containment: ['R', null],
      eradication: ['R', 'I'],
      recovery: ['R', 'I'],
      'notification-to-customer': ['R', 'I'],
      'notification-to-atlassian': [null, null],
      improvement: ['R', null],
      testing: ['R', null],
      'external-reporting': [null, null],
      'aggregate-data-publication': ['R', 'I'],
    };
    for (const [id, [atlassian, customer]] of Object.entries(seed)) {
      expect(raciOf(id), id).toMatchObject({ atlassian, customer });
    }
  });

  it("fills the partner column from the program's partner responsibilities", () => {
    // investigate, contain, execute mitigations, notify customers, RCA, report to Atlassian
    for (const id of [
      'investigation',
      'containment',
      'eradication',
      'recovery',
      'notification-to-customer',
      'notification-to-atlassian',
      'improvement',
    ]) {
      expect(raciOf(id)?.partner, id).toBe('R');
    }
    // Atlassian drives triage; the partner supplies the details.
    expect(raciOf('triage')?.partner).toBe('C');
    expect(raciOf('external-reporting')?.partner).toBeNull();
  });
});

describe('phases', () => {
  it('are ordered from detection to closed', () => {
    expect([...PHASES]).toEqual([
      'detection',
      'triage',
      'investigation',
      'containment',
      'eradication',
      'recovery',
      'closed',
    ]);
    PHASES.forEach((p, i) => expect(phaseIndex(p)).toBe(i));
  });

  it('phaseIndex and isPhase reject anything else', () => {
    for (const x of ['', 'Triage', 'open', 'constructor', 'toString', ' triage']) {
      expect(phaseIndex(x), x).toBe(-1);
      expect(isPhase(x), x).toBe(false);
    }
    expect(isPhase(3)).toBe(false);
    expect(isPhase(undefined)).toBe(false);
    expect(isPhase('closed')).toBe(true);
  });
});

describe('canMovePhase', () => {
  it('allows every forward move, including skipping phases, without a reason', () => {
    for (const from of PHASES)
      for (const to of PHASES)
        if (phaseIndex(to) > phaseIndex(from)) expect(canMovePhase(from, to), `${from}→${to}`).toEqual({ ok: true });
  });

  it('refuses every backward move without a reason, or with a blank one', () => {
    for (const from of PHASES)
      for (const to of PHASES)
        if (phaseIndex(to) < phaseIndex(from))
          for (const reason of [undefined, '', '   ', '\n\t']) {
            const r = canMovePhase(from, to, reason);
            expect(r.ok, `${from}→${to} ${JSON.stringify(reason)}`).toBe(false);
            if (!r.ok) expect(r.message).toContain('reason');
          }
  });

  it('allows every backward move with a reason (reopening a closed incident included)', () => {
    for (const from of PHASES)
      for (const to of PHASES)
        if (phaseIndex(to) < phaseIndex(from))
          expect(canMovePhase(from, to, 'new IOCs found'), `${from}→${to}`).toEqual({ ok: true });
    expect(canMovePhase('closed', 'investigation', 'x')).toEqual({ ok: true });
  });

  it('refuses staying in the same phase', () => {
    for (const p of PHASES) expect(canMovePhase(p, p, 'because').ok, p).toBe(false);
  });

  it('refuses unknown phases on either side and names them', () => {
    const a = canMovePhase('open', 'triage');
    expect(a).toEqual({ ok: false, message: expect.stringContaining('"open"') });
    const b = canMovePhase('triage', 'done', 'reason');
    expect(b).toEqual({ ok: false, message: expect.stringContaining('"done"') });
  });
});

describe('currentPhase', () => {
  it('is null for an empty history', () => {
    expect(currentPhase([])).toBeNull();
  });

  it('is the phase of the latest entry, whatever the order they were recorded in', () => {
    const history: PhaseEntry[] = [
      { phase: 'containment', at: t('2026-03-01T12:00:00.002Z') },
      { phase: 'detection', at: t('2026-03-01T12:00:00.000Z') },
      { phase: 'triage', at: t('2026-03-01T12:00:00.001Z') },
    ];
    expect(currentPhase(history)).toBe('containment');
    expect(currentPhase(history.slice(1))).toBe('triage');
  });

  it('follows a move back', () => {
    expect(
      currentPhase([
        { phase: 'detection', at: t('2026-03-01T00:00:00Z') },
        { phase: 'closed', at: t('2026-03-02T00:00:00Z') },
        { phase: 'investigation', at: t('2026-03-03T00:00:00Z') },
      ]),
    ).toBe('investigation');
  });

  it('breaks a tie in time by the order of recording (the later record wins)', () => {
    const at = t('2026-03-01T00:00:00Z');
    expect(currentPhase([{ phase: 'triage', at }, { phase: 'detection', at }])).toBe('detection');
    expect(currentPhase([{ phase: 'detection', at }, { phase: 'triage', at }])).toBe('triage');
  });

  it('ignores entries with an invalid date', () => {
    expect(
      currentPhase([
        { phase: 'triage', at: t('2026-03-01T00:00:00Z') },
        { phase: 'closed', at: new Date(Number.NaN) },
      ]),
    ).toBe('triage');
    expect(currentPhase([{ phase: 'closed', at: new Date('nonsense') }])).toBeNull();
  });

  it('does not reorder the caller’s array', () => {
    const history: PhaseEntry[] = [
      { phase: 'triage', at: t('2026-03-02T00:00:00Z') },
      { phase: 'detection', at: t('2026-03-01T00:00:00Z') },
    ];
    currentPhase(history);
    phaseTimeline(history);
    phaseStints(history);
    expect(history.map((e) => e.phase)).toEqual(['triage', 'detection']);
  });

  it('property: equals the phase of the entry with the greatest time (last recorded on ties)', () => {
    const entry = fc.record({
      phase: fc.constantFrom(...PHASES),
      at: fc.integer({ min: 0, max: 50 }).map((ms) => new Date(Date.UTC(2026, 0, 1) + ms)),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 20 }), (history) => {
        let best = history[0]!;
        for (const e of history) if (e.at.getTime() >= best.at.getTime()) best = e;
        expect(currentPhase(history)).toBe(best.phase);
      }),
    );
  });
});

describe('phaseTimeline', () => {
  it('gives every phase, in order, with null for phases never entered', () => {
    const tl = phaseTimeline([
      { phase: 'triage', at: t('2026-03-01T10:00:00Z') },
      { phase: 'detection', at: t('2026-03-01T09:00:00Z') },
      { phase: 'containment', at: t('2026-03-02T09:00:00Z') },
    ]);
    expect(tl).toEqual([
      { phase: 'detection', startedAt: t('2026-03-01T09:00:00Z') },
      { phase: 'triage', startedAt: t('2026-03-01T10:00:00Z') },
      { phase: 'investigation', startedAt: null },
      { phase: 'containment', startedAt: t('2026-03-02T09:00:00Z') },
      { phase: 'eradication', startedAt: null },
      { phase: 'recovery', startedAt: null },
      { phase: 'closed', startedAt: null },
    ]);
  });

  it('a phase entered twice began the first time', () => {
    const tl = phaseTimeline([
      { phase: 'investigation', at: t('2026-03-01T00:00:00.000Z') },
      { phase: 'containment', at: t('2026-03-01T00:00:00.001Z') },
      { phase: 'investigation', at: t('2026-03-01T00:00:00.002Z') },
    ]);
    expect(tl.find((e) => e.phase === 'investigation')?.startedAt).toEqual(t('2026-03-01T00:00:00.000Z'));
  });

  it('is all null for an empty history', () => {
    expect(phaseTimeline([]).every((e) => e.startedAt === null)).toBe(true);
    expect(phaseTimeline([])).toHaveLength(PHASES.length);
  });
});

describe('phaseStints', () => {
  it('lists each stint with its end, merging repeated records of the same phase', () => {
    const stints = phaseStints([
      { phase: 'detection', at: t('2026-03-01T00:00:00Z') },
      { phase: 'detection', at: t('2026-03-01T01:00:00Z') },
      { phase: 'closed', at: t('2026-03-02T00:00:00Z') },
      { phase: 'triage', at: t('2026-03-03T00:00:00Z') },
    ]);
    expect(stints).toEqual([
      { phase: 'detection', from: t('2026-03-01T00:00:00Z'), to: t('2026-03-02T00:00:00Z') },
      { phase: 'closed', from: t('2026-03-02T00:00:00Z'), to: t('2026-03-03T00:00:00Z') },
      { phase: 'triage', from: t('2026-03-03T00:00:00Z'), to: null },
    ]);
  });

  it('property: stints are contiguous, alternate phases, and end in the current phase', () => {
    const entry = fc.record({
      phase: fc.constantFrom<Phase>(...PHASES),
      at: fc.integer({ min: 0, max: 1000 }).map((ms) => new Date(ms)),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (history) => {
        const stints = phaseStints(history);
        expect(stints.length === 0).toBe(history.length === 0);
        stints.forEach((s, i) => {
          const next = stints[i + 1];
          if (next === undefined) {
            expect(s.to).toBeNull();
            expect(s.phase).toBe(currentPhase(history));
          } else {
            expect(s.to).toEqual(next.from);
            expect(next.phase).not.toBe(s.phase);
          }
        });
      }),
    );
  });
});
