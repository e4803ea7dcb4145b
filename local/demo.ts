/** Calls one app function as a persona, the way a page of that module would. */
export type DemoInvoke = (as: string, moduleKey: string, issueKey: string | undefined, functionKey: string, payload: unknown) => Promise<{ status: number; body: unknown }>;

/**
 * Demo data for `npm start` and `POST /__local/reset`, written through the app's own functions so it is
 * always data the app itself could have written.
 */
export async function seedDemoData(invoke: DemoInvoke): Promise<void> {
  const steps: Parameters<DemoInvoke>[] = [];
  for (const step of steps) {
    const r = await invoke(...step);
    const body = r.body as { ok?: boolean; error?: unknown };
    if (r.status !== 200 || body.ok !== true) throw new Error(`Demo seed step ${step[3]} failed: ${JSON.stringify(r.body)}`);
  }
}
