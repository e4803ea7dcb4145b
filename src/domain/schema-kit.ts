// Building blocks of the settings and directory schemas: messages that name the missing field, whole-number
// and required-text fields, duplicate checks that point at the later item, and issues keyed by field path.
import * as v from 'valibot';
import { shortText } from './contacts';
import { isCalendarDay } from './calendar';

/**
 * The message of a strict object's own issues: the value is not an object, a field is missing
 * (named by `missing`), or a field is unknown. The object does not know its own key in the parent,
 * so the parent's path (added later) says where it is.
 */
export function objectMessage(what: string, missing: Readonly<Record<string, string>>, notAnObject = `Enter the ${what}`) {
  return (issue: v.StrictObjectIssue): string => {
    const key = issue.path?.[0]?.key;
    if (issue.expected === 'never') return `Remove "${String(issue.input)}": it is not a field of the ${what}`;
    if (typeof key === 'string') return missing[key] ?? `Enter the ${key} of the ${what}`;
    return notAnObject;
  };
}

export const wholeNumber = (what: string, min: number, max: number, why = '') => {
  const range = `Enter a whole number of ${what} from ${min} to ${max}${why}`;
  return v.pipe(v.number(range), v.integer(range), v.minValue(min, range), v.maxValue(max, range));
};

export const requiredText = (what: string, max?: number) => v.pipe(shortText(max), v.minLength(1, `Enter the ${what}`));

export const DATE_MESSAGE = 'Enter a real date as YYYY-MM-DD, for example 2025-03-31';
export const calendarDate = v.pipe(v.string(DATE_MESSAGE), v.trim(), v.check(isCalendarDay, DATE_MESSAGE));

export type PathItem = v.IssuePathItem;

export function arrayItemPath(list: unknown[], index: number): v.ArrayPathItem {
  return { type: 'array', origin: 'value', input: list, key: index, value: list[index] };
}

export function fieldPath(entry: Record<string, unknown>, key: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input: entry, key, value: entry[key] };
}

/**
 * For each item whose `keyOf` equals an earlier item's, the later index and the earlier one.
 * Items without a key (not yet valid) are skipped, so duplicates show next to other errors.
 */
export function laterDuplicates(list: readonly unknown[], keyOf: (item: unknown) => string | null): [number, number][] {
  const firstAt = new Map<string, number>();
  const found: [number, number][] = [];
  list.forEach((item, index) => {
    const key = keyOf(item);
    if (key === null) return;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else found.push([index, first]);
  });
  return found;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A field of a (possibly half-parsed) object, compared case-insensitively. */
export const stringField = (field: string) => (item: unknown): string | null =>
  isRecord(item) && typeof item[field] === 'string' && item[field] !== '' ? item[field].toLowerCase() : null;

// Jira compares group names case-insensitively, so 'IR-Team' and 'ir-team' are one group.
export const uniqueGroups = v.rawCheck<string[]>(({ dataset, addIssue }) => {
  const groups: unknown = dataset.value;
  if (!Array.isArray(groups)) return;
  const nameOf = (g: unknown) => (typeof g === 'string' && g !== '' ? g.toLowerCase() : null);
  for (const [index, first] of laterDuplicates(groups, nameOf)) {
    addIssue({ message: `This group is already listed (group ${first + 1})`, path: [arrayItemPath(groups, index)] });
  }
});

/** The first message for each field path (e.g. 'apps.1.appId'), under `prefix`. */
export function fieldsOf(issues: readonly v.BaseIssue<unknown>[], prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue);
    const key = path ? (prefix ? `${prefix}.${path}` : path) : prefix || 'settings';
    fields[key] ??= issue.message;
  }
  return fields;
}

