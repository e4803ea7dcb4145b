// Traffic Light Protocol 2.0 (FIRST): how far what partners and Atlassian swap may be shared. The
// incident carries one level (AMBER unless changed); an indicator may carry a stricter one.
import * as v from 'valibot';

/** From least to most restrictive. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const DEFAULT_TLP: Tlp = 'amber';

export const TLP_LABELS: Readonly<Record<Tlp, string>> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

/** What each level allows, in FIRST's words, shortened. */
export const TLP_MEANINGS: Readonly<Record<Tlp, string>> = {
  clear: 'No limit on disclosure.',
  green: 'Limited disclosure: the recipients and their community, not published.',
  amber: "Limited disclosure: the recipients' organisations and their clients, on a need-to-know basis.",
  'amber+strict': "Limited disclosure: the recipients' organisations only, on a need-to-know basis.",
  red: 'For the eyes and ears of the individual recipients only, no further disclosure.',
};

export const TLP_MESSAGE = 'Choose a TLP level: clear, green, amber, amber+strict or red';
export const tlpField = () => v.picklist(TLP_LEVELS, TLP_MESSAGE);

/** '' (no marking of its own: the incident's applies) or a level. */
export const indicatorTlpField = () => v.picklist(['', ...TLP_LEVELS] as const, TLP_MESSAGE);

const rank = (t: Tlp): number => TLP_LEVELS.indexOf(t);

/** True when `a` limits sharing more than `b`. */
export function isStricterTlp(a: Tlp, b: Tlp): boolean {
  return rank(a) > rank(b);
}

/** The level that applies to an indicator: its own when stricter than the incident's, else the incident's. */
export function effectiveTlp(incident: Tlp, own: Tlp | '' | undefined): Tlp {
  return own !== undefined && own !== '' && isStricterTlp(own, incident) ? own : incident;
}

/** A stored value read defensively: records saved before TLP existed (or with an unknown value) read as AMBER. */
export function readTlp(value: unknown): Tlp {
  return (TLP_LEVELS as readonly unknown[]).includes(value) ? (value as Tlp) : DEFAULT_TLP;
}

// The marking definitions OASIS published for TLP 2.0 (cti-stix-common-objects, extension-definition
// 60a3c5c5-…): fixed ids and `created`, so every tool recognises them by id.
const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';
const TLP2_IDS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export function tlpMarkingId(t: Tlp): string {
  return TLP2_IDS[t];
}

/** The OASIS TLP 2.0 `marking-definition` object for a level. */
export function tlpMarkingDefinition(t: Tlp): Record<string, unknown> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_IDS[t],
    created: TLP2_CREATED,
    name: TLP_LABELS[t],
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: t } },
  };
}
