// Every bundle the app exports validates against the OASIS STIX 2.1 JSON schemas (vendored unchanged in
// test/data): random bundles of every indicator type, every TLP level, first-seen times across STIX's range.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadStixBundleValidator } from '../../support/stix-schema';
import { parseStixPattern } from '../../support/stix-pattern';
import { classifyIndicator, INDICATOR_TYPES, normaliseIndicator, toStixBundle, type IndicatorType, type StixIndicatorInput } from '../../../src/domain/indicators';
import { TLP_LEVELS } from '../../../src/domain/tlp';

const validateBundle = loadStixBundleValidator();

function expectValid(bundle: unknown): void {
  const ok = validateBundle(bundle);
  expect(ok ? [] : validateBundle.errors?.slice(0, 5)).toEqual([]);
}

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: n, maxLength: n });
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/)).map(([ls, tld]) => [...ls, tld].join('.'));
// Paths with the characters a pattern must escape (' and \) and some that need no escaping.
const path = fc.array(fc.stringMatching(/^[A-Za-z0-9_.~'\\%=&?-]{1,10}$/), { minLength: 1, maxLength: 4 }).map((p) => `/${p.join('/')}`);
const scope = fc.tuple(fc.constantFrom('read', 'write', 'manage', 'storage', 'delete'), fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,15}$/)).map(([a, b]) => `${a}:${b}`);
const change = fc.constantFrom('added', 'removed');

const VALUES: Record<IndicatorType, fc.Arbitrary<string>> = {
  'account-id': fc.oneof(hex(24), fc.tuple(fc.integer({ min: 1, max: 999999 }), fc.uuid()).map(([n, u]) => `${n}:${u}`)),
  ipv4,
  ipv6: fc.ipV6(),
  cidr: fc.oneof(fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`), fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`)),
  url: fc.tuple(fc.constantFrom('http', 'https'), domain, path).map(([s, d, p]) => `${s}://${d}${p}`),
  domain,
  'api-endpoint': path,
  email: fc.tuple(fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,12}$/), domain).map(([l, d]) => `${l}@${d}`),
  'scope-change': fc.tuple(change, scope).map(([c, s]) => `scope ${c}: ${s}`),
  'egress-change': fc.tuple(change, fc.oneof(domain, domain.map((d) => `*.${d}`), ipv4, domain.map((d) => `https://${d}/`))).map(([c, t]) => `egress ${c}: ${t}`),
  'http-request': fc.tuple(fc.constantFrom('GET', 'POST', 'put', 'DELETE', 'PATCH'), path).map(([m, p]) => `${m} ${p}`),
  sha256: hex(64),
  sha1: hex(40),
  md5: hex(32),
};

// STIX timestamps run from year 0000 to 9999; the inputs refuse anything else.
const stixDate = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
const tlp = fc.constantFrom(...TLP_LEVELS);

const indicatorOf = (type: IndicatorType): fc.Arbitrary<StixIndicatorInput> =>
  fc.record({
    type: fc.constant(type),
    value: VALUES[type].filter((v) => classifyIndicator(v) === type),
    firstSeen: fc.option(stixDate, { nil: undefined }),
    addedAt: fc.option(stixDate, { nil: undefined }),
    editedAt: fc.option(stixDate, { nil: undefined }),
    tlp: fc.option(fc.constantFrom('' as const, ...TLP_LEVELS), { nil: undefined }),
  }, { requiredKeys: ['type', 'value'] });
const anyIndicator = fc.constantFrom(...INDICATOR_TYPES).chain(indicatorOf);

const key = (i: StixIndicatorInput) => `${i.type} ${normaliseIndicator(i.type, i.value)}`;

describe('STIX bundles against the OASIS STIX 2.1 JSON schemas', () => {
  it('generators make values of every type (the property below is not vacuous)', () => {
    for (const type of INDICATOR_TYPES) {
      const [sample] = fc.sample(indicatorOf(type), 1);
      expect(classifyIndicator(sample!.value)).toBe(type);
    }
  });

  it.each(INDICATOR_TYPES)('a bundle of %s indicators validates and contains each of them', (type) => {
    fc.assert(
      fc.property(fc.array(indicatorOf(type), { minLength: 1, maxLength: 6 }), tlp, stixDate, (list, incidentTlp, now) => {
        const bundle = toStixBundle(list, { incidentKey: 'SEC-1', now, tlp: incidentTlp });
        expectValid(bundle);
        const indicators = bundle.objects.filter((o) => o.type === 'indicator');
        expect(indicators).toHaveLength(new Set(list.map(key)).size);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('random mixed bundles validate, with the report referencing every indicator', () => {
    fc.assert(
      fc.property(fc.array(anyIndicator, { maxLength: 20 }), tlp, stixDate, fc.string({ maxLength: 30 }), (list, incidentTlp, now, organization) => {
        const bundle = toStixBundle(list, { incidentKey: 'SEC-42', now, tlp: incidentTlp, organization });
        expectValid(bundle);
        const ids = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.id);
        const report = bundle.objects.find((o) => o.type === 'report');
        if (ids.length > 0) expect(report?.object_refs).toEqual(ids);
        // Every marking an object refers to travels in the bundle.
        const markings = new Set(bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id));
        for (const o of bundle.objects) for (const ref of (o.object_marking_refs as string[] | undefined) ?? []) expect(markings.has(ref)).toBe(true);
      }),
      { numRuns: 200 },
    );
    // Schema validation of 200 bundles takes seconds on a loaded machine.
  }, 60_000);

  it('a bundle with no indicators still validates (it is never objects: [])', () => {
    const bundle = toStixBundle([], { incidentKey: 'SEC-1', now: new Date('2026-01-01T00:00:00Z') });
    expect(bundle.objects.length).toBeGreaterThan(0);
    expectValid(bundle);
  });

  it('the validator is real: it refuses what STIX forbids', () => {
    const bundle = toStixBundle([{ type: 'ipv4', value: '203.0.113.7' }], { incidentKey: 'SEC-1', now: new Date('2026-01-01T00:00:00Z') });
    expect(validateBundle({ ...bundle, objects: [] })).toBe(false);
    const broken = bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, valid_from: '+010000-01-01T00:00:00.000Z' } : o));
    expect(validateBundle({ ...bundle, objects: broken })).toBe(false);
    const noRefs = bundle.objects.map((o) => (o.type === 'report' ? { ...o, object_refs: [] } : o));
    expect(validateBundle({ ...bundle, objects: noRefs })).toBe(false);
  });
});

// The object paths STIX 2.1 defines for what the app writes, and the app's one custom object.
const KNOWN_PATHS = new Set([
  'ipv4-addr:value', 'ipv6-addr:value', 'domain-name:value', 'url:value', 'email-addr:value', 'user-account:user_id',
  'network-traffic:extensions.http-request-ext.request_value', 'network-traffic:extensions.http-request-ext.request_method',
  'file:hashes.MD5', 'file:hashes.SHA-1', 'file:hashes.SHA-256', 'x-forge-app-scope:value',
]);

describe('STIX patterns against the OASIS pattern grammar', () => {
  it('property: every pattern parses, uses paths STIX defines, and carries the value as given (round trip)', () => {
    fc.assert(
      fc.property(anyIndicator, (indicator) => {
        const [o] = toStixBundle([indicator], { incidentKey: 'SEC-1', now: new Date('2026-01-01T00:00:00Z') }).objects.filter((x) => x.type === 'indicator');
        const comparisons = parseStixPattern(String(o?.pattern));
        for (const c of comparisons) expect(KNOWN_PATHS.has(`${c.objectType}:${c.path.join('.')}`), `${c.objectType}:${c.path.join('.')}`).toBe(true);
        const value = indicator.value.trim();
        const last = comparisons[comparisons.length - 1]!;
        if (indicator.type === 'http-request') {
          expect(comparisons.map((c) => c.value)).toEqual([value.split(/\s+/)[0]!.toLowerCase(), value.split(/\s+/)[1]]);
        } else if (indicator.type === 'scope-change' || indicator.type === 'egress-change') {
          const target = value.split(/:\s*/).slice(1).join(':');
          expect(last.op === 'LIKE' ? `*${last.value.slice(1)}` : last.value).toBe(target);
        } else if (['sha256', 'sha1', 'md5'].includes(indicator.type)) {
          expect(last.value).toBe(value.toLowerCase());
        } else {
          expect(last.value).toBe(value);
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('the checker is real: it refuses what the grammar does not allow', () => {
    for (const bad of ["[ipv4-addr:value = '1.2.3.4'", "[ipv4-addr:value = 1.2.3.4]", "[network-traffic:extensions.http-request-ext.request_value = '/x']", "[url:value = 'a'b']", "[url:value = 'a\\']"]) {
      expect(() => parseStixPattern(bad), bad).toThrow();
    }
  });
});

describe('why the bundle ties indicators together with a report', () => {
  it('the OASIS bundle schema refuses a grouping (it is not among the objects bundle.json lists)', () => {
    const bundle = toStixBundle([{ type: 'ipv4', value: '203.0.113.7' }], { incidentKey: 'SEC-1', now: new Date('2026-01-01T00:00:00Z') });
    const asGrouping = bundle.objects.map((o) => {
      if (o.type !== 'report') return o;
      const { published: _p, report_types: _t, ...rest } = o;
      return { ...rest, type: 'grouping', id: String(o.id).replace('report--', 'grouping--'), context: 'suspicious-activity' };
    });
    expect(validateBundle({ ...bundle, objects: asGrouping })).toBe(false);
    expectValid(bundle);
  });
});
