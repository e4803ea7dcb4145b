import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, panel } from '../support/client';
import { startHostProcess, type HostProcess } from '../support/host-process';

// Forge stops a function at its time limit: nothing it would still do afterwards reaches storage or Jira.
// This host has a limit of 0.5 s (instead of 25 s) so a slow Jira answer passes it.
let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess(undefined, { FORGE_LOCAL_INVOKE_TIMEOUT_MS: '500' });
}, 60_000);
afterAll(() => host?.stop());

describe("a function past Forge's time limit", () => {
  it('is answered as failed and writes nothing afterwards, though its code would have gone on', async () => {
    const digest = async () => (await control<{ sha256: string }>('/__local/store/digest', undefined, host.url)).body.sha256;
    const before = await digest();
    await control('/__local/faults', { target: 'jira', nth: 1, kind: 'slow', delayMs: 1500 }, host.url);
    const r = await panel('ir-analyst', 'recordOutreach', { version: 0, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please confirm' }, 'SEC-1', host.url);
    expect(r.status).toBe(504);
    expect(r.ok).toBe(false);
    await new Promise((ok) => setTimeout(ok, 2500));
    expect(await digest()).toBe(before);
    expect((await control(`/__local/jira/property?issueKey=SEC-1&key=incident-response`, undefined, host.url)).body).toBeNull();
    // The same call within the limit saves.
    expect((await panel('ir-analyst', 'recordOutreach', { version: 0, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please confirm' }, 'SEC-1', host.url)).ok).toBe(true);
    expect(await digest()).not.toBe(before);
  }, 60_000);
});
