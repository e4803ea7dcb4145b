// The one rule every text a person types must pass, wherever it is stored: well-formed Unicode, no control
// characters other than line breaks and tabs, and no invisible direction or zero-width characters (joiners only
// where they shape a word or an emoji).
import * as v from 'valibot';

/**
 * Control characters (other than line breaks and tabs) have no place in what people type, and each costs
 * six bytes in stored JSON: refusing them keeps texts readable and records within Forge's value limit.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const CONTROL_CHARACTER_MESSAGE = 'Remove control characters (invisible characters other than line breaks and tabs)';

// A high surrogate not followed by a low one, or a low one not preceded by a high one: not a character at
// all. JSON carries it (as \ud800), but UTF-8 storage and other tools replace or reject it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const LONE_SURROGATE_MESSAGE = 'Remove the broken character (a lone UTF-16 surrogate, not a real character)';

// Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) make text display in another order
// than it reads ('…/\u202Ephp.exe' shows as '…/exe.php'); zero-width characters (U+200B–200D, U+2060, U+FEFF)
// make two different values look the same. Neither belongs in an indicator, whose value must be exact.
const INVISIBLE_FORMATTING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/;
// What people type may hold the two joiners where they shape something: ZWNJ (U+200C) between letters (Persian
// میخواهم, Indic scripts) and ZWJ (U+200D) inside an emoji sequence or a word (👩‍💻, Devanagari conjuncts). Only
// those that join nothing (at an end, beside a space, a line break or another invisible character) are refused.
const INVISIBLE_IN_TEXT = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060\uFEFF]/;
const LOOSE_JOINER = /(?:^|[\s\u200C\u200D])[\u200C\u200D]|[\u200C\u200D](?=$|[\s\u200C\u200D])/;
export const INVISIBLE_FORMATTING_MESSAGE =
  'Remove invisible direction or zero-width characters (such as U+202E or U+200B): they make text display differently from what it contains';

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Any direction control or zero-width character at all: the rule for values that must be exact (indicators). */
export function hasInvisibleFormatting(s: string): boolean {
  return INVISIBLE_FORMATTING.test(s);
}

/** The rule for what people write: as `hasInvisibleFormatting`, but joiners that shape a word or an emoji pass. */
export function hasHiddenFormattingInText(s: string): boolean {
  return INVISIBLE_IN_TEXT.test(s) || LOOSE_JOINER.test(s);
}

/** Why `s` is not acceptable text, or null when it is. The order is the order the schema checks in. */
export function textProblem(s: string): string | null {
  if (hasLoneSurrogate(s)) return LONE_SURROGATE_MESSAGE;
  if (!NO_CONTROL_CHARACTERS.test(s)) return CONTROL_CHARACTER_MESSAGE;
  if (hasHiddenFormattingInText(s)) return INVISIBLE_FORMATTING_MESSAGE;
  return null;
}

/** The text rule as valibot actions, to end any string pipe. */
export const textRules = () =>
  [
    v.check<string, string>((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE),
    v.regex<string, string>(NO_CONTROL_CHARACTERS, CONTROL_CHARACTER_MESSAGE),
    v.check<string, string>((s) => !hasHiddenFormattingInText(s), INVISIBLE_FORMATTING_MESSAGE),
  ] as const;

/** A trimmed text of at most `max` UTF-16 units (as a textarea counts) that passes the text rule. */
export const plainText = (max: number, message = 'Enter text') =>
  v.pipe(v.string(message), v.trim(), v.maxLength(max, `Use at most ${max} characters`), ...textRules());
