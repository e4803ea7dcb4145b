// A checker for STIX 2.1 patterns, written from the OASIS grammar (pattern_grammar/STIXPattern.g4 in
// oasis-open/cti-stix2-json-schemas) for the part of it the app writes: one observation expression of
// comparisons joined by AND, each an object path, `=` or `LIKE`, and a string literal. Anything outside that
// part is reported as not understood rather than passed.

export interface StixComparison { objectType: string; path: (string | number)[]; op: '=' | 'LIKE'; value: string }

type Token = { kind: 'punct' | 'ident' | 'string' | 'keyword' | 'op'; text: string; value?: string };

// Longest first, as ANTLR's lexer matches; whitespace is the grammar's WS set.
// eslint-disable-next-line no-control-regex -- the grammar's whitespace includes VT and FF
const WS = /^[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const STRING = /^'((?:[^'\\]|\\'|\\\\)*)'/;
const IDENT_WITH_HYPHEN = /^[a-zA-Z_][a-zA-Z0-9_-]*/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'true', 'false', 'WITHIN', 'REPEATS', 'TIMES']);

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let rest = pattern;
  while (rest.length > 0) {
    const ws = WS.exec(rest);
    if (ws) { rest = rest.slice(ws[0].length); continue; }
    const str = STRING.exec(rest);
    if (str) {
      tokens.push({ kind: 'string', text: str[0], value: (str[1] ?? '').replace(/\\(['\\])/g, '$1') });
      rest = rest.slice(str[0].length);
      continue;
    }
    const ident = IDENT_WITH_HYPHEN.exec(rest);
    if (ident) {
      tokens.push({ kind: KEYWORDS.has(ident[0]) ? 'keyword' : 'ident', text: ident[0] });
      rest = rest.slice(ident[0].length);
      continue;
    }
    const op = /^(==|=|!=|<>|<=|>=|<|>)/.exec(rest);
    if (op) { tokens.push({ kind: 'op', text: op[0] }); rest = rest.slice(op[0].length); continue; }
    const ch = rest[0] ?? '';
    if ('[]():.,'.includes(ch)) { tokens.push({ kind: 'punct', text: ch }); rest = rest.slice(1); continue; }
    throw new Error(`invalid character ${JSON.stringify(ch)} at ${pattern.length - rest.length}`);
  }
  return tokens;
}

/** The comparisons of a pattern of the supported shape; throws with the reason otherwise. */
export function parseStixPattern(pattern: string): StixComparison[] {
  const tokens = tokenize(pattern);
  let at = 0;
  const peek = () => tokens[at];
  const take = (kind: Token['kind'], text?: string): Token => {
    const t = tokens[at];
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text)) throw new Error(`expected ${text ?? kind} at token ${at}, found ${t?.text ?? 'the end'}`);
    at++;
    return t;
  };
  take('punct', '[');
  const comparisons: StixComparison[] = [];
  for (;;) {
    const objectType = take('ident').text;
    take('punct', ':');
    // A property name: an identifier without hyphen, or a string literal (the first and every '.' step).
    const propertyName = (): string => {
      if (peek()?.kind === 'string') return take('string').value ?? '';
      const id = take('ident').text;
      if (id.includes('-')) throw new Error(`property name ${id} has an unquoted hyphen`);
      return id;
    };
    const path: (string | number)[] = [propertyName()];
    while (peek()?.text === '.') {
      take('punct', '.');
      path.push(propertyName());
    }
    const op = peek();
    let kind: '=' | 'LIKE';
    if (op?.kind === 'op' && (op.text === '=' || op.text === '==')) kind = '=';
    else if (op?.kind === 'keyword' && op.text === 'LIKE') kind = 'LIKE';
    else throw new Error(`unsupported comparison ${op?.text ?? 'the end'}`);
    at++;
    comparisons.push({ objectType, path, op: kind, value: take('string').value ?? '' });
    if (peek()?.kind === 'keyword' && peek()?.text === 'AND') { at++; continue; }
    break;
  }
  take('punct', ']');
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]?.text} after the observation expression`);
  return comparisons;
}
