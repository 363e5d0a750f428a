/**
 * The outcome of validating one piece of user input: either the normalised value, or one line a
 * person can act on. Validators never throw for bad input, so callers can collect every problem.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(error: string): Result<T> {
  return { ok: false, error };
}

/** Shows user input inside an error message without letting control characters break the line. */
export function quoteForMessage(input: string): string {
  return JSON.stringify(input.length > 80 ? `${input.slice(0, 77)}...` : input);
}
