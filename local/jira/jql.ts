// A subset of JQL for the local Jira's search: enough for the queries the app and a person at the search box
// send (project/issuetype/key/summary/text, dates, the app's indexed issue-property aliases; AND, OR, NOT,
// parentheses, IN, IS EMPTY, ~, ORDER BY). What it does not understand is refused with Jira's kind of message,
// never guessed: a query the real Jira would reject must not pass here.

export type Value = { kind: 'string'; text: string } | { kind: 'fn'; name: string; args: string[] };
export type Clause =
  | { kind: 'and'; parts: Clause[] }
  | { kind: 'or'; parts: Clause[] }
  | { kind: 'not'; part: Clause }
  | { kind: 'cmp'; field: string; op: string; values: Value[] }
  | { kind: 'empty'; field: string; negated: boolean };
export interface Query {
  where?: Clause;
  orderBy: { field: string; dir: 'asc' | 'desc' }[];
}

export class JqlError extends Error {}

// Jira refuses these as unquoted values (a subset of its reserved list: the ones a search box meets).
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc', 'select', 'from', 'where', 'limit', 'was', 'changed', 'if', 'then', 'else', 'return', 'delete', 'update', 'insert', 'join', 'union', 'exec', 'execute']);
const OPS = ['!=', '!~', '<=', '>=', '=', '~', '<', '>'];

type Token = { t: 'word' | 'string' | 'op' | 'punct'; v: string; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c, pos: i++ });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', v: op, pos: i });
      i += op.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i++;
      let text = '';
      for (;;) {
        if (i >= src.length) throw new JqlError(`Error in the JQL Query: the quoted string starting at character ${start + 1} is not closed.`);
        const d = src[i]!;
        if (d === '\\') {
          const next = src[i + 1];
          if (next === undefined) throw new JqlError(`Error in the JQL Query: '\\' at the end of the query is an illegal escape.`);
          // JQL's own escapes; anything else stays escaped for the text search below (Lucene's escapes).
          if (next === '"' || next === "'" || next === '\\' || next === ' ') text += next;
          else if (next === 'n') text += '\n';
          else if (next === 't') text += '\t';
          else throw new JqlError(`Error in the JQL Query: '\\${next}' is an illegal JQL escape sequence (character ${i + 1}).`);
          i += 2;
          continue;
        }
        if (d === c) {
          i++;
          break;
        }
        text += d;
        i++;
      }
      out.push({ t: 'string', v: text, pos: start });
      continue;
    }
    const m = /^[A-Za-z0-9_.\-+[\]*:/@]+/.exec(src.slice(i));
    if (!m) throw new JqlError(`Error in the JQL Query: the character '${c}' at position ${i + 1} is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`);
    out.push({ t: 'word', v: m[0], pos: i });
    i += m[0].length;
  }
  return out;
}

/** Parses a query; throws JqlError with a message in Jira's words for anything outside the subset. */
export function parseJql(src: string): Query {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const isWord = (w: string) => peek()?.t === 'word' && peek()!.v.toLowerCase() === w;
  const fail = (what: string): never => {
    const t = peek();
    throw new JqlError(t ? `Error in the JQL Query: Expecting ${what} but got '${t.v}' (character ${t.pos + 1}).` : `Error in the JQL Query: Expecting ${what} but reached the end of the query.`);
  };
  const expectPunct = (v: string) => (peek()?.t === 'punct' && peek()!.v === v ? p++ : fail(`'${v}'`));

  function value(): Value {
    const t = peek();
    if (!t) return fail('a value');
    if (t.t === 'string') {
      p++;
      return { kind: 'string', text: t.v };
    }
    if (t.t !== 'word') return fail('a value');
    if (RESERVED.has(t.v.toLowerCase())) throw new JqlError(`Error in the JQL Query: '${t.v}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`);
    p++;
    if (peek()?.t === 'punct' && peek()!.v === '(') {
      p++;
      const args: string[] = [];
      while (!(peek()?.t === 'punct' && peek()!.v === ')')) {
        const a = value();
        if (a.kind !== 'string') fail('a function argument');
        args.push((a as { text: string }).text);
        if (peek()?.t === 'punct' && peek()!.v === ',') p++;
      }
      p++;
      return { kind: 'fn', name: t.v.toLowerCase(), args };
    }
    return { kind: 'string', text: t.v };
  }

  function clause(): Clause {
    if (isWord('not')) {
      p++;
      return { kind: 'not', part: clause() };
    }
    if (peek()?.t === 'punct' && peek()!.v === '(') {
      p++;
      const inner = or();
      expectPunct(')');
      return inner;
    }
    const f = peek();
    if (!f || (f.t !== 'word' && f.t !== 'string')) return fail('a field name');
    if (f.t === 'word' && RESERVED.has(f.v.toLowerCase())) fail('a field name');
    p++;
    const field = f.v;
    if (isWord('is')) {
      p++;
      const negated = isWord('not') ? (p++, true) : false;
      if (!isWord('empty') && !isWord('null')) fail("'EMPTY' or 'NULL'");
      p++;
      return { kind: 'empty', field, negated };
    }
    if (isWord('in') || (isWord('not') && tokens[p + 1]?.t === 'word' && tokens[p + 1]!.v.toLowerCase() === 'in')) {
      const negated = isWord('not');
      p += negated ? 2 : 1;
      expectPunct('(');
      const values: Value[] = [value()];
      while (peek()?.t === 'punct' && peek()!.v === ',') {
        p++;
        values.push(value());
      }
      expectPunct(')');
      return { kind: 'cmp', field, op: negated ? 'not in' : 'in', values };
    }
    const op = peek();
    if (op?.t !== 'op') return fail('an operator');
    p++;
    return { kind: 'cmp', field, op: op.v, values: [value()] };
  }

  function and(): Clause {
    const parts = [clause()];
    while (isWord('and')) {
      p++;
      parts.push(clause());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
  }
  function or(): Clause {
    const parts = [and()];
    while (isWord('or')) {
      p++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
  }

  const query: Query = { orderBy: [] };
  if (peek() && !isWord('order')) query.where = or();
  if (isWord('order')) {
    p++;
    if (!isWord('by')) fail("'by'");
    p++;
    do {
      if (peek()?.t === 'punct' && peek()!.v === ',') p++;
      const f = peek();
      if (!f || (f.t !== 'word' && f.t !== 'string')) fail('a field to order by');
      p++;
      let dir: 'asc' | 'desc' = 'asc';
      if (isWord('asc') || isWord('desc')) dir = tokens[p++]!.v.toLowerCase() as 'asc' | 'desc';
      query.orderBy.push({ field: f!.v, dir });
    } while (peek()?.t === 'punct' && peek()!.v === ',');
  }
  if (peek()) fail('the end of the query');
  return query;
}

/** A field value as the evaluator sees it: text, a number, an instant (ms), or absent. */
export type FieldValue = string | number | undefined;
export type FieldType = 'text' | 'key' | 'date' | 'number';
export interface Schema {
  /** The type of a field by its lower-cased name, or undefined when Jira would say it does not exist. */
  typeOf(field: string): FieldType | undefined;
  /** For fields whose values Jira checks (project, issue type): whether the value exists. */
  exists?(field: string, value: string): boolean;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function dateOf(v: Value, now: Date): number {
  if (v.kind === 'fn') {
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const offset = v.args[0] ? relative(v.args[0]) : 0;
    if (v.name === 'now') return now.getTime() + offset;
    if (v.name === 'startofday') return day.getTime() + offset;
    if (v.name === 'endofday') return day.getTime() + 86_400_000 - 1 + offset;
    throw new JqlError(`Error in the JQL Query: Unable to find JQL function '${v.name}()'.`);
  }
  const rel = /^[+-]?\d+[mhdw]$/.test(v.text.replace(/\s+/g, '')) ? relative(v.text) : undefined;
  if (rel !== undefined) return now.getTime() + rel;
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(v.text);
  const iso = Date.parse(v.text);
  if (/Z|[+-]\d{2}:?\d{2}$/.test(v.text) && !Number.isNaN(iso)) return iso;
  if (!m) throw new JqlError(`Error in the JQL Query: Date value '${v.text}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

function relative(text: string): number {
  const m = /^([+-]?)(\d+)([mhdw])$/.exec(text.replace(/\s+/g, ''));
  if (!m) throw new JqlError(`Error in the JQL Query: '${text}' is not a valid period (e.g. '-5d', '4w').`);
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNITS[m[3]!]!;
}

/** `SEC-12` → a number that orders keys as Jira does within a project (then by project). */
const keyOrders = new Map<string, string>();
function keyOrder(key: string): string {
  const hit = keyOrders.get(key);
  if (hit !== undefined) return hit;
  const order = computeKeyOrder(key);
  if (keyOrders.size < 200_000) keyOrders.set(key, order);
  return order;
}
function computeKeyOrder(key: string): string {
  const m = /^([A-Z][A-Z0-9_]*)-(\d+)$/i.exec(key);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.padStart(12, '0')}` : key.toUpperCase();
}

// A `~` search: Lucene's escapes (\[ \" …) mean the character itself; `*` and `?` are wildcards we treat as nothing.
const textTerm = (s: string) => s.replace(/\\(.)/g, '$1').replace(/[*?]/g, '').trim().toLowerCase();

/** Checks the fields and values once, before any issue is looked at, so an error never depends on the data. */
export function check(q: Query, schema: Schema, now: Date): void {
  const visit = (c: Clause): void => {
    if (c.kind === 'and' || c.kind === 'or') {
      c.parts.forEach(visit);
      return;
    }
    if (c.kind === 'not') {
      visit(c.part);
      return;
    }
    const type = schema.typeOf(c.field.toLowerCase());
    if (!type) throw new JqlError(`Error in the JQL Query: Field '${c.field}' does not exist or you do not have permission to view it.`);
    if (c.kind === 'empty') return;
    if ((c.op === '~' || c.op === '!~') && type !== 'text') throw new JqlError(`Error in the JQL Query: The operator '${c.op}' is not supported by the '${c.field}' field.`);
    if ((c.op === '~' || c.op === '!~') && c.values.some((v) => v.kind === 'string' && textTerm(v.text) === '')) throw new JqlError(`Error in the JQL Query: The value for the '${c.field}' text search is empty once wildcards are removed.`);
    for (const v of c.values) if (v.kind === 'string' && schema.exists && !schema.exists(c.field.toLowerCase(), v.text)) throw new JqlError(`Error in the JQL Query: The value '${v.text}' does not exist for the field '${c.field}'.`);
    if (type === 'date') c.values.forEach((v) => dateOf(v, now));
    else if (c.values.some((v) => v.kind === 'fn')) throw new JqlError(`Error in the JQL Query: The field '${c.field}' does not support functions here.`);
  };
  if (q.where) visit(q.where);
  for (const o of q.orderBy) if (!schema.typeOf(o.field.toLowerCase())) throw new JqlError(`Error in the JQL Query: Not able to sort using field '${o.field}'.`);
}

type Predicate = (get: (field: string) => FieldValue) => boolean;

/** A clause as a predicate, built once per search: field names, types and values are resolved before any issue. */
export function compile(c: Clause | undefined, schema: Schema, now: Date): Predicate {
  if (!c) return () => true;
  switch (c.kind) {
    case 'and': {
      const parts = c.parts.map((x) => compile(x, schema, now));
      return (get) => {
        for (const p of parts) if (!p(get)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = c.parts.map((x) => compile(x, schema, now));
      return (get) => {
        for (const p of parts) if (p(get)) return true;
        return false;
      };
    }
    case 'not': {
      const part = compile(c.part, schema, now);
      return (get) => !part(get);
    }
    case 'empty': {
      const field = c.field.toLowerCase();
      return (get) => {
        const v = get(field);
        return (v === undefined || v === '') !== c.negated;
      };
    }
    case 'cmp': {
      const field = c.field.toLowerCase();
      const type = schema.typeOf(field)!;
      if (c.op === '~' || c.op === '!~') {
        const terms = c.values.flatMap((v) => (v.kind === 'string' ? textTerm(v.text).split(/\s+/) : []));
        const want = c.op === '~';
        return (get) => {
          const actual = get(field);
          if (actual === undefined || actual === '') return false;
          const hay = String(actual).toLowerCase();
          return terms.every((w) => hay.includes(w)) === want;
        };
      }
      const vals = c.values.map((v): string | number => (type === 'date' ? dateOf(v, now) : type === 'number' ? Number((v as { text: string }).text) : type === 'key' ? keyOrder((v as { text: string }).text) : (v as { text: string }).text.toLowerCase()));
      const first = vals[0]!;
      const op = c.op;
      return (get) => {
        const actual = get(field);
        // As in Jira, a comparison never matches an empty field (use IS EMPTY for those), not even `!=`.
        if (actual === undefined || actual === '') return false;
        const a: string | number = type === 'key' ? keyOrder(String(actual)) : typeof actual === 'string' && type === 'text' ? actual.toLowerCase() : actual;
        switch (op) {
          case '=':
          case 'in':
            return vals.includes(a);
          case '!=':
          case 'not in':
            return !vals.includes(a);
          case '<':
            return a < first;
          case '<=':
            return a <= first;
          case '>':
            return a > first;
          case '>=':
            return a >= first;
        }
        return false;
      };
    }
  }
}

/** Whether an issue matches; `get` answers a field's value for this issue. */
export function matches(c: Clause | undefined, get: (field: string) => FieldValue, schema: Schema, now: Date): boolean {
  return compile(c, schema, now)(get);
}

/** Orders by the query's ORDER BY, then key descending (Jira's tie-break); empty values last when ascending. */
export function comparator<T>(q: Query, get: (item: T, field: string) => FieldValue, schema: Schema): (x: T, y: T) => number {
  const order = [...q.orderBy, { field: 'key', dir: 'desc' as const }].map((o) => ({ field: o.field.toLowerCase(), asc: o.dir === 'asc', type: schema.typeOf(o.field.toLowerCase()) }));
  const value = (item: T, o: (typeof order)[number]): FieldValue => {
    const v = get(item, o.field);
    if (v === undefined || v === '') return undefined;
    if (o.type === 'key') return keyOrder(String(v));
    return typeof v === 'string' ? v.toLowerCase() : v;
  };
  return (x, y) => {
    for (const o of order) {
      const a = value(x, o);
      const b = value(y, o);
      if (a === b) continue;
      if (a === undefined) return o.asc ? 1 : -1;
      if (b === undefined) return o.asc ? -1 : 1;
      const d = a < b ? -1 : 1;
      return o.asc ? d : -d;
    }
    return 0;
  };
}
