// Indicators of compromise: classification, normalisation, defanging and STIX 2.1 export.
// Pure: no clock, no randomness; time enters only through `now` / `firstSeen`.
import ipaddr from 'ipaddr.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, hexToBytes, utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js';

export type IndicatorType =
  | 'account-id' | 'ipv4' | 'ipv6' | 'cidr' | 'url' | 'domain' | 'api-endpoint' | 'email';

export const INDICATOR_TYPES: readonly IndicatorType[] = [
  'account-id', 'ipv4', 'ipv6', 'cidr', 'url', 'domain', 'api-endpoint', 'email',
];

/** Human names, for the UI and the STIX `name`. */
export const INDICATOR_TYPE_LABELS: Readonly<Record<IndicatorType, string>> = {
  'account-id': 'Atlassian account ID',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  cidr: 'IP range (CIDR)',
  url: 'URL',
  domain: 'Domain',
  'api-endpoint': 'API path',
  email: 'Email address',
};

// ---------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------

// Atlassian account IDs: the current 24-hex-digit form and the older `<digits>:<uuid>` form.
const ACCOUNT_ID_HEX = /^[0-9a-f]{24}$/i;
const ACCOUNT_ID_PREFIXED = /^\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// No indicator type contains whitespace or control characters.
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u;

// A hostname label: letters/digits (Unicode allowed, so IDN hostnames pasted in their native
// form are recognised, not only their xn-- form) and inner hyphens, at most 63 characters.
const LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const HAS_LETTER = /\p{L}/u;
const MAX_HOSTNAME_LENGTH = 253;

// RFC 5322 dot-atom local part (quoted local parts are not accepted).
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const MAX_EMAIL_LOCAL_LENGTH = 64;
const MAX_EMAIL_LENGTH = 254;

const URL_SHAPE = /^(https?):\/\/([^/?#]*)(.*)$/is;
const PORT = /^\d{1,5}$/;
const PREFIX_LENGTH = /^(?:0|[1-9]\d{0,2})$/;

/**
 * The type of a single indicator, or null. Surrounding whitespace is ignored; defanged input
 * (`hxxp`, `[.]`) is NOT refanged here — call `refang` first (as `parseIndicatorLines` does).
 *
 * The shapes are mutually exclusive, so the order below only documents precedence:
 * account ID first (a 24-hex string is never an IP), then url (has a scheme, so an `@` in it
 * is userinfo, not an email), api-endpoint (leading '/', even with an '@' later, as in
 * '/search?query=a@b.example'; '/' is legal in an email local part), email ('@'), cidr ('/'), ipv4, ipv6
 * (IPv4-mapped forms such as `::ffff:192.0.2.1` are ipv6), and domain last.
 */
export function classifyIndicator(value: string): IndicatorType | null {
  const v = value.trim();
  if (v === '' || WHITESPACE_OR_CONTROL.test(v)) return null;
  if (isAccountId(v)) return 'account-id';
  if (isHttpUrl(v)) return 'url';
  if (isApiEndpoint(v)) return 'api-endpoint';
  if (isEmail(v)) return 'email';
  if (isCidr(v)) return 'cidr';
  if (isIPv4(v)) return 'ipv4';
  if (isIPv6(v)) return 'ipv6';
  if (isDomain(v)) return 'domain';
  return null;
}

function isAccountId(v: string): boolean {
  return ACCOUNT_ID_HEX.test(v) || ACCOUNT_ID_PREFIXED.test(v);
}

/** Only the canonical dotted quad: ipaddr.js `isValid` also takes '10.1', '0x7f.1', '010.0.0.1'. */
function isIPv4(v: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(v);
}

/** Parses an IPv6 address, or returns null. Zone IDs (`%eth0`) are rejected: not an indicator. */
function parseIPv6(v: string): ipaddr.IPv6 | null {
  if (v.includes('%') || !v.includes(':')) return null;
  const hexOnly = embeddedIPv4ToHex(v);
  if (hexOnly === null || !ipaddr.IPv6.isValid(hexOnly)) return null;
  return ipaddr.IPv6.parse(hexOnly);
}

/**
 * Rewrites a trailing dotted quad as two hex groups. ipaddr.js accepts non-canonical embedded
 * IPv4 (leading zeros) and silently turns the deprecated `::a.b.c.d` into `::ffff:a.b.c.d`
 * (a different address), so it only ever sees the pure hex form.
 */
function embeddedIPv4ToHex(v: string): string | null {
  if (!v.includes('.')) return v;
  const cut = v.lastIndexOf(':');
  const quad = v.slice(cut + 1);
  if (!ipaddr.IPv4.isValidFourPartDecimal(quad)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(quad).octets;
  const high = ((a << 8) | b).toString(16);
  const low = ((c << 8) | d).toString(16);
  return `${v.slice(0, cut + 1)}${high}:${low}`;
}

function isIPv6(v: string): boolean {
  return parseIPv6(v) !== null;
}

function splitCidr(v: string): { address: string; prefix: number; kind: 'ipv4' | 'ipv6' } | null {
  const slash = v.indexOf('/');
  if (slash <= 0 || slash !== v.lastIndexOf('/')) return null;
  const address = v.slice(0, slash);
  const prefixText = v.slice(slash + 1);
  // No leading zeros or signs in the prefix length: '/033' is a typo, not /33 or /27.
  if (!PREFIX_LENGTH.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (isIPv4(address)) return prefix <= 32 ? { address, prefix, kind: 'ipv4' } : null;
  if (isIPv6(address)) return prefix <= 128 ? { address, prefix, kind: 'ipv6' } : null;
  return null;
}

function isCidr(v: string): boolean {
  return splitCidr(v) !== null;
}

/** A path on the API host such as `/rest/api/3/user/search` (a query string is allowed). */
function isApiEndpoint(v: string): boolean {
  // '//host/…' is a scheme-relative URL, not a path; a bare '/' says nothing.
  return v.startsWith('/') && !v.startsWith('//') && v.length > 1;
}

/**
 * A hostname of at least two labels whose last label contains a letter, so that a dotted quad
 * (valid or not: '999.1.1.1', '1.2.3') is never a domain. One trailing dot (the DNS root, as
 * `dig` prints names) is accepted.
 */
function isDomain(v: string): boolean {
  return isHostname(v, 2);
}

function isHostname(v: string, minLabels: number): boolean {
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  if (name.length === 0 || name.length > MAX_HOSTNAME_LENGTH) return false;
  const labels = name.split('.');
  const last = labels[labels.length - 1] ?? '';
  return labels.length >= minLabels && labels.every((l) => LABEL.test(l)) && HAS_LETTER.test(last);
}

function isEmail(v: string): boolean {
  const at = v.lastIndexOf('@');
  if (at <= 0 || v.length > MAX_EMAIL_LENGTH) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  return local.length <= MAX_EMAIL_LOCAL_LENGTH && EMAIL_LOCAL.test(local)
    && !domain.endsWith('.') && isDomain(domain);
}

interface UrlParts { scheme: string; userinfo: string; host: string; port: string; rest: string }

/** Splits an absolute http(s) URL; null when the authority is not a usable host[:port]. */
function splitHttpUrl(v: string): UrlParts | null {
  const m = URL_SHAPE.exec(v);
  if (!m) return null;
  const scheme = m[1] ?? '';
  const authority = m[2] ?? '';
  const rest = m[3] ?? '';
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = authority.slice(at + 1);
  let host: string;
  let port: string;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return null;
    host = hostPort.slice(0, close + 1);
    port = hostPort.slice(close + 1);
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    port = colon >= 0 ? hostPort.slice(colon) : '';
  }
  return { scheme, userinfo, host, port, rest };
}

function isUrlHost(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']') && isIPv6(host.slice(1, -1));
  // Single-label hosts (http://localhost/) are allowed in URLs, unlike bare domains.
  return isIPv4(host) || isHostname(host, 1);
}

function isPort(port: string): boolean {
  if (port === '') return true;
  const digits = port.slice(1);
  return port.startsWith(':') && PORT.test(digits) && Number(digits) <= 65535;
}

function isHttpUrl(v: string): boolean {
  const parts = splitHttpUrl(v);
  if (parts === null || !isUrlHost(parts.host) || !isPort(parts.port)) return false;
  // Final say to the WHATWG parser (what a browser would do with it), e.g. invalid IDNA hosts.
  return URL.canParse(v);
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/**
 * The canonical spelling used to compare indicators: IPs in ipaddr.js canonical form (IPv6 per
 * RFC 5952, IPv4-mapped kept in mixed notation), domains lowercased without the root dot,
 * emails with the domain lowercased (the local part is case-sensitive by RFC), URLs with scheme
 * and host lowercased (path and query are case-sensitive), account IDs lowercased. CIDR host bits
 * are kept ('10.0.0.1/24' stays distinct from '10.0.0.0/24': it records which host was seen).
 * A value that does not fit its type comes back trimmed, unchanged otherwise.
 */
export function normaliseIndicator(type: IndicatorType, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'account-id':
      return v.toLowerCase();
    case 'ipv4':
      return isIPv4(v) ? ipaddr.IPv4.parse(v).toString() : v;
    case 'ipv6':
      return canonicalIPv6(v) ?? v;
    case 'cidr':
      return canonicalCidr(v) ?? v;
    case 'domain':
      return (v.endsWith('.') ? v.slice(0, -1) : v).toLowerCase();
    case 'email':
      return canonicalEmail(v);
    case 'url':
      return canonicalUrl(v);
    case 'api-endpoint':
      return v;
  }
}

function canonicalIPv6(v: string): string | null {
  const ip = parseIPv6(v);
  if (ip === null) return null;
  return ip.isIPv4MappedAddress() ? `::ffff:${ip.toIPv4Address().toString()}` : ip.toRFC5952String();
}

function canonicalCidr(v: string): string | null {
  const c = splitCidr(v);
  if (c === null) return null;
  const address = c.kind === 'ipv4' ? ipaddr.IPv4.parse(c.address).toString() : canonicalIPv6(c.address);
  return `${address ?? c.address}/${c.prefix}`;
}

function canonicalEmail(v: string): string {
  const at = v.lastIndexOf('@');
  return at < 0 ? v : `${v.slice(0, at + 1)}${v.slice(at + 1).toLowerCase()}`;
}

function canonicalUrl(v: string): string {
  const p = splitHttpUrl(v);
  if (p === null) return v;
  const host = p.host.startsWith('[') ? `[${canonicalIPv6(p.host.slice(1, -1)) ?? p.host.slice(1, -1)}]` : p.host;
  return `${p.scheme.toLowerCase()}://${p.userinfo}${host.toLowerCase()}${p.port}${p.rest}`;
}

// ---------------------------------------------------------------------------
// Defanging
// ---------------------------------------------------------------------------

/**
 * A display-safe spelling that will not turn into a link or resolve when pasted:
 * http(s) → hxxp(s) (case kept), dots in IPs, domains, URL authorities and email domains → [.],
 * '@' in emails → [@]. IPv6 colons, account IDs and API paths are left as they are.
 */
export function defang(value: string, type: IndicatorType): string {
  const v = value.trim();
  switch (type) {
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
    case 'domain':
      return defangDots(v);
    case 'email': {
      const at = v.lastIndexOf('@');
      return at < 0 ? v : `${v.slice(0, at)}[@]${defangDots(v.slice(at + 1))}`;
    }
    case 'url':
      return defangUrl(v);
    case 'account-id':
    case 'api-endpoint':
      return v;
  }
}

function defangDots(s: string): string {
  return s.replaceAll('.', '[.]');
}

function defangUrl(v: string): string {
  const m = /^(https?)(:\/\/)([^/?#]*)(.*)$/is.exec(v);
  if (!m) return v;
  const scheme = (m[1] ?? '').replace(/t/g, 'x').replace(/T/g, 'X');
  return `${scheme}${m[2] ?? ''}${defangDots(m[3] ?? '')}${m[4] ?? ''}`;
}

/** Keeps the case of each letter so that refang(defang(v)) gives back v exactly. */
function swapLetterKeepingCase(ch: string, to: string): string {
  return ch === ch.toUpperCase() ? to.toUpperCase() : to;
}

const REFANG_RULES: readonly [RegExp, (match: string, ...groups: string[]) => string][] = [
  [/\[:\/\/\]/g, () => '://'],
  [/\[:\]/g, () => ':'],
  // Spaces around a bracketed dot/at are part of the defang ('evil [dot] com'); only
  // horizontal ones, so that separate lines stay separate.
  [/[ \t]*(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})[ \t]*/gi, () => '.'],
  [/[ \t]*(?:\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\})[ \t]*/gi, () => '@'],
  // Only in scheme position, so a path segment 'hxxp' inside a URL is left alone.
  [/\b(h)(xx)(ps?)(?=:)/gi, (_m, h, xx, ps) => `${h}${[...xx].map((c) => swapLetterKeepingCase(c, 't')).join('')}${ps}`],
  [/\b(f)(x)(p)(?=:)/gi, (_m, f, x, p) => `${f}${swapLetterKeepingCase(x, 't')}${p}`],
];

/**
 * Undoes the common defang spellings anywhere in `text`: hxxp(s)/fxp schemes, [.] (.) {.}
 * [dot] (dot) {dot}, [@] (@) {@} [at] (at) {at}, [:] and [://]. A value that genuinely
 * contains one of these spellings (say '(.)' in a URL path) cannot be told apart and is changed.
 */
export function refang(text: string): string {
  return REFANG_RULES.reduce((acc, [pattern, replace]) => acc.replace(pattern, replace), text);
}

// ---------------------------------------------------------------------------
// Bulk paste
// ---------------------------------------------------------------------------

export const MAX_INDICATOR_LENGTH = 2048;
export const NOT_RECOGNISED_REASON =
  'not a recognised indicator (IP, CIDR, domain, URL, email, account ID or API path)';
export const TOO_LONG_REASON = `longer than ${MAX_INDICATOR_LENGTH} characters`;
export function overLimitReason(max: number): string {
  return `over the limit of ${max} indicators`;
}

/** A usable count from a caller's limit: NaN and negatives allow nothing, Infinity allows all. */
function wholeLimit(max: number): number {
  if (Number.isNaN(max)) return 0;
  return Math.max(0, Math.floor(max));
}

export interface ParsedIndicators {
  /** `value` is the normalised form; `line` is 1-based. */
  accepted: { type: IndicatorType; value: string; line: number }[];
  /** `text` is the line as pasted (trimmed), so the user can find it. */
  rejected: { line: number; text: string; reason: string }[];
  /** `value` is the refanged text of the repeat; `duplicateOf` is the line it repeats. */
  duplicates: { line: number; value: string; duplicateOf: number }[];
}

/**
 * One indicator per line (LF, CRLF or CR), refanged and trimmed; blank lines are skipped.
 * Repeats (after normalisation) are reported, not accepted twice, and do not count towards
 * `max`; nor do rejected lines. Once `max` distinct indicators are accepted, further new ones
 * are rejected with the limit as the reason.
 */
export function parseIndicatorLines(text: string, opts: { max: number }): ParsedIndicators {
  const max = wholeLimit(opts.max);
  const result: ParsedIndicators = { accepted: [], rejected: [], duplicates: [] };
  const firstLineByKey = new Map<string, number>();
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = index + 1;
    const value = refang(raw).trim();
    if (value === '') return;
    const reject = (reason: string): void => { result.rejected.push({ line, text: raw.trim(), reason }); };
    if (value.length > MAX_INDICATOR_LENGTH) return reject(TOO_LONG_REASON);
    const type = classifyIndicator(value);
    if (type === null) return reject(NOT_RECOGNISED_REASON);
    const normalised = normaliseIndicator(type, value);
    const key = `${type} ${normalised}`;
    const firstLine = firstLineByKey.get(key);
    if (firstLine !== undefined) {
      result.duplicates.push({ line, value, duplicateOf: firstLine });
      return;
    }
    if (result.accepted.length >= max) return reject(overLimitReason(max));
    firstLineByKey.set(key, line);
    result.accepted.push({ type, value: normalised, line });
  });
  return result;
}

// ---------------------------------------------------------------------------
// Deterministic ids
// ---------------------------------------------------------------------------

// Fixed namespace for this app's name-based UUIDs (a random v4, chosen once).
const ID_NAMESPACE = 'cb398eec-5ffc-4b8d-91d7-0bdf213c237c';

/** RFC 4122 name-based UUID, version 5 (SHA-1): same namespace and name, same UUID. */
export function uuidV5(namespace: string, name: string): string {
  const ns = hexToBytes(namespace.replaceAll('-', ''));
  const bytes = sha1(concatBytes(ns, utf8ToBytes(name))).slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant (10xx)
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------
// STIX 2.1
// ---------------------------------------------------------------------------

/**
 * The STIX cyber-observable type whose `value` carries the indicator, or null. Account IDs and
 * API paths have no standard STIX cyber-observable (user-account:user_id would need an
 * account_type/platform the pattern cannot carry, and a bare path is not a url), so they are left
 * out of the bundle rather than exported as custom objects other tools would ignore.
 */
function stixObjectType(type: IndicatorType, value: string): string | null {
  switch (type) {
    case 'ipv4': return 'ipv4-addr';
    case 'ipv6': return 'ipv6-addr';
    case 'cidr': return value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
    case 'domain': return 'domain-name';
    case 'url': return 'url';
    case 'email': return 'email-addr';
    case 'account-id':
    case 'api-endpoint':
      return null;
  }
}

/** A STIX pattern string literal: backslash and single quote are escaped with a backslash. */
export function stixPattern(objectType: string, value: string): string {
  const escaped = value.replace(/[\\']/g, (c) => `\\${c}`);
  return `[${objectType}:value = '${escaped}']`;
}

/**
 * A STIX 2.1 bundle with one `indicator` per expressible indicator. Ids are UUID v5 of the
 * incident key, type and normalised value (the bundle's: of the incident key and `now`), so the
 * same export twice gives the same ids and re-imports update rather than duplicate. Indicators
 * that normalise to the same value appear once. The caller's `type` is trusted (it came from
 * `classifyIndicator`); the pattern carries the value as given, trimmed.
 */
export function toStixBundle(
  indicators: { type: IndicatorType; value: string; firstSeen?: Date }[],
  opts: { incidentKey: string; now: Date },
): { type: 'bundle'; id: string; objects: Record<string, unknown>[] } {
  const nowIso = opts.now.toISOString();
  const seen = new Set<string>();
  const objects: Record<string, unknown>[] = [];
  for (const indicator of indicators) {
    const value = indicator.value.trim();
    const objectType = stixObjectType(indicator.type, value);
    if (objectType === null) continue;
    const idName = JSON.stringify(['indicator', opts.incidentKey, indicator.type, normaliseIndicator(indicator.type, value)]);
    const id = `indicator--${uuidV5(ID_NAMESPACE, idName)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: nowIso,
      modified: nowIso,
      name: `${INDICATOR_TYPE_LABELS[indicator.type]} ${value}`,
      description: `Indicator recorded in incident ${opts.incidentKey}.`,
      pattern: stixPattern(objectType, value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: (indicator.firstSeen ?? opts.now).toISOString(),
      labels: [opts.incidentKey],
      external_references: [{ source_name: 'jira', external_id: opts.incidentKey }],
    });
  }
  const bundleId = `bundle--${uuidV5(ID_NAMESPACE, JSON.stringify(['bundle', opts.incidentKey, nowIso]))}`;
  return { type: 'bundle', id: bundleId, objects };
}

/** A stable id for a stored indicator: the same type and normalised value always get the same id. */
export function indicatorId(type: IndicatorType, normalisedValue: string): string {
  return uuidV5(ID_NAMESPACE, `${type} ${normalisedValue}`);
}
