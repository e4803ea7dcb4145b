import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  CustomerNotificationSchema,
  MAX_MITIGATIONS,
  MITIGATION_KINDS,
  MITIGATION_KIND_LABELS,
  MITIGATION_STATUSES,
  MITIGATION_STATUS_LABELS,
  MitigationListSchema,
  MitigationSchema,
  RCA_STATUSES,
  RCA_STATUS_LABELS,
  RESPONSIBILITY_KEYS,
  RootCauseSchema,
  isMitigationOverdue,
  responsibilities,
} from '../../../src/domain/responsibilities';
import type {
  CustomerNotification,
  Mitigation,
  ResponsibilitiesInput,
  Responsibility,
  ResponsibilityKey,
  RootCause,
} from '../../../src/domain/responsibilities';

// ---------------------------------------------------------------------------------------------
// Helpers

const TODAY = '2026-03-10';

function step(over: Partial<Mitigation> = {}): Mitigation {
  return {
    id: 'step-1',
    kind: 'credential-rotation',
    description: 'Rotate the OAuth client secret',
    owner: 'Dana (security lead)',
    dueOn: TODAY,
    status: 'planned',
    ...over,
  };
}

/** Everything not applicable or open, so each test changes only what it looks at. */
function input(over: Partial<ResponsibilitiesInput> = {}): ResponsibilitiesInput {
  return {
    today: TODAY,
    contacts: { state: 'current' },
    acknowledgment: null,
    mitigations: [],
    customerNotification: null,
    sharedData: null,
    rootCause: { status: 'not-started', reference: '' },
    ...over,
  };
}

function item(over: Partial<ResponsibilitiesInput>, key: ResponsibilityKey): Responsibility {
  const found = responsibilities(input(over)).items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}

/** [dot path, message] of every issue; empty when the value is valid. */
function issues(schema: v.GenericSchema, value: unknown): [string | null, string][] {
  const r = v.safeParse(schema, value);
  return r.success ? [] : r.issues.map((i) => [v.getDotPath(i), i.message]);
}

function parse<T extends v.GenericSchema>(schema: T, value: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, value);
  if (!r.success) throw new Error(JSON.stringify(r.issues.map((i) => [v.getDotPath(i), i.message])));
  return r.output;
}

// ---------------------------------------------------------------------------------------------
// The checklist

describe('responsibilities: order and labels', () => {
  it("lists the six responsibilities in the program's order, each with a label and one sentence", () => {
    const { items } = responsibilities(input());
    expect(items.map((i) => i.key)).toEqual([
      'contacts-current',
      'outreach-acknowledged',
      'mitigations-executed',
      'customers-notified',
      'shared-data-handled',
      'root-cause-analysis',
    ]);
    expect(RESPONSIBILITY_KEYS).toEqual(items.map((i) => i.key));
    expect(items.map((i) => i.label)).toEqual([
      'Keep incident contacts current',
      "Acknowledge Atlassian's outreach",
      'Execute the agreed mitigations',
      'Notify your customers',
      'Handle shared data responsibly',
      'Provide a root cause analysis',
    ]);
    for (const i of items) expect(i.detail).toMatch(/^[A-Z0-9][^\n]*\.$/);
  });

  it('has a label for every kind and status', () => {
    expect(Object.keys(MITIGATION_KIND_LABELS)).toEqual([...MITIGATION_KINDS]);
    expect(Object.keys(MITIGATION_STATUS_LABELS)).toEqual([...MITIGATION_STATUSES]);
    expect(Object.keys(RCA_STATUS_LABELS)).toEqual([...RCA_STATUSES]);
  });

  it('refuses a today that is not a calendar day', () => {
    expect(() => responsibilities(input({ today: '2026-02-30' }))).toThrow(RangeError);
    expect(() => responsibilities(input({ today: '2026-03-10T00:00:00Z' }))).toThrow(RangeError);
  });
});

describe('contacts current', () => {
  it('is done when both contacts are present and reviewed recently', () => {
    expect(item({ contacts: { state: 'current' } }, 'contacts-current')).toMatchObject({ status: 'done', dueAt: null });
  });

  it.each([
    ['not-set', /add a primary and a secondary/i],
    ['incomplete', /complete the primary and secondary/i],
    ['review-due', /review the incident contacts/i],
  ] as const)('is open when %s, pointing at the settings page', (state, text) => {
    const i = item({ contacts: { state } }, 'contacts-current');
    expect(i.status).toBe('open');
    expect(i.dueAt).toBeNull();
    expect(i.detail).toMatch(text);
    expect(i.detail).toMatch(/settings page/);
  });
});

describe('outreach acknowledged', () => {
  const dueAt = '2026-03-10T17:00:00.000Z';

  it('is not applicable before any outreach', () => {
    expect(item({ acknowledgment: null }, 'outreach-acknowledged')).toMatchObject({ status: 'not-applicable', dueAt: null });
  });

  it('is open while the clock runs, due at the deadline', () => {
    const i = item({ acknowledgment: { state: 'running', dueAt } }, 'outreach-acknowledged');
    expect(i).toMatchObject({ status: 'open', dueAt });
    expect(i.detail).toContain('2026-03-10 17:00 UTC');
  });

  it('is overdue once breached, and says Atlassian may contain on its own', () => {
    const i = item({ acknowledgment: { state: 'breached', dueAt } }, 'outreach-acknowledged');
    expect(i).toMatchObject({ status: 'overdue', dueAt });
    expect(i.detail).toMatch(/disabling the app/);
  });

  it('is done when acknowledged in time', () => {
    const i = item({ acknowledgment: { state: 'acknowledged', dueAt } }, 'outreach-acknowledged');
    expect(i).toMatchObject({ status: 'done', dueAt: null });
    expect(i.detail).not.toMatch(/after/);
  });

  it('is done when acknowledged late, and the detail says it was late', () => {
    const i = item({ acknowledgment: { state: 'acknowledged-late', dueAt } }, 'outreach-acknowledged');
    expect(i).toMatchObject({ status: 'done', dueAt: null });
    expect(i.detail).toMatch(/after the deadline of 2026-03-10 17:00 UTC/);
  });

  it('normalises a deadline given with an offset to UTC', () => {
    const i = item({ acknowledgment: { state: 'running', dueAt: '2026-03-10T18:30:00+01:00' } }, 'outreach-acknowledged');
    expect(i.dueAt).toBe('2026-03-10T17:30:00.000Z');
  });

  it('refuses a deadline that is neither an instant nor a day', () => {
    expect(() => responsibilities(input({ acknowledgment: { state: 'running', dueAt: 'tomorrow' } }))).toThrow(RangeError);
  });
});

describe('mitigations executed', () => {
  it('is not applicable when nothing has been agreed', () => {
    expect(item({ mitigations: [] }, 'mitigations-executed')).toMatchObject({ status: 'not-applicable', dueAt: null });
  });

  it('is open, not overdue, when a step is due today', () => {
    const i = item({ mitigations: [step({ dueOn: TODAY, status: 'in-progress' })] }, 'mitigations-executed');
    expect(i).toMatchObject({ status: 'open', dueAt: TODAY });
    expect(i.detail).toBe('1 of 1 agreed step is still to do; the next is due on 2026-03-10.');
  });

  it('is overdue when an owed step was due yesterday', () => {
    const i = item({ mitigations: [step({ dueOn: '2026-03-09', status: 'planned' })] }, 'mitigations-executed');
    expect(i).toMatchObject({ status: 'overdue', dueAt: '2026-03-09' });
    expect(i.detail).toBe('One agreed step is past due: it was due on 2026-03-09.');
  });

  it('counts the late steps and names the earliest due day', () => {
    const i = item(
      {
        mitigations: [
          step({ id: 'a', dueOn: '2026-03-08' }),
          step({ id: 'b', dueOn: '2026-03-01', status: 'done' }),
          step({ id: 'c', dueOn: '2026-03-05', status: 'in-progress' }),
          step({ id: 'd', dueOn: '2026-04-01' }),
        ],
      },
      'mitigations-executed',
    );
    expect(i).toMatchObject({ status: 'overdue', dueAt: '2026-03-05' });
    expect(i.detail).toBe('2 agreed steps are past due: the earliest was due on 2026-03-05.');
  });

  it('ignores finished steps, whatever their due day, and is due at the earliest owed step', () => {
    const i = item(
      {
        mitigations: [
          step({ id: 'a', dueOn: '2026-01-01', status: 'done' }),
          step({ id: 'b', dueOn: '2026-01-02', status: 'not-needed' }),
          step({ id: 'c', dueOn: '2026-03-20' }),
          step({ id: 'd', dueOn: '2026-03-11' }),
        ],
      },
      'mitigations-executed',
    );
    expect(i).toMatchObject({ status: 'open', dueAt: '2026-03-11' });
    expect(i.detail).toBe('2 of 4 agreed steps are still to do; the next is due on 2026-03-11.');
  });

  it('is done when every step is done or not needed, even past their due days', () => {
    const i = item(
      { mitigations: [step({ id: 'a', dueOn: '2026-01-01', status: 'done' }), step({ id: 'b', dueOn: '2026-01-01', status: 'not-needed' })] },
      'mitigations-executed',
    );
    expect(i).toMatchObject({ status: 'done', dueAt: null, detail: 'All 2 agreed steps are done or not needed.' });
    expect(item({ mitigations: [step({ status: 'done' })] }, 'mitigations-executed').detail).toBe('The agreed step is done or not needed.');
  });

  it('isMitigationOverdue: owed and due before today, to the day', () => {
    expect(isMitigationOverdue(step({ dueOn: '2026-03-09' }), TODAY)).toBe(true);
    expect(isMitigationOverdue(step({ dueOn: '2026-03-10' }), TODAY)).toBe(false);
    expect(isMitigationOverdue(step({ dueOn: '2026-03-09', status: 'in-progress' }), TODAY)).toBe(true);
    expect(isMitigationOverdue(step({ dueOn: '2026-03-09', status: 'done' }), TODAY)).toBe(false);
    expect(isMitigationOverdue(step({ dueOn: '2026-03-09', status: 'not-needed' }), TODAY)).toBe(false);
    // Across a year boundary the text order is still the day order.
    expect(isMitigationOverdue(step({ dueOn: '2025-12-31' }), '2026-01-01')).toBe(true);
  });
});

describe('customers notified', () => {
  it('is open until a notification is recorded, with no deadline of its own', () => {
    const i = item({ customerNotification: null }, 'customers-notified');
    expect(i).toMatchObject({ status: 'open', dueAt: null });
    expect(i.detail).toMatch(/legal obligations/);
  });

  it('is done once recorded, saying when, how many and how', () => {
    const customerNotification: CustomerNotification = { notifiedAt: '2026-03-09T08:15:00.000Z', customerCount: 1234, method: 'email and status page' };
    const i = item({ customerNotification }, 'customers-notified');
    expect(i).toMatchObject({ status: 'done', dueAt: null });
    expect(i.detail).toBe('1,234 customers notified on 2026-03-09 08:15 UTC by email and status page.');
    expect(item({ customerNotification: { ...customerNotification, customerCount: 1 } }, 'customers-notified').detail).toMatch(/^1 customer notified/);
  });
});

describe('shared data handled', () => {
  const deleteBy = '2026-06-08T12:00:00.000Z';

  it('is not applicable when nothing was shared', () => {
    expect(item({ sharedData: null }, 'shared-data-handled').status).toBe('not-applicable');
    expect(item({ sharedData: { delivered: 0, deleted: 0, nextDeleteBy: null, overdue: false } }, 'shared-data-handled').status).toBe(
      'not-applicable',
    );
  });

  it('is open while delivered logs are kept, due at the next deletion deadline', () => {
    const i = item({ sharedData: { delivered: 3, deleted: 1, nextDeleteBy: deleteBy, overdue: false } }, 'shared-data-handled');
    expect(i).toMatchObject({ status: 'open', dueAt: deleteBy });
    expect(i.detail).toBe('Handle 2 sets of shared logs as RESTRICTED data, and delete them by 2026-06-08 12:00 UTC.');
  });

  it('is open with no deadline while the incident is open or under legal hold', () => {
    const i = item({ sharedData: { delivered: 1, deleted: 0, nextDeleteBy: null, overdue: false } }, 'shared-data-handled');
    expect(i).toMatchObject({ status: 'open', dueAt: null });
    expect(i.detail).toMatch(/within 90 days of the incident's closure unless a legal hold applies/);
  });

  it('is overdue when a deletion deadline has passed', () => {
    const i = item({ sharedData: { delivered: 2, deleted: 1, nextDeleteBy: deleteBy, overdue: true } }, 'shared-data-handled');
    expect(i).toMatchObject({ status: 'overdue', dueAt: deleteBy });
    expect(i.detail).toMatch(/^Delete 1 set of shared logs and attest the deletion now/);
  });

  it('is done once every delivery is attested deleted, even if a stale overdue flag remains', () => {
    expect(item({ sharedData: { delivered: 2, deleted: 2, nextDeleteBy: null, overdue: false } }, 'shared-data-handled')).toMatchObject({
      status: 'done',
      dueAt: null,
      detail: 'The deletion of all 2 sets of shared logs has been attested.',
    });
    expect(item({ sharedData: { delivered: 1, deleted: 1, nextDeleteBy: deleteBy, overdue: true } }, 'shared-data-handled').status).toBe('done');
  });
});

describe('root cause analysis', () => {
  it.each([
    ['not-started', 'open'],
    ['in-progress', 'open'],
    ['provided', 'done'],
  ] as const)('%s → %s', (status, expected) => {
    const rootCause: RootCause = { status, reference: status === 'provided' ? 'https://example.com/rca' : '' };
    const i = item({ rootCause }, 'root-cause-analysis');
    expect(i).toMatchObject({ status: expected, dueAt: null });
  });

  it('names the reference once provided', () => {
    expect(item({ rootCause: { status: 'provided', reference: 'RCA-42' } }, 'root-cause-analysis').detail).toContain('RCA-42');
  });
});

describe('progress', () => {
  it('counts done and applicable items', () => {
    const r = responsibilities(input());
    // contacts done; outreach, mitigations and shared data not applicable; customers and RCA open.
    expect(r).toMatchObject({ done: 1, applicable: 3, nextDue: null });
  });

  it('counts six of six when everything is done', () => {
    const r = responsibilities(
      input({
        acknowledgment: { state: 'acknowledged-late', dueAt: '2026-03-01T00:00:00.000Z' },
        mitigations: [step({ status: 'done' })],
        customerNotification: { notifiedAt: '2026-03-02T00:00:00.000Z', customerCount: 0, method: 'email' },
        sharedData: { delivered: 1, deleted: 1, nextDeleteBy: null, overdue: false },
        rootCause: { status: 'provided', reference: 'RCA-1' },
      }),
    );
    expect(r).toMatchObject({ done: 6, applicable: 6, nextDue: null });
  });

  it('puts the earliest outstanding deadline, overdue ones included, in nextDue', () => {
    const r = responsibilities(
      input({
        acknowledgment: { state: 'breached', dueAt: '2026-03-09T23:00:00.000Z' },
        mitigations: [step({ dueOn: '2026-03-12' })],
        sharedData: { delivered: 1, deleted: 0, nextDeleteBy: '2026-03-11T00:00:00.000Z', overdue: false },
      }),
    );
    expect(r.nextDue).toBe('2026-03-09T23:00:00.000Z');
  });

  it('ranks a day before any instant on the same date', () => {
    const r = responsibilities(
      input({
        acknowledgment: { state: 'running', dueAt: '2026-03-12T00:00:00.000Z' },
        mitigations: [step({ dueOn: '2026-03-12' })],
      }),
    );
    expect(r.nextDue).toBe('2026-03-12');
  });

  it('leaves deadlines of done items out of nextDue', () => {
    const r = responsibilities(input({ acknowledgment: { state: 'acknowledged', dueAt: '2026-03-01T00:00:00.000Z' }, mitigations: [step({ dueOn: '2026-03-30' })] }));
    expect(r.nextDue).toBe('2026-03-30');
  });
});

// ---------------------------------------------------------------------------------------------
// Validation

describe('MitigationSchema', () => {
  const valid = { id: 'step-1', kind: 'patching', description: '  Patch the webhook handler  ', owner: ' Dana ', dueOn: '2026-03-15', status: 'planned' };

  it('accepts a complete step and trims its text', () => {
    expect(parse(MitigationSchema, valid)).toEqual({ ...valid, description: 'Patch the webhook handler', owner: 'Dana' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('rejects a %s owner with "Enter who owns this step" at path owner', (_, owner) => {
    expect(issues(MitigationSchema, { ...valid, owner })).toEqual([['owner', 'Enter who owns this step']]);
  });

  it('limits the owner to one line of 200 characters', () => {
    expect(issues(MitigationSchema, { ...valid, owner: 'x'.repeat(200) })).toEqual([]);
    expect(issues(MitigationSchema, { ...valid, owner: 'x'.repeat(201) })).toEqual([['owner', 'Use at most 200 characters']]);
    expect(issues(MitigationSchema, { ...valid, owner: 'a\nb' })).toEqual([['owner', 'Use a single line']]);
  });

  it('requires a description of at most 1000 characters, several lines allowed', () => {
    expect(issues(MitigationSchema, { ...valid, description: '' })).toEqual([['description', 'Describe the step']]);
    expect(issues(MitigationSchema, { ...valid, description: undefined })).toEqual([['description', 'Describe the step']]);
    expect(issues(MitigationSchema, { ...valid, description: 'line one\nline two' })).toEqual([]);
    expect(issues(MitigationSchema, { ...valid, description: 'x'.repeat(1000) })).toEqual([]);
    expect(issues(MitigationSchema, { ...valid, description: 'x'.repeat(1001) })).toEqual([['description', 'Use at most 1000 characters']]);
  });

  it('rejects a due date that is not on the calendar', () => {
    expect(issues(MitigationSchema, { ...valid, dueOn: '2026-02-30' })).toEqual([['dueOn', 'Enter a date that exists on the calendar']]);
    expect(issues(MitigationSchema, { ...valid, dueOn: '2025-02-29' })).toEqual([['dueOn', 'Enter a date that exists on the calendar']]);
    expect(issues(MitigationSchema, { ...valid, dueOn: '2028-02-29' })).toEqual([]);
  });

  it('asks for YYYY-MM-DD, and for a due date when there is none', () => {
    expect(issues(MitigationSchema, { ...valid, dueOn: '2026-3-5' })).toEqual([['dueOn', 'Use the format YYYY-MM-DD, for example 2026-03-15']]);
    expect(issues(MitigationSchema, { ...valid, dueOn: '2026-03-15T00:00:00Z' })).toEqual([
      ['dueOn', 'Use the format YYYY-MM-DD, for example 2026-03-15'],
    ]);
    expect(issues(MitigationSchema, { ...valid, dueOn: '' })).toEqual([['dueOn', 'Enter the date this step is due']]);
    expect(issues(MitigationSchema, { ...valid, dueOn: undefined })).toEqual([['dueOn', 'Enter the date this step is due']]);
  });

  it('checks the id: 1 to 64 letters, digits or hyphens', () => {
    const message = 'Use 1 to 64 letters, digits or hyphens for the step ID';
    expect(issues(MitigationSchema, { ...valid, id: 'A'.repeat(64) })).toEqual([]);
    expect(issues(MitigationSchema, { ...valid, id: 'A'.repeat(65) })).toEqual([['id', message]]);
    expect(issues(MitigationSchema, { ...valid, id: '' })).toEqual([['id', message]]);
    expect(issues(MitigationSchema, { ...valid, id: 'step_1' })).toEqual([['id', message]]);
  });

  it('checks kind and status against their lists', () => {
    expect(issues(MitigationSchema, { ...valid, kind: 'reboot' })).toEqual([['kind', 'Choose the kind of step']]);
    expect(issues(MitigationSchema, { ...valid, status: 'finished' })).toEqual([['status', 'Choose the status of this step']]);
  });

  it('rejects unknown fields, at their path', () => {
    const found = issues(MitigationSchema, { ...valid, secret: 'x' });
    expect(found.map(([path]) => path)).toEqual(['secret']);
  });
});

describe('MitigationListSchema', () => {
  const s = (id: string) => ({ id, kind: 'other', description: 'd', owner: 'o', dueOn: '2026-03-15', status: 'planned' });

  it(`accepts up to ${MAX_MITIGATIONS} steps and refuses more`, () => {
    const list = Array.from({ length: MAX_MITIGATIONS + 1 }, (_, i) => s(`s${i}`));
    expect(issues(MitigationListSchema, list.slice(0, MAX_MITIGATIONS))).toEqual([]);
    expect(issues(MitigationListSchema, list)).toEqual([[null, `Record at most ${MAX_MITIGATIONS} steps`]]);
  });

  it('reports a repeated id on the repeating row', () => {
    expect(issues(MitigationListSchema, [s('a'), s('b'), s('a')])).toEqual([['2.id', 'Another step already uses this ID']]);
  });

  it("reports a step's field at its row", () => {
    expect(issues(MitigationListSchema, [s('a'), { ...s('b'), owner: '' }])).toEqual([['1.owner', 'Enter who owns this step']]);
  });
});

describe('CustomerNotificationSchema', () => {
  const valid = { notifiedAt: '2026-03-09T08:15:00Z', customerCount: 12, method: 'Email to admins' };

  it.each([
    ['2026-03-09T08:15:00Z', '2026-03-09T08:15:00.000Z'],
    ['2026-03-09T08:15Z', '2026-03-09T08:15:00.000Z'],
    ['2026-03-09T10:15:00+02:00', '2026-03-09T08:15:00.000Z'],
    ['2026-03-09T00:15:00-08:00', '2026-03-09T08:15:00.000Z'],
    ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00.000Z'],
    ['2026-03-09T08:15:00.5Z', '2026-03-09T08:15:00.500Z'],
    ['2026-03-09T08:15:00.123456Z', '2026-03-09T08:15:00.123Z'],
    [' 2026-03-09T08:15:00Z ', '2026-03-09T08:15:00.000Z'],
  ])('normalises %s to %s', (notifiedAt, expected) => {
    expect(parse(CustomerNotificationSchema, { ...valid, notifiedAt }).notifiedAt).toBe(expected);
  });

  it.each(['2026-03-09T08:15:00', '2026-03-09', '2026-02-30T08:15:00Z', '2026-03-09T24:00:00Z', '2026-03-09 08:15:00Z', 'yesterday'])(
    'rejects %s at notifiedAt',
    (notifiedAt) => {
      expect(issues(CustomerNotificationSchema, { ...valid, notifiedAt })).toEqual([
        ['notifiedAt', 'Enter a date and time with its time zone offset, for example 2026-03-15T14:30:00Z'],
      ]);
    },
  );

  it('asks when, when there is no time', () => {
    expect(issues(CustomerNotificationSchema, { ...valid, notifiedAt: '' })).toEqual([['notifiedAt', 'Enter when the customers were notified']]);
  });

  it('bounds the customer count to whole numbers from 0 to 100,000,000', () => {
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: 0 })).toEqual([]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: 100_000_000 })).toEqual([]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: -1 })).toEqual([['customerCount', 'The number of customers cannot be negative']]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: 100_000_001 })).toEqual([
      ['customerCount', 'Enter at most 100,000,000 customers'],
    ]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: 1.5 })).toEqual([['customerCount', 'Enter a whole number of customers']]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: Number.NaN })).toEqual([
      ['customerCount', 'Enter how many customers were notified'],
    ]);
    expect(issues(CustomerNotificationSchema, { ...valid, customerCount: '12' })).toEqual([['customerCount', 'Enter how many customers were notified']]);
  });

  it('requires the method, at most 500 characters', () => {
    const message = 'Enter how the customers were notified, for example email or status page';
    expect(issues(CustomerNotificationSchema, { ...valid, method: ' ' })).toEqual([['method', message]]);
    expect(issues(CustomerNotificationSchema, { ...valid, method: undefined })).toEqual([['method', message]]);
    expect(issues(CustomerNotificationSchema, { ...valid, method: 'x'.repeat(500) })).toEqual([]);
    expect(issues(CustomerNotificationSchema, { ...valid, method: 'x'.repeat(501) })).toEqual([['method', 'Use at most 500 characters']]);
  });
});

describe('RootCauseSchema', () => {
  const needsReference = 'Enter where the root cause analysis can be found, for example a link or document name';

  it('requires a reference when the analysis is provided, at path reference', () => {
    expect(issues(RootCauseSchema, { status: 'provided' })).toEqual([['reference', needsReference]]);
    expect(issues(RootCauseSchema, { status: 'provided', reference: '   ' })).toEqual([['reference', needsReference]]);
    expect(parse(RootCauseSchema, { status: 'provided', reference: ' https://example.com/rca ' })).toEqual({
      status: 'provided',
      reference: 'https://example.com/rca',
    });
  });

  it('does not require a reference before then', () => {
    expect(parse(RootCauseSchema, { status: 'not-started' })).toEqual({ status: 'not-started', reference: '' });
    expect(issues(RootCauseSchema, { status: 'in-progress', reference: '' })).toEqual([]);
  });

  it('limits the reference to 500 characters and checks the status', () => {
    expect(issues(RootCauseSchema, { status: 'provided', reference: 'x'.repeat(500) })).toEqual([]);
    expect(issues(RootCauseSchema, { status: 'provided', reference: 'x'.repeat(501) })).toEqual([['reference', 'Use at most 500 characters']]);
    expect(issues(RootCauseSchema, { status: 'done', reference: 'x' })).toEqual([['status', 'Choose the status of the root cause analysis']]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property

const dayArb = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instantArb = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const mitigationArb: fc.Arbitrary<Mitigation> = fc.record({
  id: fc.stringMatching(/^[a-z0-9-]{1,8}$/),
  kind: fc.constantFrom(...MITIGATION_KINDS),
  description: fc.constant('Step'),
  owner: fc.constant('Owner'),
  dueOn: dayArb,
  status: fc.constantFrom(...MITIGATION_STATUSES),
});

const inputArb: fc.Arbitrary<ResponsibilitiesInput> = fc.record({
  today: dayArb,
  contacts: fc.record({ state: fc.constantFrom('not-set' as const, 'current' as const, 'review-due' as const, 'incomplete' as const) }),
  acknowledgment: fc.option(
    fc.record({ state: fc.constantFrom('running' as const, 'acknowledged' as const, 'acknowledged-late' as const, 'breached' as const), dueAt: instantArb }),
  ),
  mitigations: fc.array(mitigationArb, { maxLength: 6 }),
  customerNotification: fc.option(
    fc.record({ notifiedAt: instantArb, customerCount: fc.integer({ min: 0, max: 100_000_000 }), method: fc.constant('email') }),
  ),
  sharedData: fc.option(
    fc
      .record({ delivered: fc.nat(5), deleted: fc.nat(5), nextDeleteBy: fc.option(instantArb), overdue: fc.boolean() })
      .map((s) => ({ ...s, deleted: Math.min(s.deleted, s.delivered) })),
  ),
  rootCause: fc
    .constantFrom(...RCA_STATUSES)
    .map((status): RootCause => ({ status, reference: status === 'provided' ? 'RCA' : '' })),
});

describe('responsibilities: properties', () => {
  it('done ≤ applicable ≤ 6, and nextDue is the earliest dueAt among items not done', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = responsibilities(inp);
        expect(r.items.map((i) => i.key)).toEqual([...RESPONSIBILITY_KEYS]);
        expect(r.done).toBeLessThanOrEqual(r.applicable);
        expect(r.applicable).toBeLessThanOrEqual(6);
        expect(r.done).toBe(r.items.filter((i) => i.status === 'done').length);
        expect(r.applicable).toBe(r.items.filter((i) => i.status !== 'not-applicable').length);

        for (const i of r.items) if (i.status === 'done' || i.status === 'not-applicable') expect(i.dueAt).toBeNull();
        const dues = r.items.filter((i) => i.status !== 'done' && i.dueAt !== null).map((i) => i.dueAt as string);
        dues.sort();
        expect(r.nextDue).toBe(dues[0] ?? null);

        // Mitigations are overdue exactly when an owed step's day is before today.
        const mitigations = r.items[2];
        const late = inp.mitigations.some((m) => (m.status === 'planned' || m.status === 'in-progress') && m.dueOn < inp.today);
        if (inp.mitigations.length > 0) expect(mitigations?.status === 'overdue').toBe(late);
      }),
    );
  });
});
