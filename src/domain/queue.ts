// The global page's queue views as JQL: each view is a saved filter over the incident tickets (the site's
// projects and issue types) and the facts the app mirrors into the indexed issue property (manifest
// `jira:entityProperty`, aliases incidentSupportLevel, incidentPhase, …). The same text runs as the page's
// search and behind "Open in Jira search", so the link always shows what the view shows.
import type { IncidentTickets } from './site-settings';

export const QUEUE_VIEWS = ['triage', 'open', 'mine', 'at-risk', 'closed'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  triage: 'Needs triage',
  open: 'Open',
  mine: 'Needs my action',
  'at-risk': 'Breached or at risk',
  closed: 'Closed',
};

/** The view a page opens on without one in its URL: partners their inbox, everyone else the triage queue. */
export const defaultView = (role: string): QueueView => (role === 'partner' ? 'mine' : 'triage');

export const SORT_FIELDS = ['key', 'summary', 'created', 'supportLevel', 'phase', 'ackDue', 'partnerDue'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface QueueSort {
  field: SortField;
  dir: 'asc' | 'desc';
}
const SORT_JQL: Record<SortField, string> = {
  key: 'key',
  summary: 'summary',
  created: 'created',
  supportLevel: 'incidentSupportLevel',
  phase: 'incidentPhase',
  ackDue: 'incidentAckDue',
  partnerDue: 'incidentPartnerDue',
};
/** Each view's own order: what needs attention first. */
export const DEFAULT_SORT: Record<QueueView, QueueSort> = {
  triage: { field: 'created', dir: 'desc' },
  open: { field: 'ackDue', dir: 'asc' },
  mine: { field: 'ackDue', dir: 'asc' },
  'at-risk': { field: 'ackDue', dir: 'asc' },
  closed: { field: 'created', dir: 'desc' },
};

/** How close a deadline must be to count as at risk: the last quarter of the 8-hour clock, a day for partner items. */
export const AT_RISK_ACK = '2h';
export const AT_RISK_PARTNER = '1d';
export const AT_RISK_DELETION = '14d';

export interface QueueFilters {
  supportLevel?: string;
  phase?: string;
  search?: string;
}

// Jira's text search (Lucene) treats these as syntax; each is escaped so a search finds the character itself.
const LUCENE_SPECIAL = new Set([...'+-&|!(){}[]^~*?:\\/"']);
const jqlChar = (c: string) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c);

/** A string literal for JQL: quotes and backslashes escaped, so no input can end the literal early. */
export const jqlString = (s: string) => `"${[...s].map(jqlChar).join('')}"`;

/** A literal for a `~` text search: Lucene's special characters escaped as well (`\\` in JQL is one `\` for Lucene). */
export const jqlText = (s: string) => `"${[...s].map((c) => (LUCENE_SPECIAL.has(c) ? `\\\\${jqlChar(c)}` : jqlChar(c))).join('')}"`;

/** Why a search text cannot be searched, or null when it can (control characters; nothing but punctuation). */
export function searchProblem(s: string): string | null {
  if (/\p{Cc}/u.test(s)) return 'Search without line breaks or control characters';
  if (!/[\p{L}\p{N}]/u.test(s)) return 'Search with at least one letter or digit';
  return null;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{1,9}-\d{1,12}$/i;
const list = (xs: readonly string[]) => `(${xs.map(jqlString).join(', ')})`;

const NOT_CLOSED = '(incidentPhase IS EMPTY OR incidentPhase != closed)';
const UNTRIAGED = '(incidentSupportLevel IS EMPTY OR incidentSupportLevel = untriaged)';
const TRIAGED = 'incidentSupportLevel in (joint, async, out-of-scope)';
const ACK_BREACHED = '(incidentAckState = running AND incidentAckDue < now())';
const AT_RISK = `((incidentAckState = running AND incidentAckDue <= "${AT_RISK_ACK}") OR incidentPartnerDue <= "${AT_RISK_PARTNER}" OR incidentDeletionDue <= "${AT_RISK_DELETION}")`;

/** What each view selects, for each kind of viewer (IR act on triage and breaches; partners on what they owe). */
function viewClause(view: QueueView, role: 'ir' | 'partner' | 'viewer'): string {
  switch (view) {
    case 'triage':
      return `${UNTRIAGED} AND ${NOT_CLOSED}`;
    case 'open':
      return `${TRIAGED} AND incidentPhase != closed`;
    case 'closed':
      return 'incidentPhase = closed';
    case 'at-risk':
      // A closed incident owes nothing on this page, even with a stale deadline in its facts.
      return `incidentPhase != closed AND ${AT_RISK}`;
    case 'mine':
      if (role === 'ir') return `(${UNTRIAGED} OR ${ACK_BREACHED}) AND ${NOT_CLOSED}`;
      if (role === 'partner') return `incidentPhase != closed AND (incidentAckState = running OR incidentPartnerDue IS NOT EMPTY OR incidentDeletionDue IS NOT EMPTY)`;
      return `${TRIAGED} AND incidentPhase != closed`;
  }
}

/** The view's JQL: incident tickets, the view's filter, the page's filters and search, and the order. */
export function queueJql(q: { tickets: IncidentTickets; view: QueueView; role: 'ir' | 'partner' | 'viewer'; filters: QueueFilters; sort?: QueueSort }): string {
  const parts = [`project in ${list(q.tickets.projects)}`, `issuetype in ${list(q.tickets.issueTypes)}`, viewClause(q.view, q.role)];
  const f = q.filters;
  if (f.supportLevel) parts.push(f.supportLevel === 'untriaged' ? UNTRIAGED : `incidentSupportLevel = ${jqlString(f.supportLevel)}`);
  if (f.phase) parts.push(f.phase === 'none' ? '(incidentPhase IS EMPTY OR incidentPhase = none)' : `incidentPhase = ${jqlString(f.phase)}`);
  const s = f.search?.trim();
  if (s) parts.push(ISSUE_KEY.test(s) ? `(key = ${jqlString(s.toUpperCase())} OR summary ~ ${jqlText(s)})` : `summary ~ ${jqlText(s)}`);
  const sort = q.sort ?? DEFAULT_SORT[q.view];
  const tie = sort.field === 'key' ? '' : ', key DESC';
  return `${parts.join(' AND ')} ORDER BY ${SORT_JQL[sort.field]} ${sort.dir.toUpperCase()}${tie}`;
}
