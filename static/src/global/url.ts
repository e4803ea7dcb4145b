import { LIST_PHASES, LIST_SUPPORT_LEVELS, type QueueRequest } from '../../../src/contract/global';
import { QUEUE_VIEWS, SORT_FIELDS, type QueueView } from '../../../src/domain/queue';

/** A tab of the page: a queue view, or IR's insights. */
export type PageTab = QueueView | 'insights';

export interface PageState {
  tab: PageTab;
  queue: QueueRequest;
  /** A value in the link the page did not understand (shown, then ignored). */
  problem: string | null;
}

const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** The page's state from its URL query (`view`, `sort=field.dir`, `level`, `phase`, `q`); unknown values are reported. */
export function fromSearch(search: string, fallback: QueueView, isIr: boolean): PageState {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  const rawView = p.get('view');
  let tab: PageTab = fallback;
  if (rawView !== null) {
    const known = rawView === 'insights' && isIr ? 'insights' : pick(QUEUE_VIEWS, rawView);
    if (known) tab = known;
    else problems.push(`The link names a view that does not exist (\u201c${rawView.slice(0, 40)}\u201d).`);
  }
  const queue: QueueRequest = { view: tab === 'insights' ? fallback : tab };
  const sort = p.get('sort');
  if (sort) {
    const [field, dir] = sort.split('.');
    const f = pick(SORT_FIELDS, field ?? null);
    const d = pick(['asc', 'desc'] as const, dir ?? null);
    if (f && d) queue.sort = { field: f, dir: d };
    else problems.push(`The link sorts by something the table does not have (\u201c${sort.slice(0, 40)}\u201d).`);
  }
  const level = p.get('level');
  if (level) {
    const l = pick(LIST_SUPPORT_LEVELS, level);
    if (l) queue.supportLevel = l;
    else problems.push(`Unknown support level \u201c${level.slice(0, 40)}\u201d.`);
  }
  const phase = p.get('phase');
  if (phase) {
    const ph = pick(LIST_PHASES, phase);
    if (ph) queue.phase = ph;
    else problems.push(`Unknown phase \u201c${phase.slice(0, 40)}\u201d.`);
  }
  const q = p.get('q');
  if (q) queue.search = q.slice(0, 100);
  return { tab, queue, problem: problems.length ? `${problems.join(' ')} Showing the rest of the link.` : null };
}

/** The URL query for a state, in a stable order, so equal views have equal links. */
export function toSearch(tab: PageTab, q: QueueRequest): string {
  const p = new URLSearchParams();
  p.set('view', tab);
  if (q.sort) p.set('sort', `${q.sort.field}.${q.sort.dir}`);
  if (q.supportLevel) p.set('level', q.supportLevel);
  if (q.phase) p.set('phase', q.phase);
  if (q.search) p.set('q', q.search);
  return `?${p.toString()}`;
}
