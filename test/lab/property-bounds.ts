/**
 * Shared bounds for the property-based (fast-check) tests of the parsers of outside input.
 *
 * - A fixed seed, so a failure in CI is reproduced exactly on a laptop.
 * - A bounded number of cases, so the suite's run time stays predictable.
 * - A per-case time bound, measured inside the property: it is not a performance target (those
 *   are printed by scripts/bench-*.mjs), it catches super-linear blow-ups — catastrophic regular
 *   expression backtracking, quadratic loops — on inputs of a few kilobytes that should take
 *   microseconds. 2 s is far above any linear run, even on a loaded, shared CI machine, so the
 *   bound never fails for ordinary slowness.
 */
export const PROPERTY_SEED = 20_261_201;
export const PROPERTY_RUNS = 300;
export const CASE_TIME_LIMIT_MS = 2_000;

export type Outcome<T> = { readonly ok: true; readonly value: T; readonly ms: number } | { readonly ok: false; readonly error: unknown; readonly ms: number };

/** Runs one case, capturing its value or what it threw, and how long it took. */
export function runCase<T>(fn: () => T): Outcome<T> {
  const started = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  }
}
