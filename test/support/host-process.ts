import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `local/server.ts` exactly as `npm start` does (after the build), on a free port. */
export async function startHostProcess(dataDir = mkdtempSync(join(tmpdir(), 'forge-local-')), env: Record<string, string> = {}): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', FORGE_LOCAL_DATA: dataDir, FORGE_LOCAL_SCHEDULE: 'off', FORGE_LOCAL_DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(/ready at (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => fail(new Error(`host exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.on('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
