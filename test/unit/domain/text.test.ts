// The one text rule: every text schema refuses lone surrogates, control characters, bidirectional controls
// and zero-width characters, and says which field and why.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { hasInvisibleFormatting, INVISIBLE_FORMATTING_MESSAGE, LONE_SURROGATE_MESSAGE, plainText, textProblem } from '../../../src/domain/text';
import { ContactSchema, ReportContactSchema, shortText } from '../../../src/domain/contacts';
import { IndicatorEditSchema, ReportSchema, longText } from '../../../src/domain/report';
import { OutreachInputSchema } from '../../../src/domain/outreach';
import { PhaseMoveSchema } from '../../../src/domain/triage';
import { LogRequestDraftSchema } from '../../../src/contract/log-sharing';
import { AddIndicatorsInput } from '../../../src/contract/incident';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u2060', '\uFEFF'];
// ZWNJ and ZWJ: refused where they join nothing, accepted inside a word or an emoji sequence.
const JOINERS = ['\u200C', '\u200D'];
// Persian with ZWNJ, emoji sequences with ZWJ, a Devanagari conjunct with ZWJ.
const JOINED = ['\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645', '\uD83D\uDC69\u200D\uD83D\uDCBB', '\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08', '\u0915\u094D\u200D\u0937'];
const LONE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83D', '\uDE00b'];

const messages = (schema: v.GenericSchema, input: unknown) => {
  const r = v.safeParse(schema, input);
  return r.success ? [] : r.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`);
};

describe('textProblem', () => {
  it('names each kind of character it refuses', () => {
    for (const c of LONE) expect(textProblem(`x${c}y`)).toBe(LONE_SURROGATE_MESSAGE);
    for (const c of [...BIDI, ...ZERO_WIDTH]) expect(textProblem(`x${c}y`)).toBe(INVISIBLE_FORMATTING_MESSAGE);
    for (const c of JOINERS) for (const bad of [`${c}x`, `x${c}`, `x ${c}y`, `x${c} y`, `x${c}\ny`, `x${c}${c}y`, `x\u200B${c}y`]) expect(textProblem(bad), JSON.stringify(bad)).toBe(INVISIBLE_FORMATTING_MESSAGE);
    expect(textProblem('ok 😀 日本 é\n\tline')).toBeNull();
  });

  it('accepts the joiners where they shape a word or an emoji: Persian, emoji sequences, Devanagari', () => {
    for (const text of JOINED) {
      expect(textProblem(text), JSON.stringify(text)).toBeNull();
      expect(textProblem(`Seen by ${text} today`)).toBeNull();
      expect(messages(longText(), `Note: ${text}`)).toEqual([]);
      // An indicator's value must be exact: no joiner at all, in a paste or a value.
      expect(hasInvisibleFormatting(text)).toBe(true);
      expect(messages(AddIndicatorsInput, { version: 0, text: `evil${text}.example` })).toEqual([`text: ${INVISIBLE_FORMATTING_MESSAGE}`]);
    }
  });

  it('property: a joiner that joins nothing (at an end, beside a space or another invisible character) is refused', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => textProblem(s) === null && !/\s/.test(s));
    fc.assert(fc.property(word, fc.constantFrom(...JOINERS), fc.constantFrom('', ' ', '\n', '\t', '\u200C', '\u200D'), fc.boolean(), (w, j, beside, before) => {
      const text = before ? `${beside}${j}${w}` : `${w}${j}${beside}`;
      expect(textProblem(text)).toBe(INVISIBLE_FORMATTING_MESSAGE);
    }));
  });

  it('property: well-formed text without invisible formatting passes; inserting one such character fails', () => {
    const clean = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => textProblem(s) === null);
    const bad = fc.constantFrom(...BIDI, ...ZERO_WIDTH, ...LONE.map((l) => l.replace(/[ab]/, '')));
    fc.assert(fc.property(clean, bad, fc.nat(), (s, c, at) => {
      const i = at % (s.length + 1);
      // Inserting between the halves of a pair would make two lone surrogates: any position is fine.
      expect(textProblem(`${s.slice(0, i)}${c}${s.slice(i)}`)).not.toBeNull();
    }));
  });

  it('a surrogate pair is a character, not a problem', () => {
    expect(textProblem('\uD83D\uDE00')).toBeNull();
  });
});

describe('every text schema uses the rule', () => {
  const cases: [string, v.GenericSchema, (bad: string) => unknown, string][] = [
    ['shortText', shortText(), (s) => s, ''],
    ['longText', longText(), (s) => s, ''],
    ['plainText', plainText(100), (s) => s, ''],
    ['report summary', ReportSchema, (s) => ({ summary: { whatHappened: s } }), 'summary.whatHappened'],
    ['report app name', ReportSchema, (s) => ({ app: { name: s } }), 'app.name'],
    ['report contact', ReportContactSchema, (s) => ({ name: s }), 'name'],
    ['settings contact', ContactSchema, (s) => ({ name: s, role: 'r', email: 'a@b.example', phone: '+14155550123', timeZone: 'UTC' }), 'name'],
    ['IR notes', ReportSchema, (s) => ({ irNotes: s }), 'irNotes'],
    ['indicator note', IndicatorEditSchema, (s) => ({ id: 'i1', note: s, firstSeen: '' }), 'note'],
    ['outreach message', OutreachInputSchema, (s) => ({ at: '2026-01-01T00:00:00Z', channel: 'email', message: s }), 'message'],
    ['phase reason', PhaseMoveSchema, (s) => ({ phase: 'triage', reason: s }), 'reason'],
    ['log request purpose', LogRequestDraftSchema, (s) => ({ category: 'app-activity', appKey: 'a', environment: 'e', windowStart: '2026-01-01T00:00:00Z', windowEnd: '2026-01-02T00:00:00Z', includes: { accountIds: false, sourceIps: false, emailDomains: false }, coldStorage: false, purpose: s }), 'purpose'],
    ['indicator paste', AddIndicatorsInput, (s) => ({ version: 0, text: s }), 'text'],
  ];
  it.each(cases)('%s refuses a lone surrogate and invisible formatting, naming the field', (_name, schema, wrap, path) => {
    for (const [c, message] of [['\uD800', LONE_SURROGATE_MESSAGE], ['\u202E', INVISIBLE_FORMATTING_MESSAGE], ['\u200B', INVISIBLE_FORMATTING_MESSAGE]] as const) {
      expect(messages(schema, wrap(`evil${c}text`))).toContain(`${path}: ${message}`);
    }
  });
});
