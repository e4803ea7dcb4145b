import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  classifyIndicator, normaliseIndicator, defang, refang, parseIndicatorLines, toStixBundle, uuidV5,
  stixPattern, NOT_RECOGNISED_REASON, TOO_LONG_REASON, MAX_INDICATOR_LENGTH,
} from '../../../src/domain/indicators';
import type { IndicatorType } from '../../../src/domain/indicators';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = new Date('2025-03-04T05:06:07.089Z');

function expectType(values: string[], type: IndicatorType | null): void {
  for (const v of values) expect([v, classifyIndicator(v)]).toEqual([v, type]);
}

describe('classifyIndicator', () => {
  it('recognises canonical dotted-quad IPv4, boundaries included', () => {
    expectType(['203.0.113.7', '0.0.0.0', '255.255.255.255', '10.0.0.1'], 'ipv4');
  });

  it('rejects quads with an octet over 255 as both IP and domain', () => {
    expectType(['256.1.1.1', '1.1.1.256', '999.1.1.1', '300.300.300.300'], null);
  });

  it('rejects the odd IPv4 forms ipaddr.js would accept (short, octal, hex, leading zero)', () => {
    expectType(['1.2.3', '10.1', '127', '0x7f.1', '0x7f.0.0.1', '010.0.0.1', '1.2.3.04', '1.2.3.4.5'], null);
  });

  it('recognises IPv6 in full, compressed, uppercase and mixed forms', () => {
    expectType([
      '::1', '::', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '1:2:3:4:5:6:7:8', 'fe80::1',
      '::ffff:192.0.2.1', '64:ff9b::192.0.2.1', '::192.0.2.1', '1:2:3:4:5:6:192.0.2.1',
    ], 'ipv6');
  });

  it('rejects malformed IPv6, zone ids, brackets and bad embedded IPv4', () => {
    expectType([
      '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '2001:db8::00001', 'gggg::1', 'fe80::1%eth0', '[::1]',
      '::ffff:256.1.1.1', '::ffff:10.1', '::ffff:01.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
    ], null);
  });

  it('recognises IPv4 and IPv6 CIDR prefixes at the bounds of the prefix length', () => {
    expectType([
      '0.0.0.0/0', '10.0.0.0/8', '203.0.113.7/32', '10.0.0.1/24',
      '::/0', '2001:db8::/32', '::1/128', '::ffff:192.0.2.0/120',
    ], 'cidr');
  });

  it('rejects prefixes out of range or badly written', () => {
    expectType([
      '10.0.0.0/33', '::/129', '2001:db8::/200', '10.0.0.0/', '10.0.0.0/033', '10.0.0.0/-1',
      '10.0.0.0/+8', '10.0.0.0/8/8', '10.1/8', '256.0.0.0/8', 'fe80::1%eth0/64', 'example.com/24',
    ], null);
    // A bare prefix has no address: by its leading '/' it reads as a path.
    expect(classifyIndicator('/24')).toBe('api-endpoint');
  });

  it('recognises both Atlassian account-id forms, in any case', () => {
    expectType([
      '5b10ac8d82e05b22cc7d4ef5', '5B10AC8D82E05B22CC7D4EF5',
      '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', '557058:F58131CB-B67D-43C7-B30D-6B58D40BD077',
    ], 'account-id');
  });

  it('rejects near-miss account ids', () => {
    expectType([
      '5b10ac8d82e05b22cc7d4ef', '5b10ac8d82e05b22cc7d4ef50', '5b10ac8d82e05b22cc7d4efg',
      'abc:f58131cb-b67d-43c7-b30d-6b58d40bd077', '557058:f58131cb-b67d-43c7-b30d-6b58d40bd07',
      ':f58131cb-b67d-43c7-b30d-6b58d40bd077',
    ], null);
  });

  it('recognises absolute http(s) URLs with ports, paths, queries, fragments, userinfo and IP hosts', () => {
    expectType([
      'http://evil.example.com', 'https://evil.example.com:8443/path/to?q=1&r=2#frag',
      'HTTPS://EVIL.EXAMPLE.COM/', 'http://203.0.113.7:8080/x', 'http://[2001:db8::1]:443/',
      'http://user:pw@evil.example.com/', 'http://localhost:3000/', 'https://bücher.example/',
      'http://evil.example.com:65535/', 'http://evil.example.com./x',
    ], 'url');
  });

  it('rejects other schemes, defanged and malformed URLs', () => {
    expectType([
      'ftp://evil.example.com/', 'hxxp://evil.example.com', 'http://', 'http:///path',
      'http://evil.example.com:65536/', 'http://evil.example.com:abc/', 'http://evil.example.com:/',
      'http://999.1.1.1/', 'http://1.2.3/', 'http://[fe80::1%25eth0]/', 'http://[::1/', 'http://exa mple.com',
      'http:evil.example.com', 'evil.example.com/path', '//evil.example.com/x', 'http://-a.example/',
    ], null);
  });

  it('recognises hostnames whose last label has a letter: case, IDN, trailing dot', () => {
    expectType([
      'evil.example.com', 'EVIL.Example.COM', 'example.com.', 'xn--bcher-kva.example',
      'bücher.example', 'a-b.example', '1.2.3.com', 'example.c0m',
    ], 'domain');
  });

  it('rejects single labels, bad hyphens, empty labels and underscores', () => {
    expectType([
      'localhost', 'garbage', '-a.example', 'a-.example', 'a..example', '.example.com',
      'example.com..', 'a_b.example', 'example.123',
    ], null);
  });

  it('enforces the 63-character label and 253-character name limits', () => {
    const label63 = 'a'.repeat(63);
    expect(classifyIndicator(`${label63}.example`)).toBe('domain');
    expect(classifyIndicator(`${label63}a.example`)).toBeNull();
    const name253 = `${'a'.repeat(61)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`;
    expect(name253).toHaveLength(253);
    expect(classifyIndicator(name253)).toBe('domain');
    expect(classifyIndicator(`a${name253}`)).toBeNull();
    expect(classifyIndicator(`${name253}.`)).toBe('domain');
  });

  it('recognises dot-atom email addresses with a real domain', () => {
    expectType(['alice@example.com', 'first.last+tag@Example.COM', "o'brien@example.com"], 'email');
    expect(classifyIndicator(`${'a'.repeat(64)}@example.com`)).toBe('email');
  });

  it('rejects malformed email addresses', () => {
    expectType([
      'alice@localhost', '@example.com', 'alice@', 'a..b@example.com', '.a@example.com', 'a.@example.com',
      'alice@example.com.', 'alice@[192.0.2.1]', 'alice@@example.com', 'mailto:alice@example.com',
      'alice@192.0.2.1', `${'a'.repeat(65)}@example.com`,
    ], null);
  });

  it('recognises API paths and rejects bare or scheme-relative ones', () => {
    expectType(['/rest/api/3/user/search', '/rest/api/3/user/search?query=bob', '/wiki/rest/api/content/123', '/x'], 'api-endpoint');
    expectType(['/', '//evil.example.com/x', '/rest/api 3', 'rest/api/3/user/search'], null);
  });

  it('ignores surrounding whitespace but not inner whitespace or control characters', () => {
    expect(classifyIndicator('  203.0.113.7\t\n')).toBe('ipv4');
    expect(classifyIndicator('\r\n evil.example.com ')).toBe('domain');
    expectType(['', '   ', 'not an indicator', 'evil .example.com', 'evil.exa\u0000mple.com'], null);
  });

  it('applies the documented precedence', () => {
    expect(classifyIndicator('http://alice@example.com/')).toBe('url');
    expect(classifyIndicator('::ffff:203.0.113.7')).toBe('ipv6');
    expect(classifyIndicator('abcdefabcdefabcdefabcdef')).toBe('account-id');
    // '/' is legal in an email local part, but a leading '/' makes a path (which may carry '@').
    expect(classifyIndicator('/rest/api/3/user/search?query=alice@example.com')).toBe('api-endpoint');
    expect(classifyIndicator('/alice@example.com')).toBe('api-endpoint');
    expect(classifyIndicator('a/lice@example.com')).toBe('email');
  });

  it('does not refang implicitly', () => {
    expectType(['evil[.]example[.]com', '1[.]2[.]3[.]4', 'hxxps://evil[.]example[.]com/', 'alice[@]example[.]com'], null);
  });
});

describe('normaliseIndicator', () => {
  it.each<[IndicatorType, string, string]>([
    ['ipv4', ' 203.0.113.7 ', '203.0.113.7'],
    ['ipv6', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['ipv6', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['ipv6', '::FFFF:C000:0201', '::ffff:192.0.2.1'],
    ['ipv6', '::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    // The deprecated IPv4-compatible form is not the mapped address ipaddr.js would make of it.
    ['ipv6', '::192.0.2.1', '::c000:201'],
    ['cidr', '2001:DB8:0::/32', '2001:db8::/32'],
    ['cidr', '10.0.0.1/24', '10.0.0.1/24'],
    ['domain', 'EVIL.Example.COM.', 'evil.example.com'],
    ['email', 'Alice.Smith@EXAMPLE.com', 'Alice.Smith@example.com'],
    ['url', 'HTTPS://User@EVIL.Example.COM:8443/Path?Q=A#F', 'https://User@evil.example.com:8443/Path?Q=A#F'],
    ['url', 'http://[2001:DB8:0::1]/X', 'http://[2001:db8::1]/X'],
    ['account-id', '5B10AC8D82E05B22CC7D4EF5', '5b10ac8d82e05b22cc7d4ef5'],
    ['api-endpoint', ' /rest/api/3/User ', '/rest/api/3/User'],
  ])('%s %j → %j', (type, value, expected) => {
    expect(normaliseIndicator(type, value)).toBe(expected);
  });

  it('returns a value that does not fit its type trimmed, without throwing', () => {
    expect(normaliseIndicator('ipv6', ' nope ')).toBe('nope');
    expect(normaliseIndicator('ipv4', '10.1')).toBe('10.1');
    expect(normaliseIndicator('cidr', '10.0.0.0/99')).toBe('10.0.0.0/99');
  });
});

describe('defang', () => {
  it.each<[IndicatorType, string, string]>([
    ['ipv4', '203.0.113.7', '203[.]0[.]113[.]7'],
    ['cidr', '10.0.0.0/8', '10[.]0[.]0[.]0/8'],
    ['ipv6', '2001:db8::1', '2001:db8::1'],
    ['ipv6', '::ffff:192.0.2.1', '::ffff:192[.]0[.]2[.]1'],
    ['domain', 'evil.example.com', 'evil[.]example[.]com'],
    ['email', 'first.last@evil.example.com', 'first.last[@]evil[.]example[.]com'],
    ['url', 'https://evil.example.com/a.php?x=1.2', 'hxxps://evil[.]example[.]com/a.php?x=1.2'],
    ['url', 'HTTP://Evil.Example.com', 'HXXP://Evil[.]Example[.]com'],
    ['account-id', '5b10ac8d82e05b22cc7d4ef5', '5b10ac8d82e05b22cc7d4ef5'],
    ['api-endpoint', '/rest/api/3/user.search', '/rest/api/3/user.search'],
  ])('%s %j → %j', (type, value, expected) => {
    expect(defang(value, type)).toBe(expected);
  });
});

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]example[.]com', 'http://evil.example.com'],
    ['hXXps://evil(.)example{.}com', 'hTTps://evil.example.com'],
    ['evil[dot]example(dot)com', 'evil.example.com'],
    ['evil [dot] example [.] com', 'evil.example.com'],
    ['alice[@]example[.]com', 'alice@example.com'],
    ['alice [at] example[.]com', 'alice@example.com'],
    ['alice(at)example(DOT)com', 'alice@example.com'],
    ['hxxps[://]evil[.]example[.]com', 'https://evil.example.com'],
    ['hxxp[:]//evil[.]example[.]com', 'http://evil.example.com'],
    ['2001[:]db8[:][:]1', '2001:db8::1'],
    ['fxp://files[.]example[.]com', 'ftp://files.example.com'],
    ['http://example.com/hxxp/x', 'http://example.com/hxxp/x'],
  ])('%j → %j', (text, expected) => {
    expect(refang(text)).toBe(expected);
  });

  it('keeps lines apart', () => {
    expect(refang('a[.]com [.]\nb[.]com')).toBe('a.com.\nb.com');
  });
});

describe('classifyIndicator: hosts as the WHATWG URL host parser reads them', () => {
  it('refuses names a browser reads as an IPv4 address in another notation', () => {
    expectType(['1.2.3.0x7f', '0x7f.0x1', '1.0x2.3.4', '10.0.0.0x1'], null);
    expectType(['alice@1.2.3.0x7f'], null);
  });

  it('refuses names the host parser refuses: a numeric-looking last label, invalid punycode, a leading combining mark', () => {
    expectType(['example.0xff', 'xn--zz.com', '\u0301abc.com', 'a.\u0301bc.com', 'sub.xn--a.example'], null);
    expectType(['alice@example.0xff', 'bob@xn--zz.com', 'eve@\u0301abc.com'], null);
  });

  it('still takes ordinary, IDN and punycode domains and e-mail domains', () => {
    expectType(['example.com', 'bücher.de', 'xn--bcher-kva.de', 'a-b.example', '1.2.3.com'], 'domain');
    expectType(['alice@bücher.de', 'bob@xn--bcher-kva.de'], 'email');
  });

  it('refuses bidirectional controls, zero-width characters and lone surrogates in any indicator', () => {
    expectType(['https://evil.example/\u202Epath', 'evil\u200B.example.com', '203.0.\uFEFF113.7', 'a\u2066b.example', '/rest/\u061Capi', 'x\uD800.example.com'], null);
    expectType(['scope added: read:jira\u200D-user', 'POST /rest/api/3/issue\u202E/bulk'], null);
  });
});

describe('classifyIndicator: the program\'s other indicators', () => {
  it('scope changes, added or removed', () => {
    expectType(['scope added: read:jira-user', 'Scope Removed: write:jira-work', 'scope added:storage:app', 'scope  added :  read:confluence-content.all'], 'scope-change');
    expectType(['scope added:', 'scope added: not a scope', 'scope changed: read:jira-user', 'scope added: read'], null);
  });

  it('egress changes: a domain, a *. wildcard, a URL or an IPv4 address', () => {
    expectType(['egress added: *.example.net', 'egress removed: api.example.com', 'egress added: https://api.example.com/v1', 'EGRESS ADDED: 203.0.113.7'], 'egress-change');
    expectType(['egress added: *.', 'egress added: *.0xff', 'egress added: example.0xff', 'egress added: **.example.net', 'egress added: https://x.example/\u0001'], null);
  });

  it('HTTP method and path', () => {
    expectType(['POST /rest/api/3/issue/bulk', 'get /rest/api/3/myself', 'DELETE /wiki/rest/api/content/1?x=y'], 'http-request');
    expectType(['POST rest/api', 'FETCH /rest/api', 'POST //evil.example/x', 'POST /a b'], null);
  });

  it('SHA-256, SHA-1 and MD5 hashes by length, any case', () => {
    expectType(['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'], 'sha256');
    expectType(['da39a3ee5e6b4b0d3255bfef95601890afd80709'], 'sha1');
    expectType(['d41d8cd98f00b204e9800998ecf8427e'], 'md5');
    expectType(['d41d8cd98f00b204e9800998ecf8427', 'g41d8cd98f00b204e9800998ecf8427e'], null);
    // 24 hex digits stay an account ID.
    expectType(['5b10ac8d82e05b22cc7d4ef5'], 'account-id');
  });

  it('defanged forms still parse', () => {
    const r = parseIndicatorLines(['egress added: *[.]example[.]net', 'egress added: hxxps://api[.]example[.]com/v1', 'POST /rest/api/3/issue/bulk', 'scope added: read:jira-user'].join('\n'), { max: 10 });
    expect(r.accepted.map((a) => [a.type, a.value])).toEqual([
      ['egress-change', 'egress added: *.example.net'],
      ['egress-change', 'egress added: https://api.example.com/v1'],
      ['http-request', 'POST /rest/api/3/issue/bulk'],
      ['scope-change', 'scope added: read:jira-user'],
    ]);
  });

  it('normalises the worded forms to one spelling, so repeats are found', () => {
    expect(normaliseIndicator('scope-change', 'Scope  ADDED :READ:Jira-User')).toBe('scope added: read:jira-user');
    expect(normaliseIndicator('egress-change', 'egress added: *.EXAMPLE.net')).toBe('egress added: *.example.net');
    expect(normaliseIndicator('http-request', 'post   /rest/API')).toBe('POST /rest/API');
    expect(normaliseIndicator('md5', 'D41D8CD98F00B204E9800998ECF8427E')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});

describe('parseIndicatorLines', () => {
  it('refangs, trims, skips blanks, classifies and numbers lines across LF, CRLF and CR', () => {
    const text = '  hxxps://evil[.]example[.]com/x \r\n\r\n203[.]0[.]113[.]7\rnonsense here\n/rest/api/3/user/search\n';
    const r = parseIndicatorLines(text, { max: 10 });
    expect(r.accepted).toEqual([
      { type: 'url', value: 'https://evil.example.com/x', line: 1 },
      { type: 'ipv4', value: '203.0.113.7', line: 3 },
      { type: 'api-endpoint', value: '/rest/api/3/user/search', line: 5 },
    ]);
    expect(r.rejected).toEqual([{ line: 4, text: 'nonsense here', reason: NOT_RECOGNISED_REASON }]);
    expect(r.duplicates).toEqual([]);
  });

  it('states the rejection reason in words', () => {
    expect(NOT_RECOGNISED_REASON).toBe('not a recognised indicator (IP, CIDR, domain, URL, email, account ID, API path, method and path, scope or egress change, or SHA-256/SHA-1/MD5 hash)');
    expect(TOO_LONG_REASON).toBe('longer than 2048 characters');
  });

  it('reports repeats after normalisation and accepts the first only', () => {
    const text = [
      'Evil.Example.com', 'evil[.]example[.]com.', '2001:DB8::1', '2001:db8:0:0:0:0:0:1',
      'alice@EXAMPLE.com', 'alice@example.com', 'Alice@example.com', 'HTTP://EVIL.example.com/A', 'http://evil.example.com/A',
      'http://evil.example.com/a',
    ].join('\n');
    const r = parseIndicatorLines(text, { max: 100 });
    expect(r.accepted.map((a) => [a.line, a.value])).toEqual([
      [1, 'evil.example.com'], [3, '2001:db8::1'], [5, 'alice@example.com'], [7, 'Alice@example.com'],
      [8, 'http://evil.example.com/A'], [10, 'http://evil.example.com/a'],
    ]);
    expect(r.duplicates).toEqual([
      { line: 2, value: 'evil.example.com.', duplicateOf: 1 },
      { line: 4, value: '2001:db8:0:0:0:0:0:1', duplicateOf: 3 },
      { line: 6, value: 'alice@example.com', duplicateOf: 5 },
      { line: 9, value: 'http://evil.example.com/A', duplicateOf: 8 },
    ]);
  });

  it('rejects new indicators beyond the limit; repeats and rejects do not count', () => {
    const r = parseIndicatorLines('a.example\nbad line\na.example\nb.example\nc.example\nb.example', { max: 2 });
    expect(r.accepted.map((a) => a.value)).toEqual(['a.example', 'b.example']);
    expect(r.rejected).toEqual([
      { line: 2, text: 'bad line', reason: NOT_RECOGNISED_REASON },
      { line: 5, text: 'c.example', reason: 'over the limit of 2 indicators' },
    ]);
    expect(r.duplicates.map((d) => d.line)).toEqual([3, 6]);
  });

  it('accepts nothing with a limit of 0', () => {
    const r = parseIndicatorLines('a.example', { max: 0 });
    expect(r.accepted).toEqual([]);
    expect(r.rejected[0]?.reason).toBe('over the limit of 0 indicators');
  });

  it('accepts exactly 2048 characters and rejects 2049, measured after refanging and trimming', () => {
    const base = 'https://evil.example.com/';
    const exact = base + 'a'.repeat(MAX_INDICATOR_LENGTH - base.length);
    const over = exact + 'a';
    const defangedExact = `  hxxps://evil[.]example[.]com/${'a'.repeat(MAX_INDICATOR_LENGTH - base.length)}  `;
    const r = parseIndicatorLines([exact, over, defangedExact].join('\n'), { max: 10 });
    expect(r.accepted.map((a) => a.line)).toEqual([1]);
    expect(r.rejected).toEqual([{ line: 2, text: over, reason: TOO_LONG_REASON }]);
    expect(r.duplicates.map((d) => d.line)).toEqual([3]);
  });

  it('returns the line as pasted in a rejection', () => {
    const r = parseIndicatorLines('\n  hxxp://evil[.]example/a b  ', { max: 10 });
    expect(r.rejected).toEqual([{ line: 2, text: 'hxxp://evil[.]example/a b', reason: NOT_RECOGNISED_REASON }]);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 v5 reference value', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('always sets version 5 and the RFC 4122 variant', () => {
    fc.assert(fc.property(fc.uuid(), fc.string(), (ns, name) => {
      expect(uuidV5(ns, name)).toMatch(UUID_V5);
    }));
  });
});

describe('stixPattern', () => {
  it('escapes backslashes and single quotes with a backslash', () => {
    expect(stixPattern('url', "http://x.example/a'b\\c")).toBe("[url:value = 'http://x.example/a\\'b\\\\c']");
    expect(stixPattern('email-addr', "o'brien@example.com")).toBe("[email-addr:value = 'o\\'brien@example.com']");
    expect(stixPattern('url', "http://x.example/\\'")).toBe("[url:value = 'http://x.example/\\\\\\'']");
  });
});

describe('toStixBundle', () => {
  const opts = { incidentKey: 'SEC-42', now: NOW };
  const indicatorsOf = (b: { objects: Record<string, unknown>[] }) => b.objects.filter((o) => o['type'] === 'indicator');
  const ofType = (b: { objects: Record<string, unknown>[] }, type: string) => b.objects.filter((o) => o['type'] === type);

  it('writes one indicator per indicator, of every type, with the exact pattern', () => {
    const bundle = toStixBundle([
      { type: 'ipv4', value: '203.0.113.7' },
      { type: 'ipv6', value: '2001:db8::1' },
      { type: 'cidr', value: '198.51.100.0/24' },
      { type: 'cidr', value: '2001:db8::/32' },
      { type: 'domain', value: ' evil.example.com ' },
      { type: 'url', value: 'https://evil.example.com/x?y=1' },
      { type: 'email', value: 'alice@evil.example.com' },
      { type: 'account-id', value: '5b10ac8d82e05b22cc7d4ef5' },
      { type: 'api-endpoint', value: '/rest/api/3/user/search' },
      { type: 'http-request', value: 'POST /rest/api/3/issue/bulk' },
      { type: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
      { type: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
      { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
      { type: 'scope-change', value: 'scope added: read:jira-user' },
      { type: 'egress-change', value: 'egress added: *.example.net' },
      { type: 'egress-change', value: 'egress removed: api.example.org' },
    ], opts);
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(/^bundle--/);
    expect(bundle.id.slice('bundle--'.length)).toMatch(UUID_V5);
    expect(indicatorsOf(bundle).map((o) => o['pattern'])).toEqual([
      "[ipv4-addr:value = '203.0.113.7']",
      "[ipv6-addr:value = '2001:db8::1']",
      "[ipv4-addr:value = '198.51.100.0/24']",
      "[ipv6-addr:value = '2001:db8::/32']",
      "[domain-name:value = 'evil.example.com']",
      "[url:value = 'https://evil.example.com/x?y=1']",
      "[email-addr:value = 'alice@evil.example.com']",
      "[user-account:user_id = '5b10ac8d82e05b22cc7d4ef5']",
      "[network-traffic:extensions.'http-request-ext'.request_value = '/rest/api/3/user/search']",
      "[network-traffic:extensions.'http-request-ext'.request_method = 'post' AND network-traffic:extensions.'http-request-ext'.request_value = '/rest/api/3/issue/bulk']",
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      "[x-forge-app-scope:value = 'read:jira-user']",
      "[domain-name:value LIKE '%.example.net']",
      "[domain-name:value = 'api.example.org']",
    ]);
    // What a pattern cannot say about a manifest change is kept in a named custom property.
    const custom = indicatorsOf(bundle).slice(-3).map((o) => o['x_forge_manifest_change']);
    expect(custom).toEqual([
      { kind: 'scope', change: 'added', value: 'read:jira-user' },
      { kind: 'egress', change: 'added', value: '*.example.net' },
      { kind: 'egress', change: 'removed', value: 'api.example.org' },
    ]);
  });

  it('fills every required STIX 2.1 indicator property; valid_from is first seen, created when it was added', () => {
    const firstSeen = new Date('2025-01-02T03:04:05.006Z');
    const addedAt = new Date('2025-02-01T00:00:00.000Z');
    const [withFirstSeen, onlyAdded, nothingKnown] = indicatorsOf(toStixBundle([
      { type: 'ipv4', value: '203.0.113.7', firstSeen, addedAt },
      { type: 'domain', value: 'evil.example.com', addedAt },
      { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    ], opts));
    expect(withFirstSeen).toMatchObject({
      type: 'indicator', spec_version: '2.1', pattern_type: 'stix',
      created: '2025-02-01T00:00:00.000Z', modified: '2025-02-01T00:00:00.000Z',
      valid_from: '2025-01-02T03:04:05.006Z', name: 'IPv4 address 203.0.113.7',
    });
    expect(withFirstSeen?.['labels']).toContain('SEC-42');
    expect(String(withFirstSeen?.['id'])).toMatch(/^indicator--/);
    expect(String(withFirstSeen?.['id']).slice('indicator--'.length)).toMatch(UUID_V5);
    expect(onlyAdded?.['valid_from']).toBe('2025-02-01T00:00:00.000Z');
    // Nothing says when: valid from the export, but `created` is a fixed instant, never the export time.
    expect(nothingKnown?.['valid_from']).toBe(NOW.toISOString());
    expect(nothingKnown?.['created']).not.toBe(NOW.toISOString());
  });

  it('derives created from first seen when the added time is not given (the contract\'s input)', () => {
    const firstSeen = new Date('2025-01-02T03:04:05.006Z');
    const [o] = indicatorsOf(toStixBundle([{ type: 'ipv4', value: '203.0.113.7', firstSeen }], opts));
    expect(o).toMatchObject({ created: firstSeen.toISOString(), modified: firstSeen.toISOString(), valid_from: firstSeen.toISOString() });
  });

  it('gives an edited indicator a later modified, keeping created (so tools take the update)', () => {
    const addedAt = new Date('2025-02-01T00:00:00.000Z');
    const editedAt = new Date('2025-02-03T00:00:00.000Z');
    const [o] = indicatorsOf(toStixBundle([{ type: 'ipv4', value: '203.0.113.7', addedAt, editedAt }], opts));
    expect(o).toMatchObject({ created: addedAt.toISOString(), modified: editedAt.toISOString() });
    expect(ofType(toStixBundle([{ type: 'ipv4', value: '203.0.113.7', addedAt, editedAt }], opts), 'report')[0]?.['modified']).toBe(editedAt.toISOString());
    // An edit time before the creation (clock skew) never makes modified earlier than created.
    const [p] = indicatorsOf(toStixBundle([{ type: 'ipv4', value: '203.0.113.7', addedAt, editedAt: new Date('2024-01-01T00:00:00Z') }], opts));
    expect(p?.['modified']).toBe(addedAt.toISOString());
  });

  it('escapes quotes and backslashes in patterns', () => {
    const [o] = indicatorsOf(toStixBundle([{ type: 'url', value: "http://evil.example.com/it's\\x" }], opts));
    expect(o?.['pattern']).toBe("[url:value = 'http://evil.example.com/it\\'s\\\\x']");
    const [p] = indicatorsOf(toStixBundle([{ type: 'http-request', value: "GET /a'b\\c" }], opts));
    expect(p?.['pattern']).toContain("request_value = '/a\\'b\\\\c'");
  });

  it('is deterministic: the same indicator keeps its id and created in every export', () => {
    const input = [{ type: 'ipv4' as const, value: '203.0.113.7' }, { type: 'domain' as const, value: 'evil.example.com', firstSeen: new Date('2025-01-01T00:00:00Z') }];
    const a = toStixBundle(input, opts);
    expect(toStixBundle(input, { incidentKey: 'SEC-42', now: new Date(NOW.getTime()) })).toEqual(a);
    const ids = indicatorsOf(a).map((o) => o['id']);
    expect(new Set(ids).size).toBe(2);
    const otherKey = toStixBundle(input, { ...opts, incidentKey: 'SEC-43' });
    expect(otherKey.id).not.toBe(a.id);
    expect(indicatorsOf(otherKey).map((o) => o['id'])).not.toContain(ids[0]);
    const later = toStixBundle(input, { ...opts, now: new Date(NOW.getTime() + 86_400_000) });
    expect(later.id).not.toBe(a.id);
    // An indicator keeps its id and its created across exports, so a re-import updates it.
    expect(indicatorsOf(later).map((o) => [o['id'], o['created'], o['modified']])).toEqual(indicatorsOf(a).map((o) => [o['id'], o['created'], o['modified']]));
    // So do the report and the identity.
    for (const type of ['report', 'identity']) expect(ofType(later, type)).toEqual(ofType(a, type));
  });

  it('gives an indicator the same id however it is spelled, and includes it once', () => {
    const b = toStixBundle([
      { type: 'domain', value: 'evil.example.com' },
      { type: 'domain', value: 'EVIL.example.com' },
      { type: 'cidr', value: '2001:db8::/32' },
      { type: 'cidr', value: '2001:DB8:0::/32' },
      { type: 'sha1', value: 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709' },
      { type: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
    ], opts);
    expect(indicatorsOf(b).map((o) => o['pattern'])).toEqual([
      "[domain-name:value = 'evil.example.com']", "[ipv6-addr:value = '2001:db8::/32']",
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
    ]);
  });

  it('has an identity for the exporting organization and a report naming the incident that references every indicator', () => {
    const b = toStixBundle([{ type: 'ipv4', value: '203.0.113.7' }, { type: 'account-id', value: '5b10ac8d82e05b22cc7d4ef5' }], { ...opts, organization: 'Acme Security', incidentTitle: 'Token leak' });
    const [identity] = ofType(b, 'identity');
    expect(identity).toMatchObject({ name: 'Acme Security', identity_class: 'organization' });
    const [report] = ofType(b, 'report');
    expect(report).toMatchObject({ name: 'Incident SEC-42: Token leak', created_by_ref: identity?.['id'], object_refs: indicatorsOf(b).map((o) => o['id']) });
    for (const o of indicatorsOf(b)) expect(o['created_by_ref']).toBe(identity?.['id']);
  });

  it('is never an empty bundle: with no indicators, the identity, the marking and the report remain', () => {
    const b = toStixBundle([], opts);
    expect(b.objects.map((o) => o['type'])).toEqual(['identity', 'marking-definition', 'report']);
    expect(b.id.slice('bundle--'.length)).toMatch(UUID_V5);
  });

  it('marks with TLP 2.0: the incident\'s level (AMBER by default), an indicator\'s own only when stricter', () => {
    const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
    const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
    const b = toStixBundle([
      { type: 'ipv4', value: '203.0.113.7' },
      { type: 'ipv4', value: '203.0.113.8', tlp: 'red' },
      { type: 'ipv4', value: '203.0.113.9', tlp: 'green' },
    ], opts);
    expect(indicatorsOf(b).map((o) => o['object_marking_refs'])).toEqual([[AMBER], [RED], [AMBER]]);
    expect(ofType(b, 'report')[0]?.['object_marking_refs']).toEqual([AMBER]);
    expect(ofType(b, 'marking-definition').map((m) => [m['id'], m['name']])).toEqual([[AMBER, 'TLP:AMBER'], [RED, 'TLP:RED']]);
    const green = toStixBundle([{ type: 'ipv4', value: '203.0.113.9' }], { ...opts, tlp: 'green' });
    expect(indicatorsOf(green)[0]?.['object_marking_refs']).toEqual([GREEN]);
  });

  it('refuses a date STIX cannot write rather than writing a bad timestamp', () => {
    expect(() => toStixBundle([{ type: 'ipv4', value: '203.0.113.7', firstSeen: new Date('+010000-01-01T00:00:00Z') }], opts)).toThrow(RangeError);
    expect(() => toStixBundle([{ type: 'ipv4', value: '203.0.113.7', firstSeen: new Date(Number.NaN) }], opts)).toThrow(RangeError);
    expect(() => toStixBundle([], { ...opts, now: new Date('-000001-01-01T00:00:00Z') })).toThrow(RangeError);
  });
});

// Values that already contain a defang spelling cannot survive refang unchanged; leave them out.
const DEFANG_SPELLING = /\[(?:\.|dot|@|at|:|:\/\/)\]|\((?:\.|dot|@|at)\)|\{(?:\.|dot|@|at)\}/i;
const clean = (v: string): boolean => !DEFANG_SPELLING.test(v);

const generated: [IndicatorType, fc.Arbitrary<string>][] = [
  ['ipv4', fc.ipV4()],
  ['ipv6', fc.ipV6()],
  ['domain', fc.domain()],
  // A leading '/' reads as an API path (documented precedence).
  ['email', fc.emailAddress().filter((v) => clean(v) && !v.startsWith('/'))],
  ['url', fc.webUrl({
    validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true,
    authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
  }).filter(clean)],
  ['cidr', fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`)],
  ['cidr', fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, p]) => `${ip}/${p}`)],
  ['scope-change', fc.tuple(fc.constantFrom('added', 'removed'), fc.stringMatching(/^[a-z]{1,8}:[a-z0-9][a-z0-9.-]{0,12}$/)).map(([c, s]) => `scope ${c}: ${s}`)],
  ['egress-change', fc.tuple(fc.constantFrom('added', 'removed'), fc.oneof(fc.domain(), fc.domain().map((d) => `*.${d}`), fc.ipV4())).map(([c, t]) => `egress ${c}: ${t}`)],
  ['http-request', fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), fc.webPath().filter((p) => p.length > 1 && !p.startsWith('//') && clean(p))).map(([m, p]) => `${m} ${p}`)],
  ['sha256', fc.stringMatching(/^[0-9a-f]{64}$/)],
  ['sha1', fc.stringMatching(/^[0-9a-f]{40}$/)],
  ['md5', fc.stringMatching(/^[0-9a-f]{32}$/)],
];

describe('properties', () => {
  it.each(generated)('generated %s values are classified as such', (type, arb) => {
    fc.assert(fc.property(arb, (v) => { expect(classifyIndicator(v)).toBe(type); }));
  });

  it.each(generated)('%s: refang(defang(v)) === v and keeps the classification', (type, arb) => {
    fc.assert(fc.property(arb, (v) => {
      const back = refang(defang(v, type));
      expect(back).toBe(v);
      expect(classifyIndicator(back)).toBe(classifyIndicator(v));
    }));
  });

  it.each(generated)('%s: defanged values are not classified until refanged (when defang changes them)', (type, arb) => {
    fc.assert(fc.property(arb, (v) => {
      const d = defang(v, type);
      if (d !== v) expect(classifyIndicator(d)).not.toBe(type);
    }));
  });

  it.each(generated)('%s: normalisation is idempotent and keeps the type', (type, arb) => {
    fc.assert(fc.property(arb, (v) => {
      const n = normaliseIndicator(type, v);
      expect(normaliseIndicator(type, n)).toBe(n);
      expect(classifyIndicator(n)).toBe(type);
    }));
  });

  it('odd IPv4 spellings are never ipv4', () => {
    fc.assert(fc.property(fc.ipV4Extended(), (v) => {
      expect(classifyIndicator(v) === 'ipv4').toBe(/^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/.test(v));
    }));
  });

  it('a paste of defanged values accepts each once, with its type, in line order', () => {
    const item = fc.oneof(...generated.map(([type, arb]) => arb.map((value) => ({ type, value }))));
    fc.assert(fc.property(fc.array(item, { maxLength: 20 }), (items) => {
      const text = items.map(({ type, value }) => `  ${defang(value, type)}\t`).join('\r\n');
      const r = parseIndicatorLines(text, { max: 1000 });
      expect(r.rejected).toEqual([]);
      expect(r.accepted.length + r.duplicates.length).toBe(items.length);
      for (const a of r.accepted) {
        const original = items[a.line - 1];
        expect(a.type).toBe(original?.type);
        expect(a.value).toBe(normaliseIndicator(a.type, original?.value ?? ''));
      }
    }));
  });
});
