/**
 * Where Forge KVS is undocumented (FORGE_FACTS §10), the emulator's answer can be switched, so tests show the
 * app is correct whichever way the platform behaves. The defaults are what the emulator has always answered.
 */
export interface Quirks {
  /** Whether a condition on a key that does not exist (e.g. `notExists()`) passes. */
  conditionPassesOnMissingKey: boolean;
  /** The error code of a failed transaction condition. */
  conditionFailedCode: string;
  /** How `batchGet` reports a missing key: in failedKeys (with `missingCode`), left out, or listed without a value. */
  batchMissing: 'failed' | 'omitted' | 'empty';
  missingCode: 'KEY_NOT_FOUND' | 'NOT_FOUND';
}

const DEFAULTS: Quirks = { conditionPassesOnMissingKey: true, conditionFailedCode: 'CONDITIONAL_CHECK_FAILED', batchMissing: 'failed', missingCode: 'KEY_NOT_FOUND' };

export const quirks: Quirks = { ...DEFAULTS };

/** Applies a change from the control API, checking each field; unknown fields are refused. */
export function setQuirks(change: Record<string, unknown>): Quirks {
  for (const [k, v] of Object.entries(change)) {
    const ok =
      (k === 'conditionPassesOnMissingKey' && typeof v === 'boolean') ||
      (k === 'conditionFailedCode' && typeof v === 'string' && /^[A-Z_]{1,60}$/.test(v)) ||
      (k === 'batchMissing' && (v === 'failed' || v === 'omitted' || v === 'empty')) ||
      (k === 'missingCode' && (v === 'KEY_NOT_FOUND' || v === 'NOT_FOUND'));
    if (!ok) throw new Error(`Unknown quirk or value: ${k}`);
  }
  return Object.assign(quirks, change);
}

export const resetQuirks = () => Object.assign(quirks, DEFAULTS);
