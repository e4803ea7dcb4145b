import type { TestProject } from 'vitest/node';
import { startHostProcess } from './host-process';

declare module 'vitest' {
  export interface ProvidedContext {
    hostUrl: string;
  }
}

/** One local Forge host per test project, on a free port with its own data directory. */
export default async function setup(project: TestProject) {
  const host = await startHostProcess();
  project.provide('hostUrl', host.url);
  return () => host.stop();
}
