import { fail, ok, quoteForMessage, type Result } from './result.js';

/** A TCP port, 1-65535, given as digits (e.g. from a command line) or as a number. */
export function parsePort(input: string | number): Result<number> {
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (!/^[0-9]{1,5}$/.test(text)) return fail(`${quoteForMessage(String(input))} is not a port number (expected 1-65535)`);
  const port = Number(text);
  if (port < 1 || port > 65535) return fail(`${text} is not a port number (expected 1-65535)`);
  return ok(port);
}
