import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
const tool = join(root, 'scripts/forge-tools.cjs');

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs Forge's bundler or linter (scripts/forge-tools.cts) in an app directory, as the CLI runs in the app's folder. */
export function forgeTool(cwd: string, ...args: string[]): Promise<ToolRun> {
  return new Promise((ok) => {
    execFile(process.execPath, [tool, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      ok({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * A copy of the app (sources, manifest, tsconfig, built UI; node_modules linked) where one file is changed,
 * to show that Forge's tools catch a break the project's own build would not.
 */
export function appCopy(edit: { file: 'manifest.yml' | 'tsconfig.json'; change: (text: string) => string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-app-'));
  for (const part of ['src', 'static/dist', 'manifest.yml', 'tsconfig.json', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const before = readFileSync(join(root, edit.file), 'utf8');
  const after = edit.change(before);
  if (after === before) throw new Error(`The edit left ${edit.file} unchanged`);
  writeFileSync(join(dir, edit.file), after);
  return dir;
}
