import { sweepAckClocks } from '../app/sweep';
import { sweepRetention } from '../app/retention-sweep';

/**
 * The `fiveMinute` scheduled trigger: sweeps acknowledgment clocks and shared-data retention reminders. Work
 * left unfinished by a failed run is picked up by the next one without duplicates. Forge expects `{ statusCode: 204 }`.
 */
export async function timersTrigger(): Promise<{ statusCode: number; body: string }> {
  const now = new Date();
  const result = await sweepAckClocks(now);
  const retention = await sweepRetention(now);
  return { statusCode: 204, body: JSON.stringify({ ...result, retention }) };
}
