import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rules of eslint.config.js, checked on forbidden imports written as they would be in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('ESLint layer rules', () => {
  it.each([
    ['src/adapters/kvs/example.ts', "import { loadIncident } from '../../app/incident';\nexport const x = loadIncident;\n", /Adapters import nothing from src\/app/],
    ['src/domain/example.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", /src\/domain is pure/],
    ['src/domain/example.ts', "import { incidentRepo } from '../adapters/kvs/incident-repo';\nexport const x = incidentRepo;\n", /src\/domain is pure/],
    ['src/app/example.ts', "import { panelResolver } from '../entry/panel';\nexport const x = panelResolver;\n", /must not depend on entry points/],
    ['src/app/example.ts', "import { seedDemoData } from '../../local/demo';\nexport const x = seedDemoData;\n", /never bundles the local host/],
    ['src/contract/example.ts', "import { Session } from '../app/session';\nexport const x = Session;\n", /schemas only/],
    ['static/src/panel/example.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", /only through static\/src\/api.ts/],
  ])('%s: a forbidden import is an error', async (file, code, message) => {
    const errors = await restrictedImportErrors(file, code);
    expect(errors.length, `no error for ${file}`).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('allows what each layer may import', async () => {
    expect(await restrictedImportErrors('src/adapters/kvs/example.ts', "import { conflict } from '../../shared/errors';\nexport const x = conflict;\n")).toEqual([]);
    expect(await restrictedImportErrors('src/app/example.ts', "import { incidentRepo } from '../adapters/kvs/incident-repo';\nexport const x = incidentRepo;\n")).toEqual([]);
  });
});
