import { describe, expect, it } from 'vitest';
import { upgradeIncidentDoc } from '../../src/app/incident-upgrade';
import { EMPTY_REPORT } from '../../src/domain/report';
import { dueReminders } from '../../src/domain/outreach';
import { dueRetentionReminder, closedAtOf } from '../../src/domain/log-retention';

describe('reading an incident of an older or partial shape', () => {
  it('gives every part its default and keeps what is stored', () => {
    const doc = upgradeIncidentDoc({ report: { summary: { whatHappened: 'Kept' }, futureField: 1 }, somethingNew: true }, 'SEC-9');
    expect(doc.issueKey).toBe('SEC-9');
    expect(doc.report.summary).toEqual({ ...EMPTY_REPORT.summary, whatHappened: 'Kept' });
    expect(doc.report.attachments).toEqual([]);
    expect(doc.report.contacts).toEqual(EMPTY_REPORT.contacts);
    expect((doc.report as unknown as { futureField: number }).futureField).toBe(1);
    expect((doc as unknown as { somethingNew: boolean }).somethingNew).toBe(true);
    expect(doc).toMatchObject({ outreaches: [], phases: [], mitigations: [], triage: null, customerNotification: null, attachmentNames: {}, indicatorCount: 0 });
    expect(doc.logSharing).toBeUndefined();
  });

  it('reads anything at all without throwing', () => {
    for (const raw of [null, 7, 'text', [], { report: 'x', outreaches: {}, phases: [1, null], logSharing: 3 }]) {
      expect(() => upgradeIncidentDoc(raw, 'SEC-1')).not.toThrow();
    }
  });

  it('schedules an outreach written without claims, and drops one that cannot be scheduled', () => {
    const doc = upgradeIncidentDoc({ outreaches: [{ id: 'a', at: '2026-11-23T09:00:00.000Z', ack: null, posted: ['a:50'] }, { id: 'b', at: 'not a date' }, { at: '2026-11-23T09:00:00.000Z' }] }, 'SEC-1');
    expect(doc.outreaches).toHaveLength(1);
    expect(doc.outreaches[0]).toMatchObject({ id: 'a', posted: ['a:50'], claims: {} });
    const due = dueReminders(doc.outreaches, { calendar: '24x7', timeZone: 'UTC', thresholds: [50, 75] }, new Date('2026-11-23T16:00:00.000Z'));
    expect(due.map((r) => r.key)).toEqual(['a:75']);
  });

  it('reads a log request without its bookkeeping as having no legal hold and nothing posted', () => {
    const doc = upgradeIncidentDoc({ phases: [{ phase: 'closed', at: '2026-08-01T00:00:00.000Z', by: 'ir' }], logSharing: { requests: [{ id: 'r1', state: 'delivered' }] } }, 'SEC-1');
    const r = doc.logSharing!.requests[0]!;
    expect(r).toMatchObject({ posted: [], claims: {}, history: [], internalNotes: [], legalHold: null, deletion: null });
    expect(dueRetentionReminder(r, closedAtOf(doc.phases), new Date('2026-11-23T00:00:00.000Z'))?.stage).toBe('overdue');
  });
});
