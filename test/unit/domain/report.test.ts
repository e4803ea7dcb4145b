import { TLP_LEVELS } from '../../../src/domain/tlp';
import { indicatorsToCsv } from '../../../src/domain/indicator-csv';
import { restoreCsvCell } from '../../../src/domain/csv-cell';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { readCsv } from '../../../src/domain/csv';
import {
  ATLASSIAN_PRODUCTS, DATA_EXPOSURE_TYPES, DISTRIBUTIONS, EMPTY_REPORT, ENVIRONMENTS, IndicatorEditSchema,
  IR_INTERNAL_REPORT_FIELDS, LONG_TEXT_MAX, MAX_ATTACHMENTS, PartnerReportSchema, ReportSchema, SECTION_LABELS,
  StoredIndicatorSchema, mergePartnerEdit, missingReportFields, reportChanges, reportForAtlassian,
  toIsoInstant, toPartnerReport, upgradeReport,
} from '../../../src/domain/report';
import type { PartnerReport, Report, StoredIndicator } from '../../../src/domain/report';

const UUID = '0b5c3f8e-2d4a-4e61-9c7b-1f2e3d4c5b6a';

/** The issues of a failed parse as { path: message }, so a test names the field it expects to fail. */
function issuesOf(input: unknown): Record<string, string> {
  const result = v.safeParse(ReportSchema, input);
  if (result.success) return {};
  return Object.fromEntries(result.issues.map((i) => [v.getDotPath(i) ?? '(no path)', i.message]));
}

const parse = (input: unknown): Report => v.parse(ReportSchema, input);

/** A complete, valid report input. */
const FULL = {
  summary: { whatHappened: 'Tokens leaked', actionsTaken: 'Rotated tokens', currentStatus: 'Contained' },
  app: { name: 'Acme Sync', appKey: 'com.acme.sync', appId: UUID, environment: 'production', distribution: 'public' },
  impact: { dataExposure: 'credentials-or-tokens', dataExposureDetail: '', affectedTenants: 12, products: ['jira', 'confluence'] },
  timeline: { firstObservedAt: '2026-11-20T14:05:00Z', detectedAt: '2026-11-20T15:00:00Z', containmentAt: '2026-11-20T16:30:00Z' },
  attachments: ['10001', '10002'],
  contacts: {
    primary: { name: 'Ada Lovelace', role: 'CISO', email: 'ada@acme.example', phone: '+14155550123' },
    secondary: { name: 'Alan Turing', role: 'SRE lead', email: 'alan@acme.example', phone: '+442071838750' },
  },
  irNotes: 'IR-ONLY-MARKER suspected insider',
} as const;

const indicator = (over: Partial<StoredIndicator>): StoredIndicator => ({
  id: 'i1', type: 'ipv4', value: '203.0.113.7', note: '', firstSeen: '', tlp: '', addedAt: '2026-11-20T16:00:00.000Z', addedBy: 'acc-1', ...over,
});

describe('ReportSchema: a partial report always saves', () => {
  it('parses {} (and absent sections) to the empty report', () => {
    expect(parse({})).toEqual(EMPTY_REPORT);
    expect(EMPTY_REPORT).toEqual({
      // No marking chosen yet means the program's default: TLP:AMBER.
      tlp: 'amber',
      summary: { whatHappened: '', actionsTaken: '', currentStatus: '' },
      app: { name: '', appKey: '', appId: '', environment: '', distribution: '' },
      impact: { dataExposure: '', dataExposureDetail: '', affectedTenants: null, products: [] },
      timeline: { firstObservedAt: '', detectedAt: '', containmentAt: '' },
      attachments: [],
      contacts: {
        primary: { name: '', role: '', email: '', phone: '' },
        secondary: { name: '', role: '', email: '', phone: '' },
      },
      irNotes: '',
    });
    expect(parse({ app: {}, contacts: { primary: {} } })).toEqual(EMPTY_REPORT);
    expect(parse({ app: { name: 'Only this' } }).app).toEqual({ ...EMPTY_REPORT.app, name: 'Only this' });
  });

  it('keeps EMPTY_REPORT from being changed through a shared reference', () => {
    expect(Object.isFrozen(EMPTY_REPORT.impact.products)).toBe(true);
    expect(() => (EMPTY_REPORT.attachments as string[]).push('1')).toThrow();
    const a = parse({});
    a.attachments.push('1');
    expect(parse({}).attachments).toEqual([]);
  });

  it('accepts a complete report', () => {
    expect(issuesOf(FULL)).toEqual({});
  });

  it('rejects unknown keys at every level, naming the field', () => {
    expect(issuesOf({ foo: 1 })).toEqual({ foo: 'Unknown field "foo"' });
    expect(issuesOf({ app: { framework: 'forge' } })).toEqual({ 'app.framework': 'Unknown field "framework"' });
    expect(issuesOf({ timeline: { closedAt: '' } })).toEqual({ 'timeline.closedAt': 'Unknown field "closedAt"' });
    expect(issuesOf({ contacts: { primary: { timeZone: 'UTC' } } })).toHaveProperty(['contacts.primary.timeZone']);
    expect(issuesOf({ contacts: { tertiary: {} } })).toHaveProperty(['contacts.tertiary']);
    expect(v.safeParse(ReportSchema, 'report').success).toBe(false);
    expect(v.safeParse(ReportSchema, null).success).toBe(false);
  });

  it('gives every issue a path', () => {
    const result = v.safeParse(ReportSchema, {
      summary: { whatHappened: 'x'.repeat(LONG_TEXT_MAX + 1) },
      app: { appId: 'nope', environment: 'prod', distribution: 'secret' },
      impact: { dataExposure: 'lots', affectedTenants: -1, products: ['jira', 'jira'] },
      timeline: { firstObservedAt: 'yesterday' },
      attachments: ['a'],
      contacts: { secondary: { phone: '555' } },
      irNotes: 7,
    });
    expect(result.success).toBe(false);
    expect(result.issues?.map((i) => v.getDotPath(i))).toEqual([
      'summary.whatHappened', 'app.appId', 'app.environment', 'app.distribution', 'impact.dataExposure',
      'impact.affectedTenants', 'impact.products', 'timeline.firstObservedAt', 'attachments.0',
      'contacts.secondary.phone', 'irNotes',
    ]);
  });
});

describe('long texts', () => {
  const paths = [
    ['summary', 'whatHappened'], ['summary', 'actionsTaken'], ['summary', 'currentStatus'],
    ['impact', 'dataExposureDetail'],
  ] as const;

  it.each(paths)('%s.%s takes exactly 10000 characters, not 10001', (sectionKey, field) => {
    expect(parse({ [sectionKey]: { [field]: 'x'.repeat(10_000) } })[sectionKey]).toHaveProperty(field, 'x'.repeat(10_000));
    expect(issuesOf({ [sectionKey]: { [field]: 'x'.repeat(10_001) } })).toEqual({ [`${sectionKey}.${field}`]: 'Use at most 10000 characters' });
  });

  it('applies the same limit to the IR notes', () => {
    expect(parse({ irNotes: 'n'.repeat(10_000) }).irNotes).toHaveLength(10_000);
    expect(issuesOf({ irNotes: 'n'.repeat(10_001) })).toEqual({ irNotes: 'Use at most 10000 characters' });
  });

  it('trims before counting and keeps inner line breaks', () => {
    expect(parse({ summary: { whatHappened: `  ${'x'.repeat(10_000)}\n\n` } }).summary.whatHappened).toHaveLength(10_000);
    expect(parse({ summary: { currentStatus: ' line one\n\nline two ' } }).summary.currentStatus).toBe('line one\n\nline two');
  });

  it('rejects non-strings', () => {
    expect(issuesOf({ summary: { whatHappened: 42 } })).toEqual({ 'summary.whatHappened': 'Enter text' });
  });
});

describe('affected app', () => {
  it('takes a 200-character single-line app name and key, not 201 or two lines', () => {
    expect(parse({ app: { name: 'n'.repeat(200), appKey: ' com.acme ' } }).app).toMatchObject({ name: 'n'.repeat(200), appKey: 'com.acme' });
    expect(issuesOf({ app: { name: 'n'.repeat(201) } })).toEqual({ 'app.name': 'Use at most 200 characters' });
    expect(issuesOf({ app: { appKey: 'a\nb' } })).toEqual({ 'app.appKey': 'Use a single line' });
  });

  it('takes a UUID of any version, in any case, and stores it lowercase', () => {
    const ids = [
      UUID,
      '6ba7b810-9dad-11d1-80b4-00c04fd430c8', // v1
      '017f22e2-79b0-7cc3-98c4-dc0c0c07398f', // v7
      '00000000-0000-0000-0000-000000000000',
    ];
    for (const id of ids) expect(parse({ app: { appId: id } }).app.appId).toBe(id);
    expect(parse({ app: { appId: ` ${UUID.toUpperCase()} ` } }).app.appId).toBe(UUID);
  });

  it("takes the manifest's ARI form and keeps the UUID", () => {
    expect(parse({ app: { appId: `ari:cloud:ecosystem::app/${UUID}` } }).app.appId).toBe(UUID);
    expect(parse({ app: { appId: `ARI:CLOUD:ECOSYSTEM::APP/${UUID.toUpperCase()}` } }).app.appId).toBe(UUID);
  });

  it('rejects what is not a UUID', () => {
    const bad = [
      UUID.replaceAll('-', ''), `{${UUID}}`, `urn:uuid:${UUID}`, UUID.slice(0, -1), `${UUID}0`, UUID.replace('0', 'g'),
      `ari:cloud:ecosystem::app/`, `ari:cloud:jira::site/${UUID}`, 'com.acme.sync',
    ];
    for (const appId of bad) {
      expect([appId, issuesOf({ app: { appId } })]).toEqual([appId, { 'app.appId': expect.stringContaining('UUID') }]);
    }
  });

  it('takes each environment and distribution, or none, and nothing else', () => {
    for (const environment of ['', ...ENVIRONMENTS]) expect(parse({ app: { environment } }).app.environment).toBe(environment);
    for (const distribution of ['', ...DISTRIBUTIONS]) expect(parse({ app: { distribution } }).app.distribution).toBe(distribution);
    expect(issuesOf({ app: { environment: 'prod' } })).toEqual({ 'app.environment': 'Choose development, staging or production' });
    expect(issuesOf({ app: { environment: 'Production' } })).toHaveProperty(['app.environment']);
    expect(issuesOf({ app: { distribution: 'internal' } })).toEqual({ 'app.distribution': 'Choose public, unlisted or private' });
  });
});

describe('impact', () => {
  it('takes each data exposure type, or none, and nothing else', () => {
    for (const dataExposure of ['', ...DATA_EXPOSURE_TYPES]) expect(parse({ impact: { dataExposure } }).impact.dataExposure).toBe(dataExposure);
    expect(issuesOf({ impact: { dataExposure: 'everything' } })).toEqual({ 'impact.dataExposure': 'Choose a data exposure type from the list' });
  });

  it('takes null or a whole number from 0 to 100,000,000 tenants', () => {
    for (const n of [null, 0, 1, 99_999_999, 100_000_000]) expect(parse({ impact: { affectedTenants: n } }).impact.affectedTenants).toBe(n);
    expect(parse({ impact: {} }).impact.affectedTenants).toBeNull();
    expect(Object.is(parse({ impact: { affectedTenants: -0 } }).impact.affectedTenants, 0)).toBe(true);
  });

  it('rejects negative, too large, fractional, non-finite and non-numeric tenant counts', () => {
    expect(issuesOf({ impact: { affectedTenants: -1 } })).toEqual({ 'impact.affectedTenants': 'Must be 0 or more' });
    expect(issuesOf({ impact: { affectedTenants: 100_000_001 } })).toEqual({ 'impact.affectedTenants': 'Must be at most 100,000,000' });
    expect(issuesOf({ impact: { affectedTenants: 1.5 } })).toEqual({ 'impact.affectedTenants': 'Enter a whole number' });
    expect(issuesOf({ impact: { affectedTenants: 0.000001 } })).toEqual({ 'impact.affectedTenants': 'Enter a whole number' });
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, '42', true]) {
      expect(issuesOf({ impact: { affectedTenants: n } })).toHaveProperty(['impact.affectedTenants']);
    }
  });

  it('takes known products once each, stored in catalogue order', () => {
    expect(parse({ impact: { products: ['trello', 'jira', 'other'] } }).impact.products).toEqual(['jira', 'trello', 'other']);
    expect(parse({ impact: { products: [...ATLASSIAN_PRODUCTS].reverse() } }).impact.products).toEqual([...ATLASSIAN_PRODUCTS]);
    expect(issuesOf({ impact: { products: ['jira', 'jira'] } })).toEqual({ 'impact.products': 'Choose each product once' });
    expect(issuesOf({ impact: { products: ['jira', 'bamboo'] } })).toEqual({ 'impact.products.1': 'Choose products from the list' });
    expect(issuesOf({ impact: { products: 'jira' } })).toHaveProperty(['impact.products']);
  });
});

describe('timestamps', () => {
  const at = (timeline: Record<string, string>) => parse({ timeline }).timeline;

  it('stores instants normalised to UTC toISOString, whatever offset was given', () => {
    expect(at({ firstObservedAt: '2026-11-20T14:05:00.000Z' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '2026-11-20T14:05:00Z' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '2026-11-20T15:05:00+01:00' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '2026-11-20T09:05:00-0500' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '2026-11-21T00:35:00+10:30' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '2026-11-20t14:05:00.5z' }).firstObservedAt).toBe('2026-11-20T14:05:00.500Z');
    expect(at({ firstObservedAt: ' 2026-01-01T00:30:00+01:00 ' }).firstObservedAt).toBe('2025-12-31T23:30:00.000Z');
    expect(at({ firstObservedAt: '2026-11-20T15:05+01:00' }).firstObservedAt).toBe('2026-11-20T14:05:00.000Z');
    expect(at({ firstObservedAt: '' }).firstObservedAt).toBe('');
  });

  it('agrees with toIsoInstant to the millisecond', () => {
    expect(toIsoInstant('2026-11-20T14:05:00.999Z')).toBe('2026-11-20T14:05:00.999Z');
    expect(toIsoInstant('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(toIsoInstant('2026-11-20T14:05:00')).toBeNull();
  });

  it('rejects a time without offset, impossible dates and other formats', () => {
    const bad = [
      '2026-11-20T14:05:00', '2026-11-20', '14:05', '2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z',
      '2026-11-20T24:00:00Z', '2026-11-20T14:60:00Z', '2026-11-20T14:05:60Z', 'Fri, 20 Nov 2026 14:05:00 GMT', '1763647500000',
      '2026-11-20T14:05:00+25:00', '2026-11-20T14:05', '2026-11-20T14Z', 'now',
    ];
    for (const value of bad) {
      expect([value, issuesOf({ timeline: { detectedAt: value } })]).toEqual([value, { 'timeline.detectedAt': 'Enter a date and time with its UTC offset, for example 2026-11-20T14:05:00Z' }]);
    }
  });

  it('accepts the timeline in order, equal times, and gaps', () => {
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T14:05:00Z', detectedAt: '2026-11-20T14:05:00Z', containmentAt: '2026-11-20T14:05:00Z' } })).toEqual({});
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T14:05:00Z', containmentAt: '2026-11-20T14:05:00.001Z' } })).toEqual({});
    expect(issuesOf({ timeline: { detectedAt: '2026-11-21T00:00:00Z' } })).toEqual({});
    // Equal instants written with different offsets.
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T15:05:00+01:00', detectedAt: '2026-11-20T14:05:00Z' } })).toEqual({});
  });

  it('puts the error on the later field, to the millisecond', () => {
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T14:05:00.001Z', detectedAt: '2026-11-20T14:05:00.000Z' } }))
      .toEqual({ 'timeline.detectedAt': "Must not be before 'First observed'" });
    expect(issuesOf({ timeline: { detectedAt: '2026-11-20T14:05:00.001Z', containmentAt: '2026-11-20T14:05:00Z' } }))
      .toEqual({ 'timeline.containmentAt': "Must not be before 'Detected internally'" });
  });

  it('compares instants, not the text as typed', () => {
    // 10:00-05:00 is 15:00Z: after 14:00Z although it reads earlier.
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T10:00:00-05:00', detectedAt: '2026-11-20T14:00:00Z' } }))
      .toEqual({ 'timeline.detectedAt': "Must not be before 'First observed'" });
  });

  it('compares containment with first observed when detection is missing', () => {
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T14:05:00Z', containmentAt: '2026-11-20T14:04:59.999Z' } }))
      .toEqual({ 'timeline.containmentAt': "Must not be before 'First observed'" });
  });

  it('flags both later fields when both are before first observed', () => {
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T10:00:00Z', detectedAt: '2026-11-20T08:00:00Z', containmentAt: '2026-11-20T09:00:00Z' } }))
      .toEqual({ 'timeline.detectedAt': "Must not be before 'First observed'", 'timeline.containmentAt': "Must not be before 'First observed'" });
    // Detection after containment explains the problem: one message on containment, the nearest one.
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T10:00:00Z', detectedAt: '2026-11-20T12:00:00Z', containmentAt: '2026-11-20T09:00:00Z' } }))
      .toEqual({ 'timeline.containmentAt': "Must not be before 'Detected internally'" });
  });

  it('reports only the format when a field is not a timestamp', () => {
    expect(issuesOf({ timeline: { firstObservedAt: '2026-11-20T14:05:00Z', detectedAt: 'soon', containmentAt: '2026-11-20T14:00:00Z' } }))
      .toEqual({
        'timeline.detectedAt': 'Enter a date and time with its UTC offset, for example 2026-11-20T14:05:00Z',
        'timeline.containmentAt': "Must not be before 'First observed'",
      });
  });
});

describe('attachments and contacts', () => {
  it('takes Jira attachment IDs (digits), unique, at most 100', () => {
    expect(parse({ attachments: ['10001', '9223372036854775807'] }).attachments).toEqual(['10001', '9223372036854775807']);
    const hundred = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => String(10_000 + i));
    expect(parse({ attachments: hundred }).attachments).toHaveLength(100);
    expect(issuesOf({ attachments: [...hundred, '20000'] })).toEqual({ attachments: 'Reference at most 100 attachments' });
    expect(issuesOf({ attachments: ['10001', '10001'] })).toEqual({ attachments: 'Reference each attachment once' });
    for (const id of ['', 'abc', '12a', '-1', ' 1', '1.0', '1'.repeat(20)]) {
      expect([id, issuesOf({ attachments: ['1', id] })]).toEqual([id, { 'attachments.1': 'Use a Jira attachment ID (digits only)' }]);
    }
    expect(issuesOf({ attachments: [10001] })).toHaveProperty(['attachments.0']);
  });

  it('checks contacts with the shared rules: E.164 phone, email, single-line name', () => {
    expect(parse({ contacts: { primary: { phone: '+14155550123' } } }).contacts.primary.phone).toBe('+14155550123');
    expect(parse({ contacts: { primary: { phone: '+123456789012345' } } }).contacts.primary.phone).toBe('+123456789012345');
    expect(issuesOf({ contacts: { primary: { phone: '+1234567890123456' } } })).toHaveProperty(['contacts.primary.phone']);
    expect(issuesOf({ contacts: { primary: { phone: '4155550123' } } })).toHaveProperty(['contacts.primary.phone']);
    expect(issuesOf({ contacts: { secondary: { phone: '+04155550123' } } })).toHaveProperty(['contacts.secondary.phone']);
    expect(issuesOf({ contacts: { secondary: { email: 'not-an-email' } } })).toHaveProperty(['contacts.secondary.email']);
    expect(issuesOf({ contacts: { primary: { name: 'a\nb' } } })).toEqual({ 'contacts.primary.name': 'Use a single line' });
  });
});

describe('missingReportFields', () => {
  it('lists everything for an empty report, in the program order', () => {
    expect(missingReportFields(EMPTY_REPORT, 0).map((m) => m.path)).toEqual([
      'summary.whatHappened', 'summary.actionsTaken', 'summary.currentStatus',
      'app.name', 'app.appKey', 'app.appId', 'app.environment', 'app.distribution',
      'impact.dataExposure', 'impact.affectedTenants', 'impact.products',
      'timeline.firstObservedAt', 'timeline.detectedAt', 'timeline.containmentAt',
      'indicators', 'attachments',
      'contacts.primary.name', 'contacts.primary.role', 'contacts.primary.email', 'contacts.primary.phone',
      'contacts.secondary.name', 'contacts.secondary.role', 'contacts.secondary.email', 'contacts.secondary.phone',
    ]);
  });

  it('gives each entry its section and a label', () => {
    const missing = missingReportFields(EMPTY_REPORT, 0);
    for (const m of missing) expect(m.path.startsWith(m.section)).toBe(true);
    expect(missing[0]).toEqual({ section: 'summary', path: 'summary.whatHappened', label: 'What happened' });
    expect(missing.find((m) => m.path === 'app.appId')?.label).toBe('Forge app ID');
    expect(missing.find((m) => m.path === 'indicators')).toEqual({ section: 'indicators', path: 'indicators', label: 'Indicators of compromise' });
    expect(missing.find((m) => m.path === 'contacts.secondary.phone')?.label).toBe('Secondary contact phone');
  });

  it('is empty for a complete report with at least one indicator; the exposure details are optional', () => {
    const full = parse(FULL);
    expect(full.impact.dataExposureDetail).toBe('');
    expect(missingReportFields(full, 1)).toEqual([]);
    expect(missingReportFields(full, 0).map((m) => m.path)).toEqual(['indicators']);
  });

  it('counts 0 tenants as an answer, null and no products as missing', () => {
    const full = parse(FULL);
    expect(missingReportFields({ ...full, impact: { ...full.impact, affectedTenants: 0 } }, 1)).toEqual([]);
    expect(missingReportFields({ ...full, impact: { ...full.impact, affectedTenants: null, products: [] } }, 1).map((m) => m.path))
      .toEqual(['impact.affectedTenants', 'impact.products']);
  });

  it('names only the contact fields still empty, primary before secondary', () => {
    const full = parse(FULL);
    const r = parse({ ...FULL, contacts: { primary: { ...FULL.contacts.primary, phone: '' }, secondary: { name: 'Alan' } } });
    expect(missingReportFields(r, 3).map((m) => m.path)).toEqual([
      'contacts.primary.phone', 'contacts.secondary.role', 'contacts.secondary.email', 'contacts.secondary.phone',
    ]);
    expect(missingReportFields({ ...full, attachments: [] }, 3).map((m) => m.path)).toEqual(['attachments']);
  });

  it('reads a report stored before TLP markings existed as TLP:AMBER', () => {
    const { tlp: _tlp, ...old } = EMPTY_REPORT;
    expect(upgradeReport(old as Report).tlp).toBe('amber');
    expect(upgradeReport({ ...EMPTY_REPORT, tlp: 'red' }).tlp).toBe('red');
    expect(toPartnerReport({ ...EMPTY_REPORT, tlp: 'amber+strict' }).tlp).toBe('amber+strict');
    expect(v.safeParse(ReportSchema, { tlp: 'white' }).success).toBe(false);
  });

  it('puts the TLP marking first in the Markdown, before the content it governs', () => {
    const md = reportForAtlassian({ ...EMPTY_REPORT, tlp: 'red' }, [], { incidentKey: 'SEC-1' });
    expect(md.split('\n\n').slice(0, 2)).toEqual(['# Security incident report: SEC-1', '**TLP:RED**']);
  });

  it('uses the program section names', () => {
    expect(SECTION_LABELS).toEqual({
      summary: 'Incident summary',
      app: 'Affected app details',
      impact: 'Impact assessment',
      timeline: 'Timestamps',
      indicators: 'Indicators of compromise (IOCs)',
      attachments: 'Attachments',
      contacts: 'Incident contacts',
    });
  });
});

// Any report-shaped value (the partner functions do not validate, so any strings will do).
const text = fc.string({ maxLength: 20 });
const contactArb = fc.record({ name: text, role: text, email: text, phone: text });
const reportArb: fc.Arbitrary<Report> = fc.record({
  tlp: fc.constantFrom(...TLP_LEVELS),
  summary: fc.record({ whatHappened: text, actionsTaken: text, currentStatus: text }),
  app: fc.record({
    name: text, appKey: text, appId: text,
    environment: fc.constantFrom('' as const, ...ENVIRONMENTS),
    distribution: fc.constantFrom('' as const, ...DISTRIBUTIONS),
  }),
  impact: fc.record({
    dataExposure: fc.constantFrom('' as const, ...DATA_EXPOSURE_TYPES),
    dataExposureDetail: text,
    affectedTenants: fc.option(fc.nat(), { nil: null }),
    products: fc.subarray([...ATLASSIAN_PRODUCTS]),
  }),
  timeline: fc.record({ firstObservedAt: text, detectedAt: text, containmentAt: text }),
  attachments: fc.array(fc.stringMatching(/^\d{1,6}$/), { maxLength: 5 }),
  contacts: fc.record({ primary: contactArb, secondary: contactArb }),
  irNotes: text,
});

describe('partner view', () => {
  it('lists irNotes as IR-internal', () => {
    expect(IR_INTERNAL_REPORT_FIELDS).toEqual(['irNotes']);
  });

  it('strips irNotes (the key itself) and returns a copy sharing nothing', () => {
    const r = parse(FULL);
    const p = toPartnerReport(r);
    expect('irNotes' in p).toBe(false);
    expect(JSON.stringify(p)).not.toContain('IR-ONLY-MARKER');
    const { irNotes: _irNotes, ...rest } = r;
    expect(p).toEqual(rest);
    p.impact.products.push('loom');
    p.contacts.primary.name = 'changed';
    p.attachments.push('9');
    expect(r.impact.products).toEqual(['jira', 'confluence']);
    expect(r.contacts.primary.name).toBe('Ada Lovelace');
    expect(r.attachments).toEqual(['10001', '10002']);
  });

  it('copies only known fields, even from an object that carries more at run time', () => {
    const smuggled = { ...parse(FULL), extra: 'x', app: { ...parse(FULL).app, secret: 'y' } } as Report;
    const p = toPartnerReport(smuggled);
    expect(JSON.stringify(p)).not.toMatch(/extra|secret|IR-ONLY-MARKER/);
  });

  it('merges a partner edit: their fields replace, irNotes is kept even if they send one', () => {
    const current = parse(FULL);
    const edited: PartnerReport = { ...toPartnerReport(current), summary: { ...current.summary, currentStatus: 'Eradicated' } };
    const sneaky = { ...edited, irNotes: 'overwritten by partner' } as PartnerReport;
    const merged = mergePartnerEdit(current, sneaky);
    expect(merged.irNotes).toBe(FULL.irNotes);
    expect(merged.summary.currentStatus).toBe('Eradicated');
    expect(toPartnerReport(merged)).toEqual(edited);
    expect(v.safeParse(ReportSchema, merged).success).toBe(true);
  });

  it('builds the merge from known fields only and shares nothing with the submission', () => {
    const current = parse(FULL);
    const submitted = { ...toPartnerReport(current), extra: 'junk' } as PartnerReport;
    const merged = mergePartnerEdit(current, submitted);
    expect(Object.keys(merged)).toEqual(Object.keys(current));
    submitted.impact.products.push('loom');
    submitted.contacts.primary.name = 'changed later';
    expect(merged.impact.products).toEqual(['jira', 'confluence']);
    expect(merged.contacts.primary.name).toBe('Ada Lovelace');
  });

  it('property: a merge never changes irNotes and takes every partner field as submitted', () => {
    fc.assert(fc.property(reportArb, reportArb, (current, other) => {
      const submitted = { ...toPartnerReport(other), irNotes: other.irNotes } as PartnerReport;
      const merged = mergePartnerEdit(current, submitted);
      expect(merged.irNotes).toBe(current.irNotes);
      expect(toPartnerReport(merged)).toEqual(toPartnerReport(other));
      expect('irNotes' in toPartnerReport(merged)).toBe(false);
    }));
  });

  it('PartnerReportSchema takes the partner fields and refuses irNotes', () => {
    const { irNotes: _irNotes, ...partnerInput } = FULL;
    expect(v.parse(PartnerReportSchema, partnerInput)).toEqual(toPartnerReport(parse(FULL)));
    const result = v.safeParse(PartnerReportSchema, { ...partnerInput, irNotes: 'x' });
    expect(result.success).toBe(false);
    expect(result.issues?.map((i) => v.getDotPath(i))).toEqual(['irNotes']);
    // The timeline order rule comes along.
    const bad = v.safeParse(PartnerReportSchema, { timeline: { firstObservedAt: '2026-11-20T14:00:00Z', detectedAt: '2026-11-20T13:00:00Z' } });
    expect(bad.issues?.map((i) => v.getDotPath(i))).toEqual(['timeline.detectedAt']);
  });
});

describe('indicator schemas', () => {
  it('StoredIndicatorSchema takes a stored indicator, normalising instants', () => {
    const stored = v.parse(StoredIndicatorSchema, {
      id: 'i1', type: 'url', value: 'https://evil.example.com/x', note: 'seen\nin logs', firstSeen: '2026-11-20T15:00:00+01:00',
      addedAt: '2026-11-20T16:00:00Z', addedBy: 'acc-1',
    });
    expect(stored).toEqual({
      id: 'i1', type: 'url', value: 'https://evil.example.com/x', note: 'seen\nin logs', firstSeen: '2026-11-20T14:00:00.000Z',
      tlp: '', addedAt: '2026-11-20T16:00:00.000Z', addedBy: 'acc-1',
    });
    expect(v.parse(StoredIndicatorSchema, { ...stored, tlp: 'red' }).tlp).toBe('red');
    expect(v.safeParse(StoredIndicatorSchema, { ...stored, tlp: 'white' }).success).toBe(false);
    expect(v.safeParse(StoredIndicatorSchema, { ...stored, type: 'hash' }).success).toBe(false);
    expect(v.safeParse(StoredIndicatorSchema, { ...stored, addedAt: '' }).success).toBe(false);
    expect(v.safeParse(StoredIndicatorSchema, { ...stored, value: '' }).success).toBe(false);
  });

  it('IndicatorEditSchema: note up to 1000 characters (multi-line), firstSeen empty or an instant', () => {
    const ok = v.parse(IndicatorEditSchema, { id: 'i1', note: `${'n'.repeat(999)}\n`, firstSeen: '' });
    expect(ok.note).toHaveLength(999);
    expect(v.parse(IndicatorEditSchema, { id: 'i1', note: 'a\nb'.padEnd(1000, 'c'), firstSeen: '2026-11-20T14:05:00-01:00' }))
      .toEqual({ id: 'i1', note: 'a\nb'.padEnd(1000, 'c'), firstSeen: '2026-11-20T15:05:00.000Z' });
    const long = v.safeParse(IndicatorEditSchema, { id: 'i1', note: 'n'.repeat(1001), firstSeen: '' });
    expect(long.issues?.map((i) => [v.getDotPath(i), i.message])).toEqual([['note', 'Use at most 1000 characters']]);
    const when = v.safeParse(IndicatorEditSchema, { id: 'i1', note: '', firstSeen: '2026-11-20T14:05' });
    expect(when.issues?.map((i) => v.getDotPath(i))).toEqual(['firstSeen']);
  });

  it('IndicatorEditSchema refuses a missing field, an empty id and unknown keys', () => {
    expect(v.safeParse(IndicatorEditSchema, { id: 'i1', firstSeen: '' }).success).toBe(false);
    expect(v.safeParse(IndicatorEditSchema, { id: ' ', note: '', firstSeen: '' }).success).toBe(false);
    const extra = v.safeParse(IndicatorEditSchema, { id: 'i1', note: '', firstSeen: '', value: '1.2.3.4' });
    expect(extra.issues?.map((i) => v.getDotPath(i))).toEqual(['value']);
  });
});

describe('reportForAtlassian', () => {
  const indicators = [
    indicator({ id: 'a', type: 'url', value: 'https://evil.example.com/login', firstSeen: '2026-11-20T14:05:59.999Z', note: 'phishing\npage' }),
    indicator({ id: 'b', type: 'ipv4', value: '203.0.113.7' }),
    indicator({ id: 'c', type: 'email', value: 'bad@evil.example.com' }),
    indicator({ id: 'd', type: 'ipv4', value: '198.51.100.1' }),
  ];
  const md = reportForAtlassian(parse(FULL), indicators, { incidentKey: 'SEC-42', attachmentNames: { 10001: 'access.log' } });

  it('never includes the IR notes', () => {
    expect(md).not.toContain('IR-ONLY-MARKER');
    expect(md).not.toMatch(/IR notes/i);
  });

  it("has the program's sections, in its order", () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Incident summary', '## Affected app details', '## Impact assessment', '## Timestamps',
      '## Indicators of compromise (IOCs)', '## Attachments', '## Incident contacts',
    ]);
    expect(md.startsWith('# Security incident report: SEC-42\n')).toBe(true);
  });

  it('prints the fields with labels', () => {
    expect(md).toContain('**What happened**\n\nTokens leaked');
    expect(md).toContain('- **App name:** Acme Sync');
    expect(md).toContain(`- **Forge app ID:** \`${UUID}\``);
    expect(md).toContain('- **Environment:** Production');
    expect(md).toContain('- **Distribution status:** Public');
    expect(md).toContain('- **Affected Atlassian products:** Jira, Confluence');
    expect(md).toContain('- **Estimated affected tenants or customers:** 12');
    expect(md).toContain('- **Email:** ada@acme.example');
    expect(md).toContain('- **Phone:** +14155550123');
    expect(md.indexOf('### Primary contact')).toBeLessThan(md.indexOf('### Secondary contact'));
  });

  it("prints timestamps as 'YYYY-MM-DD HH:mm UTC' (minutes, not rounded)", () => {
    expect(md).toContain('- **First observed:** 2026-11-20 14:05 UTC');
    expect(md).toContain('- **Detected internally:** 2026-11-20 15:00 UTC');
    expect(md).toContain('- **Containment began:** 2026-11-20 16:30 UTC');
    expect(md).toContain('first seen 2026-11-20 14:05 UTC');
  });

  it('lists indicators defanged, grouped under their type label', () => {
    expect(md).toContain('**IPv4 address** (2)\n\n- `203[.]0[.]113[.]7`\n- `198[.]51[.]100[.]1`');
    expect(md).toContain('- `hxxps://evil[.]example[.]com/login` — first seen 2026-11-20 14:05 UTC — phishing page');
    expect(md).toContain('`bad[@]evil[.]example[.]com`');
    expect(md).not.toContain('203.0.113.7');
    expect(md).not.toContain('https://evil');
    // Catalogue order: IPv4 before URL before email.
    expect(md.indexOf('**IPv4 address**')).toBeLessThan(md.indexOf('**URL**'));
    expect(md.indexOf('**URL**')).toBeLessThan(md.indexOf('**Email address**'));
  });

  it('names attachments when it can, by ID otherwise', () => {
    expect(md).toContain('- access.log (attachment 10001)');
    expect(md).toContain('- Attachment 10002');
  });

  it("prints '_Not yet known_' for every empty field", () => {
    const empty = reportForAtlassian(EMPTY_REPORT, [], { incidentKey: 'SEC-1' });
    expect(empty).toContain('- **App name:** _Not yet known_');
    expect(empty).toContain('- **Estimated affected tenants or customers:** _Not yet known_');
    expect(empty).toContain('- **Containment began:** _Not yet known_');
    expect(empty).toContain('## Indicators of compromise (IOCs)\n\n_Not yet known_');
    expect(empty).toContain('## Attachments\n\n_Not yet known_');
    expect(empty.match(/_Not yet known_/g)).toHaveLength(3 + 5 + 4 + 3 + 1 + 1 + 8);
    const zero = reportForAtlassian(parse({ impact: { affectedTenants: 0 } }), [], { incidentKey: 'SEC-1' });
    expect(zero).toContain('- **Estimated affected tenants or customers:** 0');
  });

  it('keeps user text from changing the structure', () => {
    const hostile = parse({
      summary: { whatHappened: '## Fake heading\n- not a list\n1. not ordered\n<img src=x onerror=alert(1)>\n```\ncode\n| a | b |\n    indented\n> quote\n=====' },
      app: { name: '**bold** [link](https://x.example) _i_ `c` ~~s~~ &amp;' },
      contacts: { primary: { name: '# Heading name' } },
    });
    const out = reportForAtlassian(hostile, [indicator({ type: 'api-endpoint', value: '/rest/api/3/`search`' })], { incidentKey: 'SEC-1' });
    const lines = out.split('\n');
    // No user line starts a block: only our own headings, list items and paragraphs.
    expect(lines.filter((l) => /^#{1,6} /.test(l))).toEqual(lines.filter((l) => /^#{1,6} /.test(l) && !/Fake|Heading name/.test(l)));
    expect(out).toContain('\\## Fake heading\\\n\\- not a list\\\n1\\. not ordered\\\n\\<img src=x onerror=alert(1)\\>\\\n\\`\\`\\`\\\ncode\\\n\\| a \\| b \\|\\\nindented\\\n\\> quote\\\n\\=====');
    expect(out).toContain('- **App name:** \\*\\*bold\\*\\* \\[link\\](https://x.example) \\_i\\_ \\`c\\` \\~\\~s\\~\\~ \\&amp;');
    expect(out).toContain('- **Name:** # Heading name');
    // A value with backticks sits in a longer code span.
    expect(out).toContain('- `` /rest/api/3/`search` ``');
    expect(out).not.toMatch(/(^|[^\\])<img/);
  });
});

describe('indicatorsToCsv', () => {
  // The app's own RFC 4180 reader (test/unit/domain/csv.test.ts checks it on its own).
  const parseCsv = (csv: string): string[][] => readCsv(csv).map((r) => (r.kind === 'record' ? r.fields : [`error: ${r.message}`]));

  it('writes the header and raw values, CRLF between records', () => {
    const csv = indicatorsToCsv([
      indicator({ type: 'ipv4', value: '203.0.113.7', firstSeen: '2026-11-20T14:05:00.000Z' }),
      indicator({ type: 'url', value: 'https://evil.example.com/a?b=c', note: 'login page' }),
    ]);
    expect(csv).toBe(
      'type,value,first_seen,note,tlp\r\n'
      + 'ipv4,203.0.113.7,2026-11-20T14:05:00.000Z,,TLP:AMBER\r\n'
      + 'url,https://evil.example.com/a?b=c,,login page,TLP:AMBER',
    );
    expect(indicatorsToCsv([])).toBe('type,value,first_seen,note,tlp');
  });

  it('carries the marking that applies: the incident\'s, or the indicator\'s own when stricter', () => {
    const csv = indicatorsToCsv([indicator({}), indicator({ tlp: 'red' }), indicator({ tlp: 'clear' })], { incidentTlp: 'green' });
    expect(parseCsv(csv).map((r) => r[4])).toEqual(['tlp', 'TLP:GREEN', 'TLP:RED', 'TLP:GREEN']);
    // An indicator stored before markings existed has none of its own.
    const { tlp: _tlp, ...old } = indicator({});
    expect(parseCsv(indicatorsToCsv([old as StoredIndicator]))[1]?.[4]).toBe('TLP:AMBER');
  });

  it('quotes per RFC 4180: commas, quotes, line breaks, edge spaces', () => {
    const csv = indicatorsToCsv([indicator({ value: '/a,b', note: 'say "hi"\r\nnext line' }), indicator({ note: ' padded ' })]);
    expect(csv).toBe(
      'type,value,first_seen,note,tlp\r\n'
      + 'ipv4,"/a,b",,"say ""hi""\r\nnext line",TLP:AMBER\r\n'
      + 'ipv4,203.0.113.7,," padded ",TLP:AMBER',
    );
    expect(parseCsv(csv)).toEqual([
      ['type', 'value', 'first_seen', 'note', 'tlp'],
      ['ipv4', '/a,b', '', 'say "hi"\r\nnext line', 'TLP:AMBER'],
      ['ipv4', '203.0.113.7', '', ' padded ', 'TLP:AMBER'],
    ]);
  });

  it('guards cells a spreadsheet would run as formulas, including multi-line ones', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const note = `${start}HYPERLINK("http://x.example")`;
      const [, row] = parseCsv(indicatorsToCsv([indicator({ note })]));
      expect(row?.[3]).toBe(`'${note}`);
    }
    const [, multi] = parseCsv(indicatorsToCsv([indicator({ note: '=cmd|" /C calc"!A0\nsecond line' })]));
    expect(multi?.[3]).toBe('\'=cmd|" /C calc"!A0\nsecond line');
    const [, safe] = parseCsv(indicatorsToCsv([indicator({ note: 'a=b', value: '::1' })]));
    expect(safe).toEqual(['ipv4', '::1', '', 'a=b', 'TLP:AMBER']);
  });

  it('property: parsing the CSV gives back every value, formula-guarded, and restoring the guard gives the value', () => {
    const tricky = fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', ' ', "'", 'a', 'é', '😀'), { maxLength: 12 })
      .map((parts) => parts.join(''));
    const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), tricky);
    const guarded = (s: string): string => (/^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    fc.assert(fc.property(fc.array(fc.record({ value: cell, note: cell }), { minLength: 1, maxLength: 5 }), (rows) => {
      const list = rows.map((r) => indicator({ value: r.value, note: r.note }));
      const parsed = parseCsv(indicatorsToCsv(list));
      expect(parsed).toEqual([
        ['type', 'value', 'first_seen', 'note', 'tlp'],
        ...rows.map((r) => ['ipv4', guarded(r.value), '', guarded(r.note), 'TLP:AMBER']),
      ]);
      expect(parsed.slice(1).map((r) => [restoreCsvCell(r[1] ?? ''), restoreCsvCell(r[3] ?? '')])).toEqual(rows.map((r) => [r.value, r.note]));
    }));
  });
});

describe('reportChanges', () => {
  it('is empty when nothing changed', () => {
    expect(reportChanges(parse(FULL), parse(FULL))).toEqual([]);
  });

  it("lists changed leaves with before/after, in the report's field order", () => {
    const before = parse(FULL);
    const after = parse({
      ...FULL,
      contacts: { ...FULL.contacts, primary: { ...FULL.contacts.primary, phone: '+14155550199' } },
      summary: { ...FULL.summary, currentStatus: 'Recovered' },
      app: { ...FULL.app, environment: 'staging' },
      irNotes: 'changed',
    });
    expect(reportChanges(before, after)).toEqual([
      { path: 'summary.currentStatus', before: 'Contained', after: 'Recovered' },
      { path: 'app.environment', before: 'production', after: 'staging' },
      { path: 'contacts.primary.phone', before: '+14155550123', after: '+14155550199' },
      { path: 'irNotes', before: FULL.irNotes, after: 'changed' },
    ]);
  });

  it('compares arrays as whole values', () => {
    const before = parse(FULL);
    const after = parse({ ...FULL, attachments: ['10001', '10002', '10003'], impact: { ...FULL.impact, affectedTenants: null } });
    expect(reportChanges(before, after)).toEqual([
      { path: 'impact.affectedTenants', before: 12, after: null },
      { path: 'attachments', before: ['10001', '10002'], after: ['10001', '10002', '10003'] },
    ]);
  });

  it('property: reports a change exactly when the reports differ', () => {
    fc.assert(fc.property(reportArb, reportArb, (a, b) => {
      const changes = reportChanges(a, b);
      expect(changes.length === 0).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(new Set(changes.map((c) => c.path)).size).toBe(changes.length);
    }));
  });
});
