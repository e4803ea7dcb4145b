import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { appCopy, forgeTool, root, type ToolRun } from '../support/forge-tools';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { control, invoke, MODULES, panel } from '../support/client';

interface LintReport {
  files: number;
  parsed: number;
  problems: { file: string; line: number; level: string; message: string }[];
}
const report = (run: ToolRun) => JSON.parse(run.stdout) as LintReport;
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as { modules: { function: { key: string; handler: string }[] } };
const handlerExports = manifest.modules.function.map((f) => f.handler.split('.').pop()!);

// Forge's own tools, as `forge deploy` and `forge lint` run them (scripts/forge-tools.cts), over the real sources.
describe("Forge's bundler", () => {
  const out = join(mkdtempSync(join(tmpdir(), 'forge-bundle-')), 'dist');
  let host: HostProcess | undefined;

  beforeAll(async () => {
    const run = await forgeTool(root, 'bundle', out);
    expect(run.code, run.stderr).toBe(0);
  }, 600_000);
  afterAll(() => host?.stop());

  it('builds the backend and exports every handler the manifest names', () => {
    expect(readdirSync(out)).toContain('index.cjs');
    const exports = createRequire(import.meta.url)(join(out, 'index.cjs')) as Record<string, unknown>;
    for (const name of handlerExports) expect(typeof exports[name], name).toBe('function');
  });

  it('runs in the local host: resolvers and the scheduled trigger answer from the Forge bundle', async () => {
    host = await startHostProcess(undefined, { FORGE_LOCAL_BUNDLE: join(out, 'index.cjs') });
    const admin = await invoke<{ viewer: { role: string } }>('jira-admin', MODULES.admin, 'load', {}, undefined, host.url);
    expect(admin).toMatchObject({ ok: true, data: { viewer: { role: 'admin' } } });
    expect(await panel('ir-analyst', 'load', {}, 'SEC-1', host.url)).toMatchObject({ ok: true });
    expect((await panel('partner-globex', 'load', {}, 'SEC-1', host.url)).error?.code).toBe('FORBIDDEN');
    const trigger = await control<{ result: { statusCode?: number } }>('/__local/triggers/timers', {}, host.url);
    expect(trigger.status).toBe(200);
  }, 120_000);

  it('fails the build, as `forge deploy` does, when tsconfig.json says noEmit', async () => {
    const dir = appCopy({ file: 'tsconfig.json', change: (t) => t.replace('"compilerOptions": {', '"compilerOptions": {\n    "noEmit": true,') });
    const run = await forgeTool(dir, 'bundle', join(dir, 'out'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('TypeScript emitted no output');
  }, 600_000);
});

describe("Forge's linter", () => {
  it('parses every file under src/ and finds no problem, scope checks included', async () => {
    const run = await forgeTool(root, 'lint');
    const r = report(run);
    expect(r.files).toBeGreaterThan(50);
    expect(r.parsed).toBe(r.files);
    expect(r.problems).toEqual([]);
    expect(run.code).toBe(0);
  }, 600_000);

  it('reports each Jira call whose scope the manifest drops', async () => {
    const dir = appCopy({ file: 'manifest.yml', change: (t) => t.replace('    - write:jira-work\n', '') });
    const run = await forgeTool(dir, 'lint');
    const r = report(run);
    expect(run.code).toBe(1);
    const missing = r.problems.filter((p) => p.message.includes('requires "write:jira-work" scope'));
    // The app writes comments and the issue property: both calls are seen at their call sites.
    expect(missing.map((p) => p.file).sort()).toEqual(['src/adapters/jira/comments.ts', 'src/adapters/jira/issues.ts']);
  }, 600_000);

  it('lints nothing when tsconfig.json names folders instead of files (why `include` uses globs)', async () => {
    const dir = appCopy({ file: 'tsconfig.json', change: (t) => t.replace('"src/**/*.ts"', '"src"') });
    const r = report(await forgeTool(dir, 'lint'));
    expect(r.parsed).toBe(0);
  }, 600_000);
});
