// Indicators of compromise: classification, normalisation, defanging and STIX 2.1 export.
// Pure: no clock, no randomness; time enters only through `now` / `firstSeen`.
import ipaddr from 'ipaddr.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, hexToBytes, utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { hasInvisibleFormatting, hasLoneSurrogate } from './text';
import { DEFAULT_TLP, effectiveTlp, tlpMarkingDefinition, tlpMarkingId, type Tlp } from './tlp';

export type IndicatorType =
  | 'account-id' | 'ipv4' | 'ipv6' | 'cidr' | 'url' | 'domain' | 'api-endpoint' | 'email'
  | 'scope-change' | 'egress-change' | 'http-request' | 'sha256' | 'sha1' | 'md5';

export const INDICATOR_TYPES: readonly IndicatorType[] = [
  'account-id', 'ipv4', 'ipv6', 'cidr', 'url', 'domain', 'api-endpoint', 'email',
  'scope-change', 'egress-change', 'http-request', 'sha256', 'sha1', 'md5',
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
  'scope-change': 'Scope change',
  'egress-change': 'Egress change',
  'http-request': 'HTTP request',
  sha256: 'SHA-256 hash',
  sha1: 'SHA-1 hash',
  md5: 'MD5 hash',
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

// The program's "unexpected scope or egress changes" as a partner notes them from a manifest diff:
// `scope added: read:jira-user`, `egress removed: *.example.net`. Spaces or tabs between the words.
const MANIFEST_CHANGE = /^(scope|egress)[ \t]+(added|removed)[ \t]*:[ \t]*(\S+)$/i;
// A Forge scope: `read:jira-work`, `storage:app`, `read:confluence-content.all`, `read:issue-details:jira`.
const SCOPE = /^[a-z][a-z0-9-]*(?::[a-z0-9][a-z0-9._-]*)+$/i;
// "Malformed requests": a method and the request target as a log line shows them, `POST /rest/api/3/issue/bulk`.
const HTTP_REQUEST = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT)[ \t]+(\S+)$/i;
// File hashes from artifacts, by length: MD5 (128 bits), SHA-1 (160), SHA-256 (256).
const HASH_TYPES: readonly (readonly [IndicatorType, RegExp])[] = [
  ['md5', /^[0-9a-f]{32}$/i],
  ['sha1', /^[0-9a-f]{40}$/i],
  ['sha256', /^[0-9a-f]{64}$/i],
];

/**
 * The type of a single indicator, or null. Surrounding whitespace is ignored; defanged input
 * (`hxxp`, `[.]`) is NOT refanged here — call `refang` first (as `parseIndicatorLines` does).
 * A value with a lone surrogate, a bidirectional control or a zero-width character is nothing:
 * it would display as something other than what it is.
 *
 * The shapes are mutually exclusive, so the order below only documents precedence:
 * the worded forms first (manifest changes, method + path: the only ones with inner spaces), hashes
 * and account IDs (hex of different lengths: a 24-hex string is never an IP), then url (has a scheme,
 * so an `@` in it is userinfo, not an email), api-endpoint (leading '/', even with an '@' later, as in
 * '/search?query=a@b.example'; '/' is legal in an email local part), email ('@'), cidr ('/'), ipv4, ipv6
 * (IPv4-mapped forms such as `::ffff:192.0.2.1` are ipv6), and domain last.
 */
export function classifyIndicator(value: string): IndicatorType | null {
  const v = value.trim();
  if (v === '' || hasLoneSurrogate(v) || hasInvisibleFormatting(v)) return null;
  const change = parseManifestChange(v);
  if (change !== null) return change.kind === 'scope' ? 'scope-change' : 'egress-change';
  if (parseHttpRequest(v) !== null) return 'http-request';
  if (WHITESPACE_OR_CONTROL.test(v)) return null;
  const hash = HASH_TYPES.find(([, shape]) => shape.test(v));
  if (hash) return hash[0];
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

type EgressTarget = { kind: 'wildcard' | 'domain' | 'url' | 'ipv4'; target: string };
interface ManifestChange { kind: 'scope' | 'egress'; change: 'added' | 'removed'; target: string; egress?: EgressTarget }

/** Forge egress entries: a host, `*.` and a domain (every subdomain), an http(s) URL, or an IPv4 address. */
function parseEgressTarget(t: string): EgressTarget | null {
  if (t.startsWith('*.') && isDomain(t.slice(2))) return { kind: 'wildcard', target: t };
  if (isHttpUrl(t)) return { kind: 'url', target: t };
  if (isIPv4(t)) return { kind: 'ipv4', target: t };
  if (isDomain(t)) return { kind: 'domain', target: t };
  return null;
}

function parseManifestChange(v: string): ManifestChange | null {
  const m = MANIFEST_CHANGE.exec(v);
  if (!m) return null;
  const kind = (m[1] ?? '').toLowerCase() as ManifestChange['kind'];
  const change = (m[2] ?? '').toLowerCase() as ManifestChange['change'];
  const target = m[3] ?? '';
  if (WHITESPACE_OR_CONTROL.test(target)) return null;
  if (kind === 'scope') return SCOPE.test(target) ? { kind, change, target } : null;
  const egress = parseEgressTarget(target);
  return egress === null ? null : { kind, change, target, egress };
}

function parseHttpRequest(v: string): { method: string; path: string } | null {
  const m = HTTP_REQUEST.exec(v);
  if (!m) return null;
  const path = m[2] ?? '';
  return isApiEndpoint(path) && !WHITESPACE_OR_CONTROL.test(path) ? { method: (m[1] ?? '').toUpperCase(), path } : null;
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
  return isHostname(v, 2) && whatwgReadsAsDomain(v);
}

const DOTTED_DECIMAL = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * What a browser would do with the name as a URL's host (the WHATWG host parser, through the `URL`
 * global of Node and browsers alike): refused outright (`example.0xff`, invalid punycode `xn--zz.com`,
 * a label starting with a combining mark) or read as an IPv4 address in another notation
 * (`1.2.3.0x7f` is 1.2.3.127) means it is not a domain.
 */
function whatwgReadsAsDomain(name: string): boolean {
  let host: string;
  try {
    host = new URL(`http://${name}/`).hostname;
  } catch {
    return false;
  }
  return !DOTTED_DECIMAL.test(host) && !host.startsWith('[');
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
    case 'scope-change':
    case 'egress-change':
      return canonicalManifestChange(v) ?? v;
    case 'http-request': {
      const r = parseHttpRequest(v);
      return r === null ? v : `${r.method} ${r.path}`;
    }
    case 'sha256':
    case 'sha1':
    case 'md5':
      return v.toLowerCase();
  }
}

/** `scope added: read:jira-user`: lowercase words, one space, the scope lowercased; egress targets as their own type. */
function canonicalManifestChange(v: string): string | null {
  const c = parseManifestChange(v);
  if (c === null) return null;
  let target = c.target.toLowerCase();
  if (c.egress?.kind === 'url') target = canonicalUrl(c.target);
  if (c.egress?.kind === 'ipv4') target = ipaddr.IPv4.parse(c.target).toString();
  if (c.egress?.kind === 'domain') target = normaliseIndicator('domain', c.target);
  return `${c.kind} ${c.change}: ${target}`;
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
    case 'egress-change': {
      // Only the destination could become a link; the words before it stay readable.
      const c = parseManifestChange(v);
      if (c?.egress === undefined) return v;
      const target = c.egress.kind === 'url' ? defangUrl(c.target) : defangDots(c.target);
      return `${c.kind} ${c.change}: ${target}`;
    }
    case 'account-id':
    case 'api-endpoint':
    case 'scope-change':
    case 'http-request':
    case 'sha256':
    case 'sha1':
    case 'md5':
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
  'not a recognised indicator (IP, CIDR, domain, URL, email, account ID, API path, method and path, scope or egress change, or SHA-256/SHA-1/MD5 hash)';
export const INVISIBLE_REASON = 'contains an invisible direction or zero-width character, or a broken one (a lone surrogate)';
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
    if (hasLoneSurrogate(value) || hasInvisibleFormatting(value)) return reject(INVISIBLE_REASON);
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

/** A STIX pattern string literal: backslash and single quote are escaped with a backslash. */
function stixString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** `[<object-type>:value = '<value>']`, the value escaped as a STIX string literal. */
export function stixPattern(objectType: string, value: string): string {
  return `[${objectType}:value = ${stixString(value)}]`;
}

const HTTP_REQUEST_EXT = "network-traffic:extensions.'http-request-ext'";
const HASH_PATH: Readonly<Record<'md5' | 'sha1' | 'sha256', string>> = {
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
};

/** The custom object type for a Forge scope: STIX has no object for an app's OAuth scopes. */
export const STIX_SCOPE_OBJECT = 'x-forge-app-scope';
/** The custom property that keeps a manifest change's meaning (which change, added or removed). */
export const STIX_MANIFEST_CHANGE_PROPERTY = 'x_forge_manifest_change';

/**
 * How each type reaches STIX when it has no standard object of its own, in words for the UI: which part
 * is custom and why. Types not listed use standard cyber-observable objects only.
 */
export const STIX_EXPRESSION_NOTES: Readonly<Partial<Record<IndicatorType, string>>> = {
  'scope-change': `STIX has no object for an app's OAuth scopes: scope changes are exported with the custom object type ${STIX_SCOPE_OBJECT} and the custom property ${STIX_MANIFEST_CHANGE_PROPERTY}. Tools that do not know them keep the indicator but cannot match it.`,
  'egress-change': `STIX has no object for a manifest's egress permissions: the pattern matches the destination (domain-name, url or ipv4-addr; a *. wildcard as LIKE '%.…'), and whether it was added or removed is in the custom property ${STIX_MANIFEST_CHANGE_PROPERTY}.`,
};

interface StixExpression { pattern: string; custom?: Record<string, unknown> }

function egressPattern(target: EgressTarget): string {
  switch (target.kind) {
    case 'wildcard': return `[domain-name:value LIKE ${stixString(`%${target.target.slice(1)}`)}]`;
    case 'domain': return stixPattern('domain-name', target.target);
    case 'url': return stixPattern('url', target.target);
    case 'ipv4': return stixPattern('ipv4-addr', target.target);
  }
}

/** The pattern (and any custom property) for one indicator, from its value as given, trimmed. */
function stixExpression(type: IndicatorType, value: string): StixExpression {
  switch (type) {
    case 'ipv4': return { pattern: stixPattern('ipv4-addr', value) };
    case 'ipv6': return { pattern: stixPattern('ipv6-addr', value) };
    case 'cidr': return { pattern: stixPattern(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', value) };
    case 'domain': return { pattern: stixPattern('domain-name', value) };
    case 'url': return { pattern: stixPattern('url', value) };
    case 'email': return { pattern: stixPattern('email-addr', value) };
    case 'account-id': return { pattern: `[user-account:user_id = ${stixString(value)}]` };
    case 'api-endpoint': return { pattern: `[${HTTP_REQUEST_EXT}.request_value = ${stixString(value)}]` };
    case 'http-request': {
      const r = parseHttpRequest(value);
      if (r === null) return { pattern: `[${HTTP_REQUEST_EXT}.request_value = ${stixString(value)}]` };
      // STIX writes the method in lowercase.
      return { pattern: `[${HTTP_REQUEST_EXT}.request_method = ${stixString(r.method.toLowerCase())} AND ${HTTP_REQUEST_EXT}.request_value = ${stixString(r.path)}]` };
    }
    case 'sha256':
    case 'sha1':
    case 'md5':
      return { pattern: `[${HASH_PATH[type]} = ${stixString(value.toLowerCase())}]` };
    case 'scope-change':
    case 'egress-change': {
      const c = parseManifestChange(value);
      if (c === null) return { pattern: stixPattern(STIX_SCOPE_OBJECT, value) };
      const custom = { [STIX_MANIFEST_CHANGE_PROPERTY]: { kind: c.kind, change: c.change, value: c.target } };
      const pattern = c.egress === undefined ? stixPattern(STIX_SCOPE_OBJECT, c.target) : egressPattern(c.egress);
      return { pattern, custom };
    }
  }
}

/** One indicator as `toStixBundle` takes it; `addedAt` and `tlp` are this app's additions to the contract. */
export interface StixIndicatorInput {
  type: IndicatorType;
  value: string;
  firstSeen?: Date;
  /** When it was recorded: the STIX `created`, so every export of it says the same. */
  addedAt?: Date;
  /** When it last changed: the STIX `modified` (never before `created`). */
  editedAt?: Date;
  /** A stricter marking than the incident's, or '' / absent for the incident's. */
  tlp?: Tlp | '';
}

export interface StixBundleOptions {
  incidentKey: string;
  now: Date;
  /** The incident's TLP marking; AMBER when not given. */
  tlp?: Tlp;
  /** The exporting organization, the bundle's `identity` and every object's creator. */
  organization?: string;
  /** The issue's summary, for the grouping's name. */
  incidentTitle?: string;
}

export const DEFAULT_STIX_ORGANIZATION = 'Partner Incident Response for Jira';

// Used as `created` only when nothing says when an object came to be (no `addedAt`, no `firstSeen`):
// a fixed instant, because STIX forbids `created` changing between exports of the same object.
const UNKNOWN_CREATED = '1970-01-01T00:00:00.000Z';
// The identity object's first version: fixed for the same reason.
const IDENTITY_CREATED = '2026-01-01T00:00:00.000Z';

/** A STIX timestamp; a date STIX cannot write (not a date, or outside years 0000–9999) is refused. */
export function stixTimestamp(date: Date, what: string): string {
  const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`${what} is not a date STIX can express (years 0000 to 9999, UTC)`);
  return iso;
}

const latest = (isoTimes: readonly string[], fallback: string): string => isoTimes.reduce((a, b) => (b > a ? b : a), fallback);
const earliest = (isoTimes: readonly string[], fallback: string): string => (isoTimes.length === 0 ? fallback : isoTimes.reduce((a, b) => (b < a ? b : a)));

/**
 * A STIX 2.1 bundle: one `indicator` per distinct indicator of every type, an `identity` for the
 * exporting organization, a `report` that names the incident and references every indicator, and the OASIS TLP 2.0 `marking-definition`s the objects carry. Ids are
 * UUID v5 of the incident key, type and normalised value, and `created` comes from when the indicator
 * was added (else first seen), never from `now`, so the same indicator is the same object in every
 * export and re-imports update rather than duplicate. `valid_from` is the first-seen time when known
 * (else the added time, else `now`). Each indicator is marked with the incident's TLP, or its own when
 * stricter. The caller's `type` is trusted (it came from `classifyIndicator`); the pattern carries the
 * value as given, trimmed. A date STIX cannot express throws a RangeError (inputs refuse them first).
 */
export function toStixBundle(
  indicators: StixIndicatorInput[],
  opts: StixBundleOptions,
): { type: 'bundle'; id: string; objects: Record<string, unknown>[] } {
  const nowIso = stixTimestamp(opts.now, 'The export time');
  const incidentTlp = opts.tlp ?? DEFAULT_TLP;
  const organization = (opts.organization ?? '').trim() || DEFAULT_STIX_ORGANIZATION;
  const identityId = `identity--${uuidV5(ID_NAMESPACE, JSON.stringify(['identity', organization]))}`;
  const markings = new Set<Tlp>([incidentTlp]);
  const seen = new Set<string>();
  const indicatorObjects: Record<string, unknown>[] = [];
  for (const [n, indicator] of indicators.entries()) {
    const value = indicator.value.trim();
    const idName = JSON.stringify(['indicator', opts.incidentKey, indicator.type, normaliseIndicator(indicator.type, value)]);
    const id = `indicator--${uuidV5(ID_NAMESPACE, idName)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const firstSeen = indicator.firstSeen === undefined ? undefined : stixTimestamp(indicator.firstSeen, `Indicator ${n + 1}'s first-seen time`);
    const addedAt = indicator.addedAt === undefined ? undefined : stixTimestamp(indicator.addedAt, `Indicator ${n + 1}'s added time`);
    const created = addedAt ?? firstSeen ?? UNKNOWN_CREATED;
    const edited = indicator.editedAt === undefined ? created : stixTimestamp(indicator.editedAt, `Indicator ${n + 1}'s edit time`);
    const modified = edited > created ? edited : created;
    const tlp = effectiveTlp(incidentTlp, indicator.tlp);
    markings.add(tlp);
    const { pattern, custom } = stixExpression(indicator.type, value);
    indicatorObjects.push({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created_by_ref: identityId,
      created,
      modified,
      name: `${INDICATOR_TYPE_LABELS[indicator.type]} ${value}`,
      description: `Indicator recorded in incident ${opts.incidentKey}.`,
      pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: firstSeen ?? addedAt ?? nowIso,
      labels: [opts.incidentKey],
      external_references: [{ source_name: 'jira', external_id: opts.incidentKey }],
      object_marking_refs: [tlpMarkingId(tlp)],
      ...custom,
    });
  }
  const createdTimes = indicatorObjects.map((o) => String(o.created));
  const reportCreated = earliest(createdTimes, UNKNOWN_CREATED);
  const reportModified = latest(indicatorObjects.map((o) => String(o.modified)), reportCreated);
  const title = (opts.incidentTitle ?? '').trim();
  // A `report` rather than a `grouping`: the OASIS bundle schema does not list `grouping` among the objects
  // a bundle may hold (a grouping fails bundle.json), and the report says the same: these belong to this incident.
  const report = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${uuidV5(ID_NAMESPACE, JSON.stringify(['report', opts.incidentKey]))}`,
    created_by_ref: identityId,
    created: reportCreated,
    modified: reportModified,
    // What it says is as of its last indicator, not as of the export, so every export is the same version.
    published: reportModified,
    name: title === '' ? `Incident ${opts.incidentKey}` : `Incident ${opts.incidentKey}: ${title}`,
    description: `Indicators of compromise recorded in incident ${opts.incidentKey} (suspicious activity).`,
    report_types: ['indicator'],
    // STIX wants at least one reference: with no indicators yet, the report names who reports.
    object_refs: indicatorObjects.length === 0 ? [identityId] : indicatorObjects.map((o) => String(o.id)),
    labels: [opts.incidentKey],
    external_references: [{ source_name: 'jira', external_id: opts.incidentKey }],
    object_marking_refs: [tlpMarkingId(incidentTlp)],
  };
  const identity = {
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: organization,
    identity_class: 'organization',
  };
  const markingObjects = [...markings].map(tlpMarkingDefinition);
  const bundleId = `bundle--${uuidV5(ID_NAMESPACE, JSON.stringify(['bundle', opts.incidentKey, nowIso]))}`;
  return { type: 'bundle', id: bundleId, objects: [identity, ...markingObjects, report, ...indicatorObjects] };
}

/** A stable id for a stored indicator: the same type and normalised value always get the same id. */
export function indicatorId(type: IndicatorType, normalisedValue: string): string {
  return uuidV5(ID_NAMESPACE, `${type} ${normalisedValue}`);
}
