/** `--at DATE` for cert and preflight: the moment to validate certificates at. */
import { UsageError } from './command.js';

/** Reads an ISO date (2026-03-01) or date-time (2026-03-01T09:00Z); a bare date means 00:00 UTC. */
export function parseAtDate(text: string): number {
  const value = text.trim();
  const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new UsageError(`--at must be a date such as 2026-03-01 or 2026-03-01T09:00Z, not "${text}"`);
  return at;
}
