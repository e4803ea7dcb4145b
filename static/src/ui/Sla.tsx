import { coverageMs, formatRemaining, pausedAt, resumesAt, slaColour } from '../../../src/domain/ack-timer';
import type { ObligationsView } from '../../../src/contract/incident';
import { formatDateTime, type Locale } from './format';

type Outreach = ObligationsView['outreaches'][number];
type Clock = ObligationsView['clock'];

const GOAL_MS = 8 * 3_600_000;
const goal = `${GOAL_MS / 3_600_000}h`;

/** Small inline icons (as Jira Service Management's SLA lozenge shows them); decorative, the text says it all. */
function Icon({ kind }: { kind: 'clock' | 'paused' | 'breached' | 'done' | 'stopped' }) {
  const paths = {
    clock: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM8.75 4v3.7l2.4 1.4-.75 1.3L7.25 8.6V4h1.5Z',
    paused: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6 5h1.5v6H6V5Zm2.5 0H10v6H8.5V5Z',
    breached: 'M8 1 15 14H1L8 1Zm-.75 4.5v4h1.5v-4h-1.5Zm0 5.5v1.5h1.5V11h-1.5Z',
    done: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-1 9.6L4.3 8.4l1.06-1.06L7 8.98l3.64-3.64 1.06 1.06L7 11.1Z',
    stopped: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM5.5 5.5h5v5h-5v-5Z',
  } as const;
  return (
    <svg className="sla-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={paths[kind]} />
    </svg>
  );
}

/** Time left on the clock: coverage time on a 24x5 calendar (weekends do not count), wall time on 24x7. */
export function remainingMs(o: Outreach, clock: Clock, now: Date): number {
  const due = new Date(o.dueAt);
  if (clock.calendar === '24x7') return due.getTime() - now.getTime();
  return due.getTime() >= now.getTime() ? coverageMs(now, due, clock.calendar, clock.timeZone) : -coverageMs(due, now, clock.calendar, clock.timeZone);
}

/**
 * The acknowledgment clock as Jira Service Management shows an SLA: remaining time with its goal ("4h 57m of 8h"),
 * an icon for paused and breached, amber when at risk, red with negative time once breached.
 */
export function SlaClock({ o, clock, now, l, closed }: { o: Outreach; clock: Clock; now: Date; l: Locale; closed: boolean }) {
  if (o.ack) {
    const late = o.state === 'acknowledged-late';
    return (
      <span className={`sla sla-${late ? 'warning' : 'done'}`} data-testid="sla">
        <Icon kind="done" />
        <span>
          {late ? 'Acknowledged late' : 'Acknowledged'} · <time dateTime={o.ack.at}>{formatDateTime(o.ack.at, l)}</time>
        </span>
      </span>
    );
  }
  if (closed) {
    return (
      <span className="sla sla-neutral" data-testid="sla">
        <Icon kind="stopped" />
        <span>Clock stopped: the incident is closed</span>
      </span>
    );
  }
  const left = remainingMs(o, clock, now);
  const colour = slaColour(left);
  const paused = clock.calendar === '24x5' && pausedAt(now, clock.calendar, clock.timeZone);
  const resumes = paused ? resumesAt(now, clock.calendar, clock.timeZone) : null;
  return (
    <span className={`sla sla-${colour}`} data-testid="sla" role="timer" aria-live="off">
      <Icon kind={left < 0 ? 'breached' : paused ? 'paused' : 'clock'} />
      <span data-testid="sla-remaining">
        {formatRemaining(left)} of {goal}
      </span>
      {left < 0 && <span>· breached</span>}
      {paused && resumes && <span>· paused until {formatDateTime(resumes.toISOString(), l)}</span>}
      <span className="sla-due">
        · due <time dateTime={o.dueAt}>{formatDateTime(o.dueAt, l)}</time>
      </span>
    </span>
  );
}
