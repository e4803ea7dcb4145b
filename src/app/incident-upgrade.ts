// Reads a stored incident of any older or partial shape as today's shape, for the background work and the
// global page: a record written before a part existed, or planted by hand, must never stop a sweep or a page.
// Only defaults are added; nothing stored is dropped, so a later save keeps everything the record had.
import { EMPTY_REPORT, type Report } from '../domain/report';
import { EMPTY_LOG_SHARING, type LogSharingPart, type StoredLogRequest } from '../domain/log-retention';
import type { Outreach } from '../domain/outreach';
import type { IncidentDoc, IncidentState } from '../adapters/kvs/incident-repo';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);
const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
const strings = (x: unknown): string[] => list<unknown>(x).filter((s): s is string => typeof s === 'string');
const stringMap = (x: unknown): Record<string, string> => (isObject(x) ? Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === 'string')) : {});
const isInstant = (x: unknown): x is string => typeof x === 'string' && !Number.isNaN(Date.parse(x));

/** Fills every field the template has and the value lacks (or holds with the wrong kind); keeps the rest. */
function withDefaults(template: unknown, value: unknown): unknown {
  if (isObject(template)) {
    const v = isObject(value) ? value : {};
    return { ...v, ...Object.fromEntries(Object.entries(template).map(([k, t]) => [k, withDefaults(t, v[k])])) };
  }
  if (Array.isArray(template)) return Array.isArray(value) ? value : [...template];
  return typeof value === typeof template ? value : template;
}

// An outreach without an id or a readable time cannot be scheduled; the others get their bookkeeping defaults.
function outreachOf(x: unknown): Outreach[] {
  if (!isObject(x) || typeof x.id !== 'string' || !isInstant(x.at)) return [];
  const ack = isObject(x.ack) && isInstant(x.ack.at) ? (x.ack as unknown as Outreach['ack']) : null;
  return [{ ...(x as unknown as Outreach), message: typeof x.message === 'string' ? x.message : '', ack, posted: strings(x.posted), claims: stringMap(x.claims) }];
}

function logRequestOf(x: unknown): StoredLogRequest[] {
  if (!isObject(x) || typeof x.id !== 'string' || typeof x.state !== 'string') return [];
  const r = x as unknown as StoredLogRequest;
  return [{ ...r, history: list(x.history), internalNotes: list(x.internalNotes), posted: strings(x.posted), claims: stringMap(x.claims), delivery: r.delivery ?? null, receipt: r.receipt ?? null, deletion: r.deletion ?? null, legalHold: r.legalHold ?? null }];
}

function logSharingOf(x: unknown): LogSharingPart | undefined {
  if (x === undefined) return undefined;
  const part = isObject(x) ? x : {};
  return { ...EMPTY_LOG_SHARING, ...(part as Partial<LogSharingPart>), requests: list<unknown>(part.requests).flatMap(logRequestOf) };
}

export function upgradeIncidentDoc(raw: unknown, issueKey: string): IncidentDoc {
  const d = isObject(raw) ? raw : {};
  const logSharing = logSharingOf(d.logSharing);
  return {
    ...(d as Partial<IncidentDoc>),
    issueKey: typeof d.issueKey === 'string' ? d.issueKey : issueKey,
    report: withDefaults(EMPTY_REPORT, d.report) as Report,
    attachmentNames: stringMap(d.attachmentNames),
    indicatorCount: typeof d.indicatorCount === 'number' ? d.indicatorCount : 0,
    updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : '',
    triage: isObject(d.triage) ? (d.triage as unknown as IncidentDoc['triage']) : null,
    channels: isObject(d.channels) ? (d.channels as IncidentDoc['channels']) : {},
    phases: list<unknown>(d.phases).filter((p): p is IncidentDoc['phases'][number] => isObject(p) && typeof p.phase === 'string' && isInstant(p.at)),
    outreaches: list<unknown>(d.outreaches).flatMap(outreachOf),
    mitigations: list(d.mitigations),
    customerNotification: isObject(d.customerNotification) ? (d.customerNotification as unknown as IncidentDoc['customerNotification']) : null,
    rootCause: isObject(d.rootCause) ? (d.rootCause as unknown as IncidentDoc['rootCause']) : { status: 'not-started', reference: '' },
    ...(logSharing ? { logSharing } : {}),
  };
}

/** The loaded state with its record read as today's shape. */
export const upgradeState = (s: IncidentState, issueKey: string): IncidentState => ({ ...s, record: { ...s.record, doc: upgradeIncidentDoc(s.record.doc, issueKey) } });
