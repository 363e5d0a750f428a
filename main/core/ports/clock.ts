export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds, for durations. */
  monotonic(): number;
}

/**
 * A clock that reads `at` as now, with real monotonic time: what the checks would see on that day
 * (`--at`, "will it still be valid at cutover?"). Durations stay real.
 */
export function clockAt(base: Clock, at: number): Clock {
  return { now: () => at, monotonic: () => base.monotonic() };
}
