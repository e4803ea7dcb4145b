/**
 * The host's clock: real time plus an offset tests and demos can move. The app reads time the ordinary way
 * (`new Date()`, `Date.now()`), so the host replaces the global Date with one that honours the offset.
 */
const RealDate = Date;
let offsetMs = 0;

class HostDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string]));
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

export function installClock(): void {
  globalThis.Date = HostDate as unknown as DateConstructor;
}

export const clock = {
  now: (): number => RealDate.now() + offsetMs,
  advance(ms: number): void {
    offsetMs += ms;
  },
  set(epochMs: number): void {
    offsetMs = epochMs - RealDate.now();
  },
  reset(): void {
    offsetMs = 0;
  },
};
