import { sweepAckClocks } from '../app/sweep';

/**
 * The `fiveMinute` scheduled trigger: sweeps acknowledgment clocks. Work left unfinished by a failed run
 * is picked up by the next one without duplicates. Forge expects `{ statusCode: 204 }`.
 */
export async function timersTrigger(): Promise<{ statusCode: number; body: string }> {
  const result = await sweepAckClocks(new Date());
  return { statusCode: 204, body: JSON.stringify(result) };
}
