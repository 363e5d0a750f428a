/**
 * Zod pieces tolerant of how PowerShell serialises Exchange objects: ConvertTo-Json writes a
 * MultiValuedProperty as an array, but a single value or an empty property as a scalar or null;
 * Windows PowerShell 5.1 writes dates as "/Date(ms)/" and PowerShell 7 as ISO 8601; booleans may
 * come as "True"/"False" after a CSV round trip. Enums written as numbers cannot be named without
 * guessing Microsoft's numbering, so they are refused with a message that says what to do.
 */
import { z } from 'zod';

/** A string, or a number printed as one (Cost, Priority); null and absent stay null. */
export const text = z
  .union([z.string(), z.number(), z.null()]).optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** The string form of one element of a serialised collection (SmartHost objects carry Domain or Address). */
function elementText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['Domain', 'Address', 'AddressString', 'Value', 'DisplayName', 'Name']) {
      const inner = record[key];
      if (typeof inner === 'string' && inner !== '') return inner;
      if (typeof inner === 'object' && inner !== null) {
        const nested = elementText(inner);
        if (nested !== null) return nested;
      }
    }
  }
  return null;
}

/** A MultiValuedProperty: array, single value or null, each element as text; empty strings dropped. */
export const list = z.unknown().optional().transform((value, ctx): string[] => {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const result: string[] = [];
  for (const item of items) {
    const textValue = elementText(item);
    if (textValue === null) {
      ctx.addIssue({ code: 'custom', message: `expected text or a list of text, got ${JSON.stringify(item)}` });
      return z.NEVER;
    }
    if (textValue.trim() !== '') result.push(textValue.trim());
  }
  return result;
});

/** true/false, also "True"/"False"; null and absent stay null (the property does not exist on that version). */
export const flag = z.unknown().optional().transform((value, ctx): boolean | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  ctx.addIssue({ code: 'custom', message: `expected true or false, got ${JSON.stringify(value)}` });
  return z.NEVER;
});

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** A date as ISO 8601 text (UTC), from either PowerShell's form; null when never set. */
export const date = z.unknown().optional().transform((value, ctx): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const ms = MS_DATE.exec(value.trim());
    const time = ms?.[1] === undefined ? Date.parse(value) : Number(ms[1]);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  ctx.addIssue({ code: 'custom', message: `expected a date, got ${JSON.stringify(value)}` });
  return z.NEVER;
});

/**
 * One of an enum's names, matched without regard to case and given back in Microsoft's spelling.
 * Unknown names are kept (a newer Exchange may add one) only when `open` is true.
 */
export function enumName<T extends string>(allowed: readonly T[], open = false) {
  return z.unknown().optional().transform((value, ctx): T | string | null => {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'number') {
      ctx.addIssue({
        code: 'custom',
        message: `is the number ${value}, not a name (${allowed.join(', ')}): ConvertTo-Json wrote the enum as a number; run the assistant's inventory script, which writes names`,
      });
      return z.NEVER;
    }
    if (typeof value === 'string') {
      const found = allowed.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
      if (found !== undefined) return found;
      if (open) return value.trim();
    }
    ctx.addIssue({ code: 'custom', message: `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  });
}

/** A list of objects that may have been serialised as one object (a single connector) or null (none). */
export function objects<T extends z.ZodType>(item: T) {
  return z.preprocess(asArray, z.array(item));
}

/** null or absent as no elements, one value as one element, an array as it is. */
export function asArray(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}
