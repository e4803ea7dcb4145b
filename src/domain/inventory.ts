// A partner's app inventory (seed 000, "What to include in your report": the affected app): each app's
// name, app key, Forge app ID, framework, Enterprise trust signal, environments and distribution.
import * as v from 'valibot';
import { FRAMEWORKS } from './eligibility';
import { arrayItemPath, fieldPath, isRecord, laterDuplicates, objectMessage, requiredText, stringField, type PathItem } from './schema-kit';

export const APP_ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export type AppEnvironment = (typeof APP_ENVIRONMENTS)[number];

export const APP_DISTRIBUTIONS = ['public', 'unlisted', 'private'] as const;
export type AppDistribution = (typeof APP_DISTRIBUTIONS)[number];

export const MAX_APPS = 50;
/** Connect's descriptor limit for an app key. */
export const MAX_APP_KEY_LENGTH = 64;

// The manifest writes the app ID as an ARI; admins paste either form, the inventory keeps the UUID.
const APP_ARI_PREFIX = /^ari:cloud:ecosystem::app\//i;

/** The canonical form of a Forge app ID: trimmed, lowercase, without the manifest's ARI prefix. */
export function normalizeAppId(appId: string): string {
  return appId.trim().replace(APP_ARI_PREFIX, '').toLowerCase();
}

const APP_ID_MESSAGE = 'Enter the Forge app ID as a UUID, for example 83ba0476-7067-4011-9a80-0a132d9ff63a';
const appIdField = v.pipe(v.string(APP_ID_MESSAGE), v.transform(normalizeAppId), v.uuid(APP_ID_MESSAGE));

const APP_KEY_MESSAGE = 'Use only letters, digits, hyphens (-), underscores (_) and dots (.) in the app key';
const appKeyField = v.pipe(
  v.string('Enter the app key, for example acme-audit-app'),
  v.trim(),
  v.minLength(1, 'Enter the app key, for example acme-audit-app'),
  v.maxLength(MAX_APP_KEY_LENGTH, `Use at most ${MAX_APP_KEY_LENGTH} characters`),
  v.regex(/^[A-Za-z0-9._-]+$/, APP_KEY_MESSAGE),
);

const FRAMEWORK_MESSAGE = 'Choose the framework: Forge, Forge Remote, Connect on Forge, Connect or Server/Data Center';
const ENVIRONMENT_MESSAGE = 'Choose environments from development, staging and production';
const environmentsField = v.pipe(
  v.array(v.picklist(APP_ENVIRONMENTS, ENVIRONMENT_MESSAGE), ENVIRONMENT_MESSAGE),
  v.minLength(1, 'Choose at least one environment'),
  v.check((list) => new Set(list).size === list.length, 'Choose each environment only once'),
  // Stored in the program's order, so two equal inventories compare equal.
  v.transform((list) => APP_ENVIRONMENTS.filter((e) => list.includes(e))),
);

export const AppEntrySchema = v.strictObject(
  {
    name: requiredText('app name'),
    appKey: appKeyField,
    appId: appIdField,
    framework: v.picklist(FRAMEWORKS, FRAMEWORK_MESSAGE),
    enterpriseTrustSignal: v.boolean('Say whether the app has the Enterprise trust signal (yes or no)'),
    environments: environmentsField,
    distribution: v.picklist(APP_DISTRIBUTIONS, 'Choose the distribution: public, unlisted or private'),
  },
  objectMessage('app', {
    name: 'Enter the app name',
    appKey: 'Enter the app key, for example acme-audit-app',
    appId: 'Enter the Forge app ID',
    framework: FRAMEWORK_MESSAGE,
    enterpriseTrustSignal: 'Say whether the app has the Enterprise trust signal (yes or no)',
    environments: 'Choose at least one environment',
    distribution: 'Choose the distribution: public, unlisted or private',
  }),
);
export type AppEntry = v.InferOutput<typeof AppEntrySchema>;

// A raw check rather than v.check: it runs even when another app has an invalid field, so one
// save names every problem at once. It reads the parsed output, so app IDs are already canonical.
const uniqueApps = v.rawCheck<AppEntry[]>(({ dataset, addIssue }) => {
  // Typed as parsed, but items may be half-parsed when another field failed: read them as unknown.
  const apps: unknown = dataset.value;
  if (!Array.isArray(apps)) return;
  const report = (field: string, what: string) => {
    for (const [index, first] of laterDuplicates(apps, stringField(field))) {
      const entry: unknown = apps[index];
      if (!isRecord(entry)) continue;
      const path: [PathItem, ...PathItem[]] = [arrayItemPath(apps, index), fieldPath(entry, field)];
      addIssue({ message: `This ${what} is already listed (app ${first + 1})`, path });
    }
  };
  report('appId', 'Forge app ID');
  report('appKey', 'app key');
});

export const appsField = v.pipe(
  v.array(AppEntrySchema, 'List the apps'),
  v.maxLength(MAX_APPS, `List at most ${MAX_APPS} apps`),
  uniqueApps,
);

