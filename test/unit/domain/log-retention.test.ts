import { describe, expect, it } from 'vitest';
import { closedAtOf, dueRetentionReminder, nextRetentionCheckAt, requestDeleteBy, sharedDataSummary, type LogSharingPart, type StoredLogRequest } from '../../../src/domain/log-retention';

const DAY = 86_400_000;
const CLOSED = new Date('2026-12-01T12:00:00.000Z');
const at = (days: number, ms = 0) => new Date(CLOSED.getTime() + days * DAY + ms);

const request = (over: Partial<StoredLogRequest> = {}): StoredLogRequest => ({
  id: 'aaaaaaaa',
  category: 'runtime-deployment-webhook',
  appKey: 'acme',
  environment: 'production',
  windowStart: '2026-11-01T00:00:00.000Z',
  windowEnd: '2026-11-02T00:00:00.000Z',
  includes: { accountIds: false, sourceIps: false, emailDomains: false },
  coldStorage: false,
  purpose: 'p',
  proposedBy: 'x',
  proposedByRole: 'partner',
  state: 'received',
  legalApprovalRequired: false,
  history: [],
  delivery: null,
  receipt: null,
  deletion: null,
  legalHold: null,
  internalNotes: [],
  posted: [],
  claims: {},
  ...over,
});
const part = (...requests: StoredLogRequest[]): LogSharingPart => ({ requests, activeExploitationConfirmed: null, tenantTier: 'unknown' });

describe('closure and delete-by dates', () => {
  it('counts closure only while the last phase is closed', () => {
    expect(closedAtOf([{ phase: 'triage', at: '2026-11-01T00:00:00Z' }, { phase: 'closed', at: CLOSED.toISOString() }])).toEqual(CLOSED);
    expect(closedAtOf([{ phase: 'closed', at: CLOSED.toISOString() }, { phase: 'recovery', at: '2026-12-02T00:00:00Z' }])).toBeNull();
    expect(closedAtOf([])).toBeNull();
  });

  it('gives a delete-by date only to logs the partner holds, with no legal hold, after closure', () => {
    expect(requestDeleteBy(request(), CLOSED)).toEqual(at(90));
    expect(requestDeleteBy(request({ state: 'delivered' }), CLOSED)).toEqual(at(90));
    for (const state of ['proposed', 'accepted', 'legal-approved', 'deleted', 'declined'] as const) expect(requestDeleteBy(request({ state }), CLOSED), state).toBeNull();
    expect(requestDeleteBy(request({ legalHold: { reason: 'r', since: '', by: '' } }), CLOSED)).toBeNull();
    expect(requestDeleteBy(request(), null)).toBeNull();
  });
});

describe('retention reminders', () => {
  it('falls due at 14 days and 1 day before, and at the deadline, to the millisecond', () => {
    expect(dueRetentionReminder(request(), CLOSED, at(76, -1))).toBeNull();
    expect(dueRetentionReminder(request(), CLOSED, at(76))?.stage).toBe('14d');
    expect(dueRetentionReminder(request(), CLOSED, at(89, -1))?.stage).toBe('14d');
    expect(dueRetentionReminder(request(), CLOSED, at(89))?.stage).toBe('1d');
    expect(dueRetentionReminder(request(), CLOSED, at(90, -1))?.stage).toBe('1d');
    expect(dueRetentionReminder(request(), CLOSED, at(90))?.stage).toBe('overdue');
  });

  it('posts each stage once and never goes back to a skipped one', () => {
    const r14 = dueRetentionReminder(request(), CLOSED, at(76))!;
    expect(dueRetentionReminder(request({ posted: [r14.key] }), CLOSED, at(80))).toBeNull();
    const overdue = dueRetentionReminder(request(), CLOSED, at(95))!;
    expect(overdue.stage).toBe('overdue');
    expect(dueRetentionReminder(request({ posted: [overdue.key] }), CLOSED, at(95))).toBeNull();
    expect(nextRetentionCheckAt(part(request({ posted: [overdue.key] })), CLOSED)).toBeUndefined();
  });

  it('indexes the earliest pending reminder across requests', () => {
    const a = request({ id: 'aaaaaaaa' });
    const posted14 = dueRetentionReminder(request({ id: 'bbbbbbbb' }), CLOSED, at(76))!.key;
    const b = request({ id: 'bbbbbbbb', posted: [posted14] });
    expect(nextRetentionCheckAt(part(b), CLOSED)).toBe(at(89).toISOString());
    expect(nextRetentionCheckAt(part(a, b), CLOSED)).toBe(at(76).toISOString());
    expect(nextRetentionCheckAt(part(a), null)).toBeUndefined();
    expect(nextRetentionCheckAt(undefined, CLOSED)).toBeUndefined();
  });
});

describe('the shared-data summary', () => {
  it('is null until something is delivered, and counts deletions and overdue deadlines', () => {
    expect(sharedDataSummary(part(request({ state: 'accepted' })), CLOSED, at(1))).toBeNull();
    expect(sharedDataSummary(part(request(), request({ id: 'bbbbbbbb', state: 'deleted' })), CLOSED, at(90, -1))).toEqual({ delivered: 2, deleted: 1, nextDeleteBy: at(90).toISOString(), overdue: false });
    expect(sharedDataSummary(part(request()), CLOSED, at(90))?.overdue).toBe(true);
    expect(sharedDataSummary(part(request()), null, at(200))).toEqual({ delivered: 1, deleted: 0, nextDeleteBy: null, overdue: false });
  });
});
