import { sweepAckClocks } from '../app/sweep';
import { sweepRetention } from '../app/retention-sweep';

/**
 * The `fiveMinute` scheduled trigger: sweeps acknowledgment clocks, then shared-data retention reminders. Each
 * sweep isolates its incidents and never throws, so one cannot stop the other; work left unfinished is picked
 * up by a later run without duplicates. The body reports `{checked, posted, failed, backedOff}` per sweep.
 * Forge expects `{ statusCode: 204 }`.
 */
export async function timersTrigger(): Promise<{ statusCode: number; body: string }> {
  const now = new Date();
  const ack = await sweepAckClocks(now);
  const retention = await sweepRetention(now);
  return { statusCode: 204, body: JSON.stringify({ ack, retention }) };
}
