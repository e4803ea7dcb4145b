import { describe, expect, it } from 'vitest';
import { dueReminders, nextCheckAt, reminderText, type ClockConfig, type Outreach } from '../../../src/domain/outreach';
import { outstandingAtClose, deleteByDatesOnClose } from '../../../src/domain/closure';

const C: ClockConfig = { calendar: '24x7', timeZone: 'UTC', thresholds: [50, 75] };
const o = (posted: string[] = []): Outreach => ({ id: 'o1', at: '2026-11-24T09:00:00.000Z', channel: 'email', message: 'Please acknowledge', by: 'ir', ack: null, posted, claims: {} });
const at = (h: number) => new Date(Date.parse('2026-11-24T09:00:00.000Z') + h * 3_600_000);

describe('reminders people notice (mentions: see the reminder recipients tests)', () => {
  it('posts one reminder for a catch-up: the latest reached, not 50% and 75% in the same second', () => {
    expect(dueReminders([o()], C, at(6.5)).map((r) => r.percent)).toEqual([75]);
    // Once 75% is posted, 50% is superseded: the next look is the deadline.
    expect(dueReminders([o(['o1:75'])], C, at(6.5))).toEqual([]);
    expect(nextCheckAt([o(['o1:75'])], C)).toBe(at(8).toISOString());
    // On time, each threshold in turn.
    expect(dueReminders([o()], C, at(4.1)).map((r) => r.percent)).toEqual([50]);
    expect(dueReminders([o(['o1:50'])], C, at(6.1)).map((r) => r.percent)).toEqual([75]);
    expect(dueReminders([o(['o1:50', 'o1:75'])], C, at(9)).map((r) => r.percent)).toEqual(['deadline']);
  });

  it("gives times in the contacts' zone and in UTC, and names who it is for", () => {
    const [r] = dueReminders([o()], C, at(4.1));
    const text = reminderText(r!, o(), at(8), [
      { name: 'Priya', email: 'priya@acme.example', timeZone: 'America/New_York' },
      { name: 'Sam', email: 'sam@acme.example' },
    ]);
    expect(text).toContain('Sam (sam@acme.example)');
    expect(text).toContain('ends at 2026-11-24 12:00 America/New_York (2026-11-24 17:00 UTC)');
    expect(text).toMatch(/50% of the 8-hour acknowledgment window has passed/);
    // Without a known zone, UTC alone.
    expect(reminderText(r!, o(), at(8), [{ name: 'Sam', email: 'sam@acme.example' }])).toContain('ends at 2026-11-24 17:00 UTC.');
  });

  it('says when nobody is recorded to remind', () => {
    const [r] = dueReminders([o()], C, at(9));
    expect(reminderText(r!, o(), at(8), [])).toMatch(/window .* ended at .* without an acknowledgment.*No incident contacts are recorded/s);
  });
});

describe('what closing leaves open', () => {
  const base = { outreaches: [{ id: 'o1', at: '', ack: null }], mitigations: [{ description: 'Rotate keys', status: 'in-progress' }, { description: 'Patch', status: 'done' }], rootCause: { status: 'in-progress' }, customerNotification: null };
  it('lists unacknowledged outreach, open mitigations, RCA, customer notification and log requests not delivered or received', () => {
    const items = outstandingAtClose({
      ...base,
      logRequests: [
        { id: 'a', categoryLabel: 'Runtime logs', state: 'legal-requested', legalHold: null },
        { id: 'b', categoryLabel: 'Webhook logs', state: 'delivered', legalHold: null },
        { id: 'c', categoryLabel: 'Old logs', state: 'deleted', legalHold: null },
      ],
    }).map((i) => i.text);
    expect(items).toEqual([
      '1 outreach is not acknowledged by the partner',
      'Mitigation still open: Rotate keys',
      'The root cause analysis has not been provided',
      'No customer notification is recorded',
      'Log request not yet delivered: Runtime logs',
      'Log request not yet received by the partner: Webhook logs',
    ]);
  });
  it('gives logs with the partner a delete-by date 90 days after closing, none under a legal hold', () => {
    const dates = deleteByDatesOnClose({ logRequests: [{ id: 'b', categoryLabel: 'W', state: 'received', legalHold: null }, { id: 'h', categoryLabel: 'H', state: 'delivered', legalHold: { since: 'x' } }, { id: 'p', categoryLabel: 'P', state: 'proposed', legalHold: null }] }, new Date('2026-12-01T00:00:00Z'));
    expect(dates.map((d) => [d.id, d.deleteBy?.toISOString() ?? null])).toEqual([['b', '2027-03-01T00:00:00.000Z'], ['h', null]]);
  });
});
