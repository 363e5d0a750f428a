/**
 * Shared settings of the property-based tests: a fixed seed (a failure replays the same way on
 * every machine) and a bounded number of cases, so CI time stays predictable.
 */
import fc from 'fast-check';

export const FUZZ_SEED = 20261201;

export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true };
}

/**
 * Generous time bound for one case: these parsers take well under 10 ms a case, but CI machines
 * are shared and a garbage collection or a first module load can stall one case for a second or
 * more. The bound catches a hang or a super-linear blow-up (seconds to minutes), not slowness;
 * the performance targets themselves are measured by the benchmark scripts.
 */
export const CASE_TIME_BOUND_MS = 5_000;

/** Runs `work`, returning how long it took, so a property can assert the bound inside the case. */
export function timed<T>(work: () => T): { readonly value: T; readonly ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

/** True when a text carries a JavaScript stack trace ("    at fn (file:line:col)"). */
export const hasStackTrace = (text: string): boolean => /\n\s+at \S/.test(text);
