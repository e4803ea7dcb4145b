import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  earliestLogDate,
  sharedDataDeleteBy,
  requiresLegalApproval,
  LOG_CATEGORIES,
  LOG_SHARING_REFUSALS,
  LEGAL_APPROVAL_EXPECTATION,
  LOG_REQUEST_STATES,
  LOG_REQUEST_EVENT_ACTORS,
  deletionReminderDates,
  validateLogRequest,
  proposeLogRequest,
  transition,
} from '../../../src/domain/log-sharing';
import type {
  LogRequestContext,
  LogRequestEvent,
  LogRequestInput,
  LogRequestRecord,
  LogRequestState,
} from '../../../src/domain/log-sharing';

const DAY_MS = 24 * 60 * 60 * 1000;
const at = (iso: string): Date => new Date(iso);
const ms = (d: Date, delta: number): Date => new Date(d.getTime() + delta);

describe('earliestLogDate', () => {
  it.each([
    ['2025-03-31T10:20:30.123Z', '2024-03-31T10:20:30.123Z'],
    ['2024-02-29T23:59:59.999Z', '2023-02-28T23:59:59.999Z'],
    ['2025-02-28T00:00:00.000Z', '2024-02-28T00:00:00.000Z'],
    ['2025-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', '2027-02-28T12:00:00.000Z'],
    ['2025-01-01T00:30:00.000Z', '2024-01-01T00:30:00.000Z'],
    ['2025-12-31T23:59:59.999Z', '2024-12-31T23:59:59.999Z'],
  ])('12 calendar months before %s is %s', (start, expected) => {
    expect(earliestLogDate(at(start)).toISOString()).toBe(expected);
  });

  it('does not depend on the host time zone', () => {
    // Changing TZ at run time is honoured by Node; local-time arithmetic would land a day off here.
    const saved = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Adelaide']) {
        process.env.TZ = zone;
        expect(earliestLogDate(at('2024-02-29T23:30:00.000Z')).toISOString()).toBe('2023-02-28T23:30:00.000Z');
        expect(earliestLogDate(at('2025-03-01T00:30:00.000Z')).toISOString()).toBe('2024-03-01T00:30:00.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('returns a plain Date', () => {
    expect(earliestLogDate(at('2025-03-31T10:00:00Z'))).toEqual(new Date('2024-03-31T10:00:00Z'));
  });

  it('matches a UTC calendar oracle for any instant (same time of day, day clamped to month end)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        (start) => {
          const y = start.getUTCFullYear() - 1;
          const m = start.getUTCMonth();
          const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
          const day = Math.min(start.getUTCDate(), lastDay);
          const timeOfDay = start.getTime() - Date.UTC(start.getUTCFullYear(), m, start.getUTCDate());
          expect(earliestLogDate(start).getTime()).toBe(Date.UTC(y, m, day) + timeOfDay);
        },
      ),
    );
  });
});

describe('sharedDataDeleteBy', () => {
  it('is exactly 90 × 24 hours after closure', () => {
    const closed = at('2025-03-01T08:15:00.250Z');
    expect(sharedDataDeleteBy(closed, false)?.toISOString()).toBe('2025-05-30T08:15:00.250Z');
    expect(sharedDataDeleteBy(closed, false)?.getTime()).toBe(closed.getTime() + 90 * DAY_MS);
  });

  it('is null while a legal hold applies', () => {
    expect(sharedDataDeleteBy(at('2025-03-01T00:00:00Z'), true)).toBeNull();
  });
});

describe('requiresLegalApproval', () => {
  const flags = [false, true];
  for (const accountIds of flags) {
    for (const sourceIps of flags) {
      for (const emailDomains of flags) {
        const expected = accountIds || sourceIps || emailDomains;
        it(`accountIds=${accountIds} sourceIps=${sourceIps} emailDomains=${emailDomains} → ${expected}`, () => {
          expect(requiresLegalApproval({ accountIds, sourceIps, emailDomains })).toBe(expected);
        });
      }
    }
  }

  it('is false when no kind of customer data is named', () => {
    expect(requiresLegalApproval({})).toBe(false);
  });

  it('also for other personal data and user-generated content (the FAQ\'s "PII/UGC"), optional for older callers', () => {
    const keys = ['accountIds', 'sourceIps', 'emailDomains', 'otherPersonalData', 'userGeneratedContent'] as const;
    fc.assert(fc.property(fc.record(Object.fromEntries(keys.map((k) => [k, fc.boolean()])) as Record<(typeof keys)[number], fc.Arbitrary<boolean>>, { requiredKeys: [] }), (fields) => {
      expect(requiresLegalApproval(fields)).toBe(keys.some((k) => fields[k] === true));
    }));
    expect(requiresLegalApproval({ otherPersonalData: true })).toBe(true);
    expect(requiresLegalApproval({ userGeneratedContent: true })).toBe(true);
    expect(requiresLegalApproval({ otherPersonalData: false, userGeneratedContent: false })).toBe(false);
  });
});

describe('deletionReminderDates', () => {
  it('reminds 14 and 1 days (of 24 hours) before the deadline', () => {
    const deleteBy = at('2025-05-30T08:15:00.250Z');
    expect(deletionReminderDates(deleteBy)).toEqual({
      fourteenDaysBefore: at('2025-05-16T08:15:00.250Z'),
      oneDayBefore: at('2025-05-29T08:15:00.250Z'),
    });
  });
});

describe('catalogue', () => {
  it('has the five categories of the program, with its labels', () => {
    expect(LOG_CATEGORIES.map((c) => [c.id, c.label])).toEqual([
      ['app-metadata-footprint', 'App metadata and installation footprint'],
      ['versions-config-lifecycle', 'App versions, configuration, and lifecycle events'],
      ['developer-tooling-tunnel', 'Developer tooling and tunnel usage'],
      ['runtime-deployment-webhook', 'Runtime, deployment, and webhook events'],
      ['app-activity', 'App activity logs'],
    ]);
    for (const c of LOG_CATEGORIES) expect(c.description.length).toBeGreaterThan(40);
  });

  it('limits only app activity logs to Premium and Enterprise tenants', () => {
    expect(LOG_CATEGORIES.filter((c) => c.tenantTiers !== null).map((c) => [c.id, c.tenantTiers])).toEqual([
      ['app-activity', ['premium', 'enterprise']],
    ]);
  });

  it('quotes the program for refusals and the legal timeline', () => {
    expect(LOG_SHARING_REFUSALS.incidentScope).toBe(
      "Logs are extracted for a specific time window and app, tied to the incident under investigation. Logs aren't shared in bulk or for ongoing monitoring.",
    );
    expect(LOG_SHARING_REFUSALS.proactive).toBe("Proactive or on-demand log access outside of incidents isn't available.");
    expect(LEGAL_APPROVAL_EXPECTATION).toBe('a few business days');
  });
});

describe('validateLogRequest', () => {
  const incidentStart = at('2025-03-31T10:20:30.123Z');
  const earliest = at('2024-03-31T10:20:30.123Z');
  const now = at('2025-04-10T12:00:00.000Z');

  const request = (over: Partial<LogRequestInput> = {}): LogRequestInput => ({
    category: 'runtime-deployment-webhook',
    appKey: 'acme-issue-helper',
    environment: 'production',
    windowStart: at('2025-03-01T00:00:00Z'),
    windowEnd: at('2025-04-01T00:00:00Z'),
    includes: { accountIds: false, sourceIps: false, emailDomains: false },
    coldStorage: false,
    purpose: 'Trace the unexpected API calls reported by a customer.',
    ...over,
  });
  const context = (over: Partial<LogRequestContext> = {}): LogRequestContext => ({
    incidentStart,
    now,
    activeExploitationConfirmed: false,
    ...over,
  });
  const fieldsOf = (r: ReturnType<typeof validateLogRequest>): string[] => (r.ok ? [] : r.errors.map((e) => e.field));
  const messageFor = (r: ReturnType<typeof validateLogRequest>, field: string): string =>
    r.ok ? '' : r.errors.filter((e) => e.field === field).map((e) => e.message).join(' | ');

  it('accepts a bounded request for one app tied to the incident', () => {
    expect(validateLogRequest(request(), context())).toEqual({ ok: true, legalApprovalRequired: false });
  });

  it.each([
    [{ accountIds: true, sourceIps: false, emailDomains: false }],
    [{ accountIds: false, sourceIps: true, emailDomains: false }],
    [{ accountIds: false, sourceIps: false, emailDomains: true }],
  ])('needs legal approval when the logs include customer data %o', (includes) => {
    expect(validateLogRequest(request({ includes }), context())).toEqual({ ok: true, legalApprovalRequired: true });
  });

  describe('12-month look-back', () => {
    it('accepts a window starting exactly at the earliest instant', () => {
      expect(validateLogRequest(request({ windowStart: earliest }), context()).ok).toBe(true);
    });

    it('refuses a window starting 1 ms earlier, naming the earliest date', () => {
      const result = validateLogRequest(request({ windowStart: ms(earliest, -1) }), context());
      expect(fieldsOf(result)).toEqual(['windowStart']);
      expect(messageFor(result, 'windowStart')).toContain('2024-03-31');
      expect(messageFor(result, 'windowStart')).toContain("Older logs aren't available.");
    });

    it('clamps from 29 February: 2023-02-28 is allowed, 1 ms before it is not', () => {
      const leap = context({ incidentStart: at('2024-02-29T00:00:00Z') });
      expect(validateLogRequest(request({ windowStart: at('2023-02-28T00:00:00Z') }), leap).ok).toBe(true);
      const result = validateLogRequest(request({ windowStart: at('2023-02-27T23:59:59.999Z') }), leap);
      expect(messageFor(result, 'windowStart')).toContain('2023-02-28');
    });
  });

  describe('window end', () => {
    it('may end exactly now, not 1 ms later', () => {
      expect(validateLogRequest(request({ windowEnd: now }), context()).ok).toBe(true);
      const result = validateLogRequest(request({ windowEnd: ms(now, 1) }), context());
      expect(fieldsOf(result)).toEqual(['windowEnd']);
      expect(messageFor(result, 'windowEnd')).toContain('2025-04-10');
    });

    it('may end exactly when the incident ended, not 1 ms later', () => {
      const incidentEnd = at('2025-04-05T09:00:00Z');
      expect(validateLogRequest(request({ windowEnd: incidentEnd }), context({ incidentEnd })).ok).toBe(true);
      const result = validateLogRequest(request({ windowEnd: ms(incidentEnd, 1) }), context({ incidentEnd }));
      expect(fieldsOf(result)).toEqual(['windowEnd']);
      expect(messageFor(result, 'windowEnd')).toContain('incident ended');
    });

    it('is bounded by now when the recorded incident end is later than now', () => {
      const result = validateLogRequest(request({ windowEnd: ms(now, 1) }), context({ incidentEnd: ms(now, DAY_MS) }));
      expect(fieldsOf(result)).toEqual(['windowEnd']);
    });

    it('must be after the start: 1 ms long is fine, zero length is not', () => {
      const start = at('2025-03-10T00:00:00Z');
      expect(validateLogRequest(request({ windowStart: start, windowEnd: ms(start, 1) }), context()).ok).toBe(true);
      expect(fieldsOf(validateLogRequest(request({ windowStart: start, windowEnd: start }), context()))).toEqual([
        'windowEnd',
      ]);
      expect(
        fieldsOf(validateLogRequest(request({ windowStart: ms(start, 1), windowEnd: start }), context())),
      ).toEqual(['windowEnd']);
    });
  });

  describe('bulk, monitoring and proactive requests', () => {
    it('refuses a request without an incident, quoting the program', () => {
      for (const incidentStart of [null, new Date(Number.NaN)]) {
        const result = validateLogRequest(request(), context({ incidentStart }));
        expect(fieldsOf(result)).toEqual(['incident']);
        expect(messageFor(result, 'incident')).toContain(LOG_SHARING_REFUSALS.proactive);
      }
    });

    it('refuses an unbounded window, quoting the program', () => {
      const result = validateLogRequest(
        request({ windowStart: new Date(Number.NaN), windowEnd: new Date(Number.NaN) }),
        context(),
      );
      expect(fieldsOf(result)).toEqual(['windowStart', 'windowEnd']);
      expect(messageFor(result, 'windowStart')).toContain(LOG_SHARING_REFUSALS.incidentScope);
    });

    it('refuses a request for no particular app, quoting the program', () => {
      const result = validateLogRequest(request({ appKey: '  ' }), context());
      expect(fieldsOf(result)).toEqual(['appKey']);
      expect(messageFor(result, 'appKey')).toContain(LOG_SHARING_REFUSALS.incidentScope);
    });

    it('needs a purpose tied to the incident and an environment', () => {
      expect(fieldsOf(validateLogRequest(request({ purpose: '' }), context()))).toEqual(['purpose']);
      expect(fieldsOf(validateLogRequest(request({ environment: ' ' }), context()))).toEqual(['environment']);
    });
  });

  describe('cold storage', () => {
    it('is refused until active exploitation of customer data is confirmed, quoting the reason', () => {
      const result = validateLogRequest(request({ coldStorage: true }), context());
      expect(fieldsOf(result)).toEqual(['coldStorage']);
      expect(messageFor(result, 'coldStorage')).toContain(
        'Logs in cold storage are retrieved only when active exploitation of customer data is confirmed, due to cost and retrieval time.',
      );
    });

    it('is allowed once active exploitation is confirmed', () => {
      expect(validateLogRequest(request({ coldStorage: true }), context({ activeExploitationConfirmed: true })).ok).toBe(
        true,
      );
    });
  });

  describe('app activity logs', () => {
    it.each(['premium', 'enterprise'] as const)('are available for %s tenants', (tenantTier) => {
      expect(validateLogRequest(request({ category: 'app-activity' }), context({ tenantTier })).ok).toBe(true);
    });

    it.each(['standard', 'unknown', undefined] as const)('are refused for tenant tier %s', (tenantTier) => {
      const result = validateLogRequest(request({ category: 'app-activity' }), context({ tenantTier }));
      expect(fieldsOf(result)).toEqual(['category']);
      expect(messageFor(result, 'category')).toContain('Premium and Enterprise');
    });

    it('other categories need no tier', () => {
      for (const c of LOG_CATEGORIES.filter((x) => x.id !== 'app-activity')) {
        expect(validateLogRequest(request({ category: c.id }), context({ tenantTier: 'standard' })).ok).toBe(true);
      }
    });
  });

  it('refuses an unknown category', () => {
    const category = 'everything' as unknown as LogRequestInput['category'];
    expect(fieldsOf(validateLogRequest(request({ category }), context()))).toEqual(['category']);
  });

  it('reports every problem at once', () => {
    const result = validateLogRequest(
      request({ appKey: '', coldStorage: true, windowStart: ms(earliest, -1), category: 'app-activity' }),
      context(),
    );
    expect(new Set(fieldsOf(result))).toEqual(new Set(['appKey', 'coldStorage', 'windowStart', 'category']));
  });
});

describe('log request lifecycle', () => {
  const t0 = at('2025-04-01T09:00:00Z');
  const later = (minutes: number): Date => ms(t0, minutes * 60_000);

  const inState = (state: LogRequestState, legalApprovalRequired: boolean): LogRequestRecord => ({
    state,
    legalApprovalRequired,
    history: [{ state, at: t0 }],
  });

  const event = (type: LogRequestEvent['type']): LogRequestEvent =>
    type === 'acknowledge-receipt' ? { type, restrictedHandlingAcknowledged: true } : { type };

  const run = (legal: boolean, types: LogRequestEvent['type'][]): LogRequestRecord => {
    let request = proposeLogRequest(legal, t0);
    types.forEach((type, i) => {
      const result = transition(request, event(type), later(i + 1));
      if (!result.ok) throw new Error(`${type}: ${result.message}`);
      request = result.request;
    });
    return request;
  };

  it('runs without legal approval: proposed → accepted → delivered → received → deleted', () => {
    const done = run(false, ['accept', 'deliver', 'acknowledge-receipt', 'attest-deletion']);
    expect(done.state).toBe('deleted');
    expect(done.history).toEqual([
      { state: 'proposed', at: t0 },
      { state: 'accepted', at: later(1) },
      { state: 'delivered', at: later(2) },
      { state: 'received', at: later(3) },
      { state: 'deleted', at: later(4) },
    ]);
  });

  it('runs with legal approval through legal-requested and legal-approved', () => {
    const done = run(true, [
      'accept',
      'request-legal-approval',
      'approve-legal',
      'deliver',
      'acknowledge-receipt',
      'attest-deletion',
    ]);
    expect(done.history.map((h) => h.state)).toEqual([
      'proposed',
      'accepted',
      'legal-requested',
      'legal-approved',
      'delivered',
      'received',
      'deleted',
    ]);
  });

  type Expect = LogRequestState | 'CONFLICT';
  // Rows: from-state; columns: events in this order.
  const EVENTS: LogRequestEvent['type'][] = [
    'accept',
    'decline',
    'request-legal-approval',
    'approve-legal',
    'deny-legal',
    'deliver',
    'acknowledge-receipt',
    'attest-deletion',
  ];
  const C = 'CONFLICT';
  const TABLE_WITH_LEGAL: Record<LogRequestState, Expect[]> = {
    proposed: ['accepted', 'declined', C, C, C, C, C, C],
    accepted: [C, C, 'legal-requested', C, C, C, C, C],
    declined: [C, C, C, C, C, C, C, C],
    'legal-requested': [C, C, C, 'legal-approved', 'legal-denied', C, C, C],
    'legal-approved': [C, C, C, C, C, 'delivered', C, C],
    'legal-denied': [C, C, C, C, C, C, C, C],
    delivered: [C, C, C, C, C, C, 'received', C],
    received: [C, C, C, C, C, C, C, 'deleted'],
    deleted: [C, C, C, C, C, C, C, C],
  };
  const TABLE_WITHOUT_LEGAL: Record<LogRequestState, Expect[]> = {
    ...TABLE_WITH_LEGAL,
    accepted: [C, C, C, C, C, 'delivered', C, C],
  };

  for (const [legal, table] of [
    [true, TABLE_WITH_LEGAL],
    [false, TABLE_WITHOUT_LEGAL],
  ] as const) {
    it(`follows the transition table (legal approval required: ${legal})`, () => {
      expect(Object.keys(table).sort()).toEqual([...LOG_REQUEST_STATES].sort());
      for (const state of LOG_REQUEST_STATES) {
        EVENTS.forEach((type, i) => {
          const result = transition(inState(state, legal), event(type), later(1));
          const got = result.ok ? result.request.state : result.code;
          expect(got, `${state} + ${type}`).toBe(table[state][i]);
        });
      }
    });
  }

  it('says legal approval is required first when delivery comes too early', () => {
    for (const state of ['accepted', 'legal-requested'] as const) {
      const result = transition(inState(state, true), { type: 'deliver' }, later(1));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe('CONFLICT');
        expect(result.message).toMatch(/legal\/privacy approval is required first/i);
      }
    }
  });

  it('refuses attestation before delivery as a conflict', () => {
    for (const state of ['proposed', 'accepted', 'legal-approved'] as const) {
      const result = transition(inState(state, true), { type: 'attest-deletion' }, later(1));
      expect(result).toMatchObject({ ok: false, code: 'CONFLICT' });
      if (!result.ok) expect(result.message).toContain('not been delivered');
    }
  });

  it('needs the RESTRICTED handling acknowledgement on receipt (invalid input otherwise)', () => {
    const result = transition(
      inState('delivered', false),
      { type: 'acknowledge-receipt', restrictedHandlingAcknowledged: false },
      later(1),
    );
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (!result.ok) expect(result.message).toContain('RESTRICTED');
  });

  it('rejects an event earlier than the last change, accepts the same instant', () => {
    const request = inState('proposed', false);
    expect(transition(request, { type: 'accept' }, ms(t0, -1))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(transition(request, { type: 'accept' }, t0)).toMatchObject({ ok: true });
  });

  it('rejects an invalid time and an unknown event as invalid input', () => {
    const request = inState('proposed', false);
    expect(transition(request, { type: 'accept' }, new Date(Number.NaN))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const unknown = { type: 'toString' } as unknown as LogRequestEvent;
    expect(transition(request, unknown, later(1))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('keeps the caller’s fields, records a trimmed note and never mutates the input', () => {
    const request = { ...inState('proposed', false), id: 'LR-7', category: 'app-activity' };
    const snapshot = structuredClone(request);
    const result = transition(request, { type: 'decline', note: '  not incident related ' }, later(1));
    expect(request).toEqual(snapshot);
    expect(result.ok && result.request).toEqual({
      id: 'LR-7',
      category: 'app-activity',
      state: 'declined',
      legalApprovalRequired: false,
      history: [
        { state: 'proposed', at: t0 },
        { state: 'declined', at: later(1), note: 'not incident related' },
      ],
    });
  });

  it('assigns events to IR staff or the partner', () => {
    expect(LOG_REQUEST_EVENT_ACTORS['acknowledge-receipt']).toBe('partner');
    expect(LOG_REQUEST_EVENT_ACTORS['attest-deletion']).toBe('partner');
    expect(LOG_REQUEST_EVENT_ACTORS.deliver).toBe('ir-staff');
    expect(LOG_REQUEST_EVENT_ACTORS['approve-legal']).toBe('ir-staff');
  });

  it('never delivers without legal approval when it is required, whatever the event sequence', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...EVENTS), { maxLength: 12 }), (legal, types) => {
        let request = proposeLogRequest(legal, t0);
        types.forEach((type, i) => {
          const result = transition(request, event(type), later(i + 1));
          if (result.ok) request = result.request;
        });
        const states = request.history.map((h) => h.state);
        expect(LOG_REQUEST_STATES).toContain(request.state);
        expect(states[states.length - 1]).toBe(request.state);
        const delivered = states.indexOf('delivered');
        if (delivered !== -1 && legal) expect(states.slice(0, delivered)).toContain('legal-approved');
        if (delivered !== -1 && !legal) expect(states).not.toContain('legal-requested');
        const deleted = states.indexOf('deleted');
        if (deleted !== -1) expect(states.slice(0, deleted)).toContain('received');
      }),
    );
  });
});
