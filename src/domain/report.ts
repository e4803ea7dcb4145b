// The incident report (seed 000, "What to include in your report"): its field rules as valibot schemas
// shared by browser and server, what is still missing, the partner's view of it, and its exports
// (Markdown for the developer support portal, CSV of the indicators, field-level changes).
// Pure: no clock, no I/O. A partial report is normal ("update the ticket as your investigation
// progresses"), so every field may be empty and only what is given is checked.
import * as v from 'valibot';
import { INSTANT_MESSAGE, instantField, optionalInstant, toIsoInstant } from './calendar';
import { ReportContactSchema, missingContactFields, shortText } from './contacts';
import { textRules } from './text';
import type { ReportContact } from './contacts';
import { INDICATOR_TYPES, INDICATOR_TYPE_LABELS, MAX_INDICATOR_LENGTH, defang } from './indicators';
import type { IndicatorType } from './indicators';
import { diffFields } from './audit-trail';
import { DEFAULT_TLP, TLP_LABELS, indicatorTlpField, readTlp, tlpField } from './tlp';
import type { FieldChange } from './audit-trail';
import { IR_INTERNAL_REPORT_FIELDS } from './visibility';

// ---------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------

export const LONG_TEXT_MAX = 10_000;
export const MAX_ATTACHMENTS = 100;
export const MAX_INDICATORS = 500;
export const INDICATOR_NOTE_MAX = 1000;
export const AFFECTED_TENANTS_MAX = 100_000_000;

export const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const ENVIRONMENT_LABELS: Readonly<Record<Environment, string>> = {
  development: 'Development',
  staging: 'Staging',
  production: 'Production',
};

export const DISTRIBUTIONS = ['public', 'unlisted', 'private'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];
export const DISTRIBUTION_LABELS: Readonly<Record<Distribution, string>> = {
  public: 'Public',
  unlisted: 'Unlisted',
  private: 'Private',
};

export const DATA_EXPOSURE_TYPES = [
  'none-known', 'customer-content', 'personal-data', 'credentials-or-tokens', 'app-configuration', 'other',
] as const;
export type DataExposureType = (typeof DATA_EXPOSURE_TYPES)[number];
export const DATA_EXPOSURE_LABELS: Readonly<Record<DataExposureType, string>> = {
  'none-known': 'None known so far',
  'customer-content': 'Customer content (issues, pages, attachments, comments)',
  'personal-data': 'Personal data (names, email addresses, account IDs)',
  'credentials-or-tokens': 'Credentials or tokens (API/OAuth tokens, secrets)',
  'app-configuration': 'App configuration or settings',
  other: 'Other (see details)',
};

export const ATLASSIAN_PRODUCTS = [
  'jira', 'jira-service-management', 'jira-product-discovery', 'confluence', 'bitbucket', 'compass',
  'loom', 'trello', 'rovo', 'other',
] as const;
export type AtlassianProduct = (typeof ATLASSIAN_PRODUCTS)[number];
export const PRODUCT_LABELS: Readonly<Record<AtlassianProduct, string>> = {
  jira: 'Jira',
  'jira-service-management': 'Jira Service Management',
  'jira-product-discovery': 'Jira Product Discovery',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
  compass: 'Compass',
  loom: 'Loom',
  trello: 'Trello',
  rovo: 'Rovo',
  other: 'Other',
};

// ---------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------

/** A trimmed, possibly multi-line text of at most LONG_TEXT_MAX characters (UTF-16 units, as a textarea counts). */
export const longText = () =>
  v.pipe(v.string('Enter text'), v.trim(), v.maxLength(LONG_TEXT_MAX, `Use at most ${LONG_TEXT_MAX} characters`), ...textRules());

/** Names the unknown key in the message (these come from a buggy client, not a person, but say which). */
const strictMessage = (issue: v.BaseIssue<unknown>): string =>
  issue.expected === 'never' ? `Unknown field ${issue.received}` : 'Expected an object';

export { INSTANT_MESSAGE, toIsoInstant } from './calendar';

const UUID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
// The manifest writes the app ID as an ARI; people paste it from there, so take that too and keep the UUID.
const APP_ARI_PREFIX = 'ari:cloud:ecosystem::app/';
export const APP_ID_MESSAGE = 'Enter the Forge app ID, a UUID such as 0b5c3f8e-2d4a-4e61-9c7b-1f2e3d4c5b6a';

/** '' or a Forge app ID: a UUID of any version, or `ari:cloud:ecosystem::app/<uuid>`; stored as the lowercase UUID. */
const appIdField = () =>
  v.pipe(
    v.string(APP_ID_MESSAGE),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const text = dataset.value.trim();
      const uuid = text.toLowerCase().startsWith(APP_ARI_PREFIX) ? text.slice(APP_ARI_PREFIX.length) : text;
      if (text === '') return '';
      if (!UUID.test(uuid)) {
        addIssue({ message: APP_ID_MESSAGE });
        return NEVER;
      }
      return uuid.toLowerCase();
    }),
  );

/** '' (not chosen) or one of `options`. */
const choice = <const T extends readonly string[]>(options: T, message: string) =>
  v.picklist(['', ...options] as ['', ...T], message);

const AFFECTED_TENANTS_MESSAGE = 'Enter a whole number, or leave it empty if not yet known';
const affectedTenantsField = () =>
  v.nullable(
    v.pipe(
      v.number(AFFECTED_TENANTS_MESSAGE),
      v.integer('Enter a whole number'),
      v.minValue(0, 'Must be 0 or more'),
      v.maxValue(AFFECTED_TENANTS_MAX, 'Must be at most 100,000,000'),
      // -0 passes the checks; store plain 0 (JSON would turn it into 0 anyway, the live object should agree).
      v.transform((n) => n + 0),
    ),
  );

const isUnique = (items: readonly unknown[]): boolean => new Set(items).size === items.length;

/** Products in catalogue order, so that ticking boxes in another order is not recorded as a change. */
const productsField = () =>
  v.pipe(
    v.array(v.picklist(ATLASSIAN_PRODUCTS, 'Choose products from the list'), 'Choose products from the list'),
    v.check((items) => isUnique(items), 'Choose each product once'),
    v.transform((items) => ATLASSIAN_PRODUCTS.filter((p) => items.includes(p))),
  );

// Jira attachment IDs are numeric (a Java long: at most 19 digits). Only the ID is kept: the file stays
// on the ticket, the report refers to it.
const ATTACHMENT_ID = /^\d{1,19}$/;
const attachmentsField = () =>
  v.pipe(
    v.array(v.pipe(v.string('Use a Jira attachment ID'), v.regex(ATTACHMENT_ID, 'Use a Jira attachment ID (digits only)')), 'Choose attachments from the ticket'),
    v.maxLength(MAX_ATTACHMENTS, `Reference at most ${MAX_ATTACHMENTS} attachments`),
    v.check((items) => isUnique(items), 'Reference each attachment once'),
  );

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

type TimelineKey = 'firstObservedAt' | 'detectedAt' | 'containmentAt';
export const TIMELINE_LABELS: Readonly<Record<TimelineKey, string>> = {
  firstObservedAt: 'First observed',
  detectedAt: 'Detected internally',
  containmentAt: 'Containment began',
};

/** True when both are given and `later` is before `earlier` (values are already normalised instants). */
function outOfOrder(earlier: string, later: string): boolean {
  return earlier !== '' && later !== '' && Date.parse(later) < Date.parse(earlier);
}

const mustNotBeBefore = (key: TimelineKey) => `Must not be before '${TIMELINE_LABELS[key]}'`;

/** The field's normalised instant, or '' when it is empty or not (yet) valid: an invalid field is not compared. */
function comparableInstant(value: unknown): string {
  return typeof value === 'string' && value !== '' && toIsoInstant(value) === value ? value : '';
}

/**
 * The program's timeline reads first observed ≤ detected ≤ containment began (equal is fine). Each
 * error sits on the later field. Containment is compared with detection, and with first observed
 * unless detection already explains the problem. A field that is itself invalid is left out of the
 * comparisons (its own format error says what is wrong), so containment is then compared with first
 * observed as if detection were empty.
 */
const TimelineSchema = v.pipe(
  v.strictObject({
    firstObservedAt: v.optional(optionalInstant(), ''),
    detectedAt: v.optional(optionalInstant(), ''),
    containmentAt: v.optional(optionalInstant(), ''),
  }, strictMessage),
  v.forward(
    v.partialCheck([['firstObservedAt'], ['detectedAt']], (t) => !outOfOrder(t.firstObservedAt, t.detectedAt), mustNotBeBefore('firstObservedAt')),
    ['detectedAt'],
  ),
  v.forward(
    v.partialCheck([['detectedAt'], ['containmentAt']], (t) => !outOfOrder(t.detectedAt, t.containmentAt), mustNotBeBefore('detectedAt')),
    ['containmentAt'],
  ),
  v.forward(
    // Selects only these two so that it still runs when detection is invalid; reads detection itself
    // (the whole object is there at run time) to stay silent when detection explains the problem.
    v.partialCheck([['firstObservedAt'], ['containmentAt']], (t) => {
      const detectedAt = comparableInstant('detectedAt' in t ? t.detectedAt : '');
      return outOfOrder(detectedAt, t.containmentAt) || !outOfOrder(t.firstObservedAt, t.containmentAt);
    }, mustNotBeBefore('firstObservedAt')),
    ['containmentAt'],
  ),
);

const reportEntries = {
  // How far the incident's record may be shared (TLP 2.0); shared with the partner, who may change it too.
  tlp: v.optional(tlpField(), DEFAULT_TLP),
  summary: v.optional(v.strictObject({
    whatHappened: v.optional(longText(), ''),
    actionsTaken: v.optional(longText(), ''),
    currentStatus: v.optional(longText(), ''),
  }, strictMessage), {}),
  app: v.optional(v.strictObject({
    name: v.optional(shortText(), ''),
    appKey: v.optional(shortText(), ''),
    appId: v.optional(appIdField(), ''),
    environment: v.optional(choice(ENVIRONMENTS, 'Choose development, staging or production'), ''),
    distribution: v.optional(choice(DISTRIBUTIONS, 'Choose public, unlisted or private'), ''),
  }, strictMessage), {}),
  impact: v.optional(v.strictObject({
    dataExposure: v.optional(choice(DATA_EXPOSURE_TYPES, 'Choose a data exposure type from the list'), ''),
    dataExposureDetail: v.optional(longText(), ''),
    affectedTenants: v.optional(affectedTenantsField(), null),
    products: v.optional(productsField(), () => []),
  }, strictMessage), {}),
  timeline: v.optional(TimelineSchema, {}),
  attachments: v.optional(attachmentsField(), () => []),
  contacts: v.optional(v.strictObject({
    primary: v.optional(ReportContactSchema, {}),
    secondary: v.optional(ReportContactSchema, {}),
  }, strictMessage), {}),
  irNotes: v.optional(longText(), ''),
};

/** The whole report, as IR staff edit it. `v.parse(ReportSchema, {})` is the empty report. */
export const ReportSchema = v.strictObject(reportEntries, strictMessage);
export type Report = v.InferOutput<typeof ReportSchema>;
export type ReportInput = v.InferInput<typeof ReportSchema>;

/** Fields only IR staff see and edit; never sent to a partner. */
export { IR_INTERNAL_REPORT_FIELDS };
export type IrInternalReportField = (typeof IR_INTERNAL_REPORT_FIELDS)[number];
export type PartnerReport = Omit<Report, IrInternalReportField>;

/**
 * What a partner may submit: the report without the IR-internal fields, which are rejected as
 * unknown keys if sent (so a partner cannot even try to write them).
 */
export const PartnerReportSchema = v.omit(ReportSchema, IR_INTERNAL_REPORT_FIELDS);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Frozen: copy it before editing. */
export const EMPTY_REPORT: Report = deepFreeze(v.parse(ReportSchema, {}));

const copyContact = (c: ReportContact): ReportContact => ({ name: c.name, role: c.role, email: c.email, phone: c.phone });

/**
 * A fresh copy of the partner-visible fields, built field by field (an allow-list): whatever else the
 * object carries at run time, IR-internal or unknown, is not copied. A new report field is a type error
 * here until it is listed, so it cannot be shared by accident.
 */
function copyPartnerFields(r: PartnerReport): PartnerReport {
  return {
    tlp: readTlp(r.tlp),
    summary: { whatHappened: r.summary.whatHappened, actionsTaken: r.summary.actionsTaken, currentStatus: r.summary.currentStatus },
    app: { name: r.app.name, appKey: r.app.appKey, appId: r.app.appId, environment: r.app.environment, distribution: r.app.distribution },
    impact: {
      dataExposure: r.impact.dataExposure,
      dataExposureDetail: r.impact.dataExposureDetail,
      affectedTenants: r.impact.affectedTenants,
      products: [...r.impact.products],
    },
    timeline: { firstObservedAt: r.timeline.firstObservedAt, detectedAt: r.timeline.detectedAt, containmentAt: r.timeline.containmentAt },
    attachments: [...r.attachments],
    contacts: { primary: copyContact(r.contacts.primary), secondary: copyContact(r.contacts.secondary) },
  };
}

/** A stored report read safely: parts added later (the TLP marking) take their default when absent. */
export function upgradeReport(stored: Report): Report {
  return { ...stored, tlp: readTlp((stored as Partial<Report>).tlp) };
}

/** The report as a partner may see it: a new object without any IR-internal field (not even the key). */
export function toPartnerReport(r: Report): PartnerReport {
  return copyPartnerFields(r);
}

/** A partner's save: everything they can see is theirs to edit; IR-internal fields stay as they were. */
export function mergePartnerEdit(current: Report, submitted: PartnerReport): Report {
  return { ...copyPartnerFields(submitted), irNotes: current.irNotes };
}

// ---------------------------------------------------------------------------
// Indicators as stored with the report
// ---------------------------------------------------------------------------

const noteField = () =>
  v.pipe(v.string('Enter text'), v.trim(), v.maxLength(INDICATOR_NOTE_MAX, `Use at most ${INDICATOR_NOTE_MAX} characters`), ...textRules());
const idField = () =>
  v.pipe(v.string('Choose an indicator'), v.trim(), v.nonEmpty('Choose an indicator'), v.maxLength(200, 'Choose an indicator'));

/**
 * An indicator as kept in storage: `value` raw (refanged, normalised), `firstSeen` '' or an instant,
 * `addedAt` an instant, `addedBy` an account ID. A plain object schema: keys a later version adds are
 * dropped on read rather than making the record unreadable.
 */
export const StoredIndicatorSchema = v.object({
  id: idField(),
  type: v.picklist(INDICATOR_TYPES, 'Choose an indicator type'),
  value: v.pipe(v.string(), v.nonEmpty('Enter the indicator'), v.maxLength(MAX_INDICATOR_LENGTH, `Use at most ${MAX_INDICATOR_LENGTH} characters`)),
  note: v.optional(noteField(), ''),
  firstSeen: v.optional(optionalInstant(), ''),
  /** '' (the incident's marking applies) or a stricter TLP level of its own. */
  tlp: v.optional(indicatorTlpField(), ''),
  addedAt: instantField(INSTANT_MESSAGE),
  addedBy: v.pipe(v.string(), v.maxLength(200)),
  /** When its note, first-seen time or marking last changed; absent until then (the STIX `modified`). */
  editedAt: v.optional(instantField(INSTANT_MESSAGE)),
});
export type StoredIndicator = v.InferOutput<typeof StoredIndicatorSchema>;

/**
 * An edit of an indicator's note and first-seen time. Both are required: leaving one out must not
 * silently clear what is stored ('' clears it explicitly).
 */
export const IndicatorEditSchema = v.strictObject({
  id: idField(),
  note: noteField(),
  firstSeen: optionalInstant(),
  /** Absent: the marking stays as it is. */
  tlp: v.optional(indicatorTlpField()),
}, strictMessage);
export type IndicatorEdit = v.InferOutput<typeof IndicatorEditSchema>;

// ---------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------

export type ReportSection = 'summary' | 'app' | 'impact' | 'timeline' | 'indicators' | 'attachments' | 'contacts';
export interface MissingField { section: ReportSection; path: string; label: string }

/** The program's names for the report's parts (000, "What to include in your report"). */
export const SECTION_LABELS: Readonly<Record<ReportSection, string>> = {
  summary: 'Incident summary',
  app: 'Affected app details',
  impact: 'Impact assessment',
  timeline: 'Timestamps',
  indicators: 'Indicators of compromise (IOCs)',
  attachments: 'Attachments',
  contacts: 'Incident contacts',
};

/** Field labels by dotted path, in the program's order. */
export const REPORT_FIELD_LABELS = {
  tlp: 'TLP marking',
  'summary.whatHappened': 'What happened',
  'summary.actionsTaken': 'What has been done so far',
  'summary.currentStatus': 'Current status',
  'app.name': 'App name',
  'app.appKey': 'App key',
  'app.appId': 'Forge app ID',
  'app.environment': 'Environment',
  'app.distribution': 'Distribution status',
  'impact.dataExposure': 'Suspected data exposure type',
  'impact.dataExposureDetail': 'Data exposure details',
  'impact.affectedTenants': 'Estimated affected tenants or customers',
  'impact.products': 'Affected Atlassian products',
  'timeline.firstObservedAt': TIMELINE_LABELS.firstObservedAt,
  'timeline.detectedAt': TIMELINE_LABELS.detectedAt,
  'timeline.containmentAt': TIMELINE_LABELS.containmentAt,
  indicators: 'Indicators of compromise',
  attachments: 'Attachments',
  'contacts.primary.name': 'Primary contact name',
  'contacts.primary.role': 'Primary contact role',
  'contacts.primary.email': 'Primary contact email',
  'contacts.primary.phone': 'Primary contact phone',
  'contacts.secondary.name': 'Secondary contact name',
  'contacts.secondary.role': 'Secondary contact role',
  'contacts.secondary.email': 'Secondary contact email',
  'contacts.secondary.phone': 'Secondary contact phone',
  irNotes: 'IR notes',
} as const;
export type ReportFieldPath = keyof typeof REPORT_FIELD_LABELS;

const missing = (path: ReportFieldPath): MissingField => ({
  section: path.split('.')[0] as ReportSection,
  path,
  label: REPORT_FIELD_LABELS[path],
});

/**
 * What the program asks for that is still empty, in its order: summary, app, impact, timestamps,
 * IOCs, attachments, contacts (primary, then secondary). The exposure details are optional (the
 * type says it); no affected-tenant estimate (null) or no product is missing; 0 tenants is an answer.
 */
export function missingReportFields(r: Report, indicatorCount: number): MissingField[] {
  const out: MissingField[] = [];
  const need = (empty: boolean, path: ReportFieldPath): void => { if (empty) out.push(missing(path)); };
  need(r.summary.whatHappened === '', 'summary.whatHappened');
  need(r.summary.actionsTaken === '', 'summary.actionsTaken');
  need(r.summary.currentStatus === '', 'summary.currentStatus');
  need(r.app.name === '', 'app.name');
  need(r.app.appKey === '', 'app.appKey');
  need(r.app.appId === '', 'app.appId');
  need(r.app.environment === '', 'app.environment');
  need(r.app.distribution === '', 'app.distribution');
  need(r.impact.dataExposure === '', 'impact.dataExposure');
  need(r.impact.affectedTenants === null, 'impact.affectedTenants');
  need(r.impact.products.length === 0, 'impact.products');
  need(r.timeline.firstObservedAt === '', 'timeline.firstObservedAt');
  need(r.timeline.detectedAt === '', 'timeline.detectedAt');
  need(r.timeline.containmentAt === '', 'timeline.containmentAt');
  need(!(indicatorCount > 0), 'indicators');
  need(r.attachments.length === 0, 'attachments');
  for (const role of ['primary', 'secondary'] as const) {
    for (const field of missingContactFields(r.contacts[role])) need(true, `contacts.${role}.${field}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Markdown for the developer support portal
// ---------------------------------------------------------------------------
//
// User text is backslash-escaped rather than fenced: summaries are prose and should read as prose.
// Escaped everywhere: the characters that open inline markup, HTML, entities, links, tables or
// strikethrough (\ ` * _ [ ] < > | ~ &). Escaped where user text starts a line or list item (not
// after a label): what opens a block there (# + - = and '1.' / '1)' list markers). Leading whitespace is dropped, which changes nothing a
// paragraph renders but keeps a line from becoming an indented code block. Line breaks within a
// paragraph are kept as hard breaks. Indicator values go in code spans (defanged), so nothing in
// them is interpreted and nothing becomes a link.

export const NOT_YET_KNOWN = '_Not yet known_';

const INLINE_SPECIAL = /[\\`*_[\]<>|~&]/g;

/** User text inside a line (after a label, say): only inline markup needs escaping there. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** One line of user text that begins a line or list item, where it could also open a block. */
export function escapeMarkdownLine(line: string): string {
  return escapeMarkdownInline(line.trimStart())
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Text that must stay on one line (list items, headings): line breaks become spaces. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const inlineText = (text: string): string => escapeMarkdownInline(oneLine(text));

/** Multi-line user text as Markdown paragraphs: blank lines separate paragraphs, single breaks are kept. */
function paragraphs(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .join('\n')
    .split(/\n{2,}/)
    .filter((p) => p !== '')
    .map((p) => p.split('\n').map(escapeMarkdownLine).join('\\\n'))
    .join('\n\n');
}

/** A code span that holds `text` whatever backticks it contains (CommonMark: a longer fence, padded). */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** 'YYYY-MM-DD HH:mm UTC' of a stored instant (seconds dropped: the reader needs minutes); '' if not one. */
export function formatUtcMinute(iso: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '';
  const s = date.toISOString();
  const t = s.indexOf('T');
  return `${s.slice(0, t)} ${s.slice(t + 1, t + 6)} UTC`;
}

const orUnknown = (text: string): string => (text === '' ? NOT_YET_KNOWN : text);
const item = (label: string, value: string): string => `- **${label}:** ${orUnknown(value)}`;
const longItem = (label: string, text: string): string => `**${label}**\n\n${text === '' ? NOT_YET_KNOWN : paragraphs(text)}`;
const labelOf = <K extends string>(labels: Readonly<Record<K, string>>, key: K | ''): string => (key === '' ? '' : labels[key]);
const TENANT_COUNT = new Intl.NumberFormat('en-US');

function summaryMarkdown(r: PartnerReport): string[] {
  return [
    longItem(REPORT_FIELD_LABELS['summary.whatHappened'], r.summary.whatHappened),
    longItem(REPORT_FIELD_LABELS['summary.actionsTaken'], r.summary.actionsTaken),
    longItem(REPORT_FIELD_LABELS['summary.currentStatus'], r.summary.currentStatus),
  ];
}

function appMarkdown(r: PartnerReport): string[] {
  return [[
    item(REPORT_FIELD_LABELS['app.name'], inlineText(r.app.name)),
    item(REPORT_FIELD_LABELS['app.appKey'], inlineText(r.app.appKey)),
    item(REPORT_FIELD_LABELS['app.appId'], r.app.appId === '' ? '' : codeSpan(r.app.appId)),
    item(REPORT_FIELD_LABELS['app.environment'], labelOf(ENVIRONMENT_LABELS, r.app.environment)),
    item(REPORT_FIELD_LABELS['app.distribution'], labelOf(DISTRIBUTION_LABELS, r.app.distribution)),
  ].join('\n')];
}

function impactMarkdown(r: PartnerReport): string[] {
  const tenants = r.impact.affectedTenants === null ? '' : TENANT_COUNT.format(r.impact.affectedTenants);
  return [
    [
      item(REPORT_FIELD_LABELS['impact.dataExposure'], labelOf(DATA_EXPOSURE_LABELS, r.impact.dataExposure)),
      item(REPORT_FIELD_LABELS['impact.affectedTenants'], tenants),
      item(REPORT_FIELD_LABELS['impact.products'], r.impact.products.map((p) => PRODUCT_LABELS[p]).join(', ')),
    ].join('\n'),
    longItem(REPORT_FIELD_LABELS['impact.dataExposureDetail'], r.impact.dataExposureDetail),
  ];
}

function timelineMarkdown(r: PartnerReport): string[] {
  return [[
    item(TIMELINE_LABELS.firstObservedAt, formatUtcMinute(r.timeline.firstObservedAt)),
    item(TIMELINE_LABELS.detectedAt, formatUtcMinute(r.timeline.detectedAt)),
    item(TIMELINE_LABELS.containmentAt, formatUtcMinute(r.timeline.containmentAt)),
  ].join('\n')];
}

/** Grouped by type in the catalogue's order; within a type, in the order they were recorded. */
function indicatorsMarkdown(indicators: readonly StoredIndicator[]): string[] {
  if (indicators.length === 0) return [NOT_YET_KNOWN];
  return INDICATOR_TYPES.flatMap((type: IndicatorType) => {
    const group = indicators.filter((i) => i.type === type);
    if (group.length === 0) return [];
    const lines = group.map((i) => {
      const parts = [codeSpan(defang(i.value, i.type))];
      const firstSeen = formatUtcMinute(i.firstSeen);
      if (firstSeen !== '') parts.push(`first seen ${firstSeen}`);
      if (i.note.trim() !== '') parts.push(inlineText(i.note));
      return `- ${parts.join(' — ')}`;
    });
    return [`**${INDICATOR_TYPE_LABELS[type]}** (${group.length})\n\n${lines.join('\n')}`];
  });
}

function attachmentsMarkdown(ids: readonly string[], names: Readonly<Record<string, string>>): string[] {
  if (ids.length === 0) return [NOT_YET_KNOWN];
  return [ids.map((id) => {
    const name = Object.hasOwn(names, id) ? (names[id] ?? '').trim() : '';
    return name === '' ? `- Attachment ${id}` : `- ${escapeMarkdownLine(oneLine(name))} (attachment ${id})`;
  }).join('\n')];
}

function contactsMarkdown(r: PartnerReport): string[] {
  const one = (title: string, c: ReportContact): string => [
    `### ${title}`,
    '',
    item('Name', inlineText(c.name)),
    item('Role', inlineText(c.role)),
    item('Email', inlineText(c.email)),
    item('Phone', inlineText(c.phone)),
  ].join('\n');
  return [one('Primary contact', r.contacts.primary), one('Secondary contact', r.contacts.secondary)];
}

/**
 * The report as Markdown to paste into the developer support ticket, in the program's order and with
 * its headings. IR-internal fields are never read. Empty fields say `_Not yet known_`, as the
 * program expects partial reports to be updated as the investigation goes.
 */
export function reportForAtlassian(
  r: Report,
  indicators: StoredIndicator[],
  opts: { incidentKey: string; attachmentNames?: Record<string, string> },
): string {
  const shared = toPartnerReport(r);
  const sections: [ReportSection, string[]][] = [
    ['summary', summaryMarkdown(shared)],
    ['app', appMarkdown(shared)],
    ['impact', impactMarkdown(shared)],
    ['timeline', timelineMarkdown(shared)],
    ['indicators', indicatorsMarkdown(indicators)],
    ['attachments', attachmentsMarkdown(shared.attachments, opts.attachmentNames ?? {})],
    ['contacts', contactsMarkdown(shared)],
  ];
  const body = sections.map(([key, blocks]) => [`## ${SECTION_LABELS[key]}`, ...blocks].join('\n\n'));
  // TLP's own rule: the marking comes first, before the content it governs.
  const marking = `**${TLP_LABELS[readTlp(shared.tlp)]}**`;
  return `${[`# Security incident report: ${inlineText(opts.incidentKey)}`, marking, ...body].join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------
// CSV of the indicators
// ---------------------------------------------------------------------------


// ---------------------------------------------------------------------------
// Changes, for the audit trail
// ---------------------------------------------------------------------------

/** Every leaf path of the report, in the schema's (the program's) order. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, child]) => leafPaths(child, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}
const REPORT_PATH_ORDER = new Map(leafPaths(EMPTY_REPORT).map((p, i) => [p, i]));

/**
 * The leaf fields that differ (arrays compared as whole values), with before/after, in the report's
 * field order; paths outside the schema (from an unparsed object) come last, alphabetically.
 */
export function reportChanges(before: Report, after: Report): FieldChange[] {
  const rank = (path: string): number => REPORT_PATH_ORDER.get(path) ?? REPORT_PATH_ORDER.size;
  return diffFields(before, after)
    .map((change, i) => ({ change, i }))
    .sort((a, b) => rank(a.change.path) - rank(b.change.path) || a.i - b.i)
    .map(({ change }) => change);
}
