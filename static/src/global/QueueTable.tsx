import { router } from '@forge/bridge';
import type { QueueRequest, QueueRow } from '../../../src/contract/global';
import type { SortField } from '../../../src/domain/queue';
import { formatRemaining, slaColour } from '../../../src/domain/ack-timer';
import { formatDateTime, type Locale } from '../ui/format';
import { CLOCK_LABELS, LEVEL_APPEARANCE, LEVEL_LABELS, PHASE_NAMES, SEVERITY_APPEARANCE, phaseAppearance, type Appearance } from './labels';

export function Lozenge({ appearance, children }: { appearance: Appearance; children: string }) {
  return <span className={`lozenge lozenge-${appearance}`}>{children}</span>;
}

/** The acknowledgment clock as Jira Service Management shows an SLA: time left, amber at risk, red and negative once breached. */
function Clock({ row, now, l }: { row: QueueRow; now: Date; l: Locale }) {
  if (row.clock === 'acknowledged') return <Lozenge appearance="success">Acknowledged</Lozenge>;
  if (row.clock === 'acknowledged-late') return <Lozenge appearance="moved">Acknowledged late</Lozenge>;
  if (row.clock !== 'running' && row.clock !== 'breached') return <span className="subtle">{CLOCK_LABELS[row.clock]}</span>;
  const remaining = Date.parse(row.ackDueAt) - now.getTime();
  return (
    <span className={`sla sla-${slaColour(remaining)}`} title={`Due ${formatDateTime(row.ackDueAt, l)}`} data-testid="row-clock">
      {remaining < 0 ? `Breached ${formatRemaining(remaining)}` : `${formatRemaining(remaining)} left`}
    </span>
  );
}

/** A deadline: overdue ones say so in red, not just a time in the past. */
function Due({ at, now, l }: { at: string; now: Date; l: Locale }) {
  if (!at) return <span className="subtle">—</span>;
  const overdue = Date.parse(at) < now.getTime();
  return <span className={overdue ? 'due-overdue' : undefined}>{overdue ? `Overdue since ${formatDateTime(at, l)}` : formatDateTime(at, l)}</span>;
}

const COLUMNS: { field: SortField | null; label: string; ir?: boolean }[] = [
  { field: 'key', label: 'Key' },
  { field: 'summary', label: 'Summary' },
  { field: null, label: 'Partner', ir: true },
  { field: null, label: 'App' },
  { field: 'supportLevel', label: 'Support' },
  { field: null, label: 'Severity' },
  { field: 'phase', label: 'Phase' },
  { field: 'ackDue', label: 'Acknowledgment' },
  { field: 'partnerDue', label: 'Partner next due' },
  { field: 'created', label: 'Created' },
];

function openIssue(key: string) {
  void router.navigate({ target: 'issue', issueKey: key });
}

/** The queue: sortable column headers (a button each, with aria-sort), the summary as the ticket's link. */
export function QueueTable({ rows, sort, onSort, isIr, now, l, busy }: { rows: QueueRow[]; sort: NonNullable<QueueRequest['sort']>; onSort: (s: NonNullable<QueueRequest['sort']>) => void; isIr: boolean; now: Date; l: Locale; busy: boolean }) {
  const cols = COLUMNS.filter((c) => !c.ir || isIr);
  return (
    <div className="table-scroll">
      <table data-testid="incidents" aria-busy={busy}>
        <thead>
          <tr>
            {cols.map((c) => {
              const active = c.field !== null && sort.field === c.field;
              return (
                <th key={c.label} scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.field === null ? (
                    c.label
                  ) : (
                    <button type="button" className="sort" data-testid={`sort-${c.field}`} onClick={() => onSort({ field: c.field!, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.issueId} data-testid="incident-row" data-key={r.issueKey}>
              <td className="mono">{r.issueKey}</td>
              <td>
                <a
                  href={`/browse/${encodeURIComponent(r.issueKey)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    openIssue(r.issueKey);
                  }}
                >
                  {r.summary || r.issueKey}
                </a>
              </td>
              {isIr && <td>{r.partnerName || <span className="subtle">Not linked</span>}</td>}
              <td>{r.appName || <span className="subtle">—</span>}</td>
              <td>
                <Lozenge appearance={LEVEL_APPEARANCE[r.supportLevel]}>{LEVEL_LABELS[r.supportLevel]}</Lozenge>
              </td>
              <td>{r.severity ? <Lozenge appearance={SEVERITY_APPEARANCE[r.severity] ?? 'default'}>{r.severity}</Lozenge> : <span className="subtle">—</span>}</td>
              <td>
                <Lozenge appearance={phaseAppearance(r.phase)}>{PHASE_NAMES[r.phase] ?? r.phase}</Lozenge>
              </td>
              <td>
                <Clock row={r} now={now} l={l} />
              </td>
              <td>
                <Due at={r.nextPartnerDue} now={now} l={l} />
              </td>
              <td>{r.created ? formatDateTime(r.created, l) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A partner's inbox: each incident and what it needs from them, soonest first as the server ordered them. */
export function Inbox({ rows, now, l }: { rows: QueueRow[]; now: Date; l: Locale }) {
  if (rows.length === 0) return <p className="empty" data-testid="inbox-empty">Nothing is waiting for you. Atlassian will reach out on the ticket if they need anything.</p>;
  return (
    <ul className="inbox" data-testid="inbox">
      {rows.map((r) => (
        <li key={r.issueId} data-testid="inbox-item">
          <a
            href={`/browse/${encodeURIComponent(r.issueKey)}`}
            onClick={(e) => {
              e.preventDefault();
              openIssue(r.issueKey);
            }}
          >
            <span className="mono">{r.issueKey}</span> {r.summary}
          </a>
          {r.clock === 'running' || r.clock === 'breached' ? (
            <p>
              <strong>Acknowledge Atlassian&rsquo;s outreach by {formatDateTime(r.ackDueAt, l)}</strong> <Clock row={r} now={now} l={l} />
            </p>
          ) : null}
          {r.needs.length > 0 ? (
            <ul>
              {r.needs
                .filter((n) => !(n.label.startsWith('Acknowledge') && (r.clock === 'running' || r.clock === 'breached')))
                .map((n) => (
                  <li key={n.label} className={n.overdue ? 'due-overdue' : undefined}>
                    <strong>{n.label}</strong>
                    {n.dueAt ? ` — due ${n.dueAt.length === 10 ? n.dueAt : formatDateTime(n.dueAt, l)}${n.overdue ? ' (overdue)' : ''}` : ''}: {n.detail}
                  </li>
                ))}
            </ul>
          ) : (
            !(r.clock === 'running' || r.clock === 'breached') && <p className="subtle">Nothing owed right now.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
