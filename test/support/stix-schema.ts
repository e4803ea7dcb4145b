// The vendored OASIS STIX 2.1 JSON schemas (test/data), as one validator for bundles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMAS = join(import.meta.dirname, '../data/oasis-stix-2.1-schemas/schemas');

/** The OASIS bundle schema (with every schema it refers to), compiled by ajv for JSON Schema 2020-12. */
export function loadStixBundleValidator() {
  // The schemas write '\-' in patterns, which JavaScript refuses under the u flag ajv uses by default.
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  // JSON Schema's idn-hostname, which ajv-formats does not implement: what the WHATWG host parser accepts.
  ajv.addFormat('idn-hostname', (s: string) => URL.canParse(`http://${s}/`) && !/[/?#@:]/.test(s));
  for (const dir of readdirSync(SCHEMAS)) {
    for (const file of readdirSync(join(SCHEMAS, dir))) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, dir, file), 'utf8')) as object);
  }
  const validate = ajv.getSchema('http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json');
  if (!validate) throw new Error('bundle schema not found');
  return validate;
}
