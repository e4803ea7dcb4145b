import { kvsError } from './errors';

export type Scalar = string | number | boolean;
export interface Condition {
  condition: string;
  values: unknown[];
}
export interface PropertyCondition extends Condition {
  property: string;
}
export interface FilterGroup {
  and?: PropertyCondition[];
  or?: PropertyCondition[];
}

const ARITY: Record<string, number> = {
  BEGINS_WITH: 1, BETWEEN: 2, EQUAL_TO: 1, NOT_EQUAL_TO: 1, GREATER_THAN: 1, GREATER_THAN_EQUAL_TO: 1,
  LESS_THAN: 1, LESS_THAN_EQUAL_TO: 1, CONTAINS: 1, NOT_CONTAINS: 1, EXISTS: 1, NOT_EXISTS: 1,
};
export const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

export function checkCondition(c: unknown, allowed?: Set<string>): Condition {
  if (!c || typeof c !== 'object') throw kvsError.badRequest('INVALID_FILTER_CONDITION', 'Condition must be an object');
  const { condition, values } = c as Condition;
  if (typeof condition !== 'string' || !(condition in ARITY) || (allowed && !allowed.has(condition))) {
    throw kvsError.badRequest('INVALID_FILTER_CONDITION', `Unsupported condition '${String(condition)}'`);
  }
  if (!Array.isArray(values) || values.length !== ARITY[condition]) {
    throw kvsError.badRequest('INSUFFICIENT_FILTER_VALUES', `Condition ${condition} needs ${ARITY[condition]} value(s)`);
  }
  for (const v of values) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw kvsError.badRequest('INVALID_FILTER_VALUES', `Condition ${condition} values must be strings, numbers or booleans`);
    }
  }
  return { condition, values };
}

export function compare(a: Scalar, b: Scalar): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  // Mixed types never compare equal; order them by type name so results are stable.
  return typeof a < typeof b ? -1 : 1;
}

/** Whether `actual` (an attribute value, absent when undefined) satisfies one condition. */
export function matches(actual: unknown, { condition, values }: Condition): boolean {
  if (condition === 'EXISTS') return actual !== undefined;
  if (condition === 'NOT_EXISTS') return actual === undefined;
  if (actual === undefined) return false;
  const v = values[0] as Scalar;
  if (condition === 'CONTAINS' || condition === 'NOT_CONTAINS') {
    const has = typeof actual === 'string' ? actual.includes(String(v)) : Array.isArray(actual) && actual.includes(v);
    return condition === 'CONTAINS' ? has : !has;
  }
  if (!['string', 'number', 'boolean'].includes(typeof actual)) return false;
  const a = actual as Scalar;
  switch (condition) {
    case 'EQUAL_TO': return typeof a === typeof v && a === v;
    case 'NOT_EQUAL_TO': return !(typeof a === typeof v && a === v);
    case 'BEGINS_WITH': return typeof a === 'string' && a.startsWith(String(v));
    case 'GREATER_THAN': return typeof a === typeof v && compare(a, v) > 0;
    case 'GREATER_THAN_EQUAL_TO': return typeof a === typeof v && compare(a, v) >= 0;
    case 'LESS_THAN': return typeof a === typeof v && compare(a, v) < 0;
    case 'LESS_THAN_EQUAL_TO': return typeof a === typeof v && compare(a, v) <= 0;
    case 'BETWEEN': {
      const hi = values[1] as Scalar;
      return typeof a === typeof v && compare(a, v) >= 0 && compare(a, hi) <= 0;
    }
    default: return false;
  }
}

export function checkFilterGroup(group: unknown): FilterGroup {
  if (!group || typeof group !== 'object') throw kvsError.badRequest('EMPTY_FILTER_OPERATOR', 'Filters must be an object');
  const { and, or } = group as FilterGroup;
  if (and && or) throw kvsError.badRequest('INVALID_FILTER_OPERATORS_COMBINATION', 'Use either and or or, not both');
  const list = and ?? or;
  if (!Array.isArray(list) || list.length === 0) throw kvsError.badRequest('EMPTY_FILTER_OPERATOR', 'Filters need at least one condition');
  if (list.length > 100) throw kvsError.badRequest('INVALID_FILTER_CONDITION', 'At most 100 conditions per query');
  for (const c of list) {
    if (typeof c?.property !== 'string') throw kvsError.badRequest('INVALID_FILTER_CONDITION', 'Each condition needs a property');
    checkCondition(c);
  }
  return and ? { and } : { or: or! };
}

export function matchesGroup(value: Record<string, unknown> | undefined, group: FilterGroup): boolean {
  const get = (p: string) => (value ? value[p] : undefined);
  if (group.and) return group.and.every((c) => matches(get(c.property), c));
  return (group.or ?? []).some((c) => matches(get(c.property), c));
}
