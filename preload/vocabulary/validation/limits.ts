/**
 * The limits of limits.ts as validators: one message per limit, the same in the CLI (after the
 * option name), in the contract's argument errors (after the field) and in the forms.
 */
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { fail, ok, quoteForMessage, type Result } from './result.js';

const { min, max } = LIMITS.checkTimeoutMs;

export const CHECK_TIMEOUT_RULE = `must be a whole number of milliseconds from ${String(min)} to ${String(max)}`;

/** A check deadline given as digits (a command line) or as a number (the contract). */
export function parseCheckTimeout(input: string | number): Result<number> {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const value = Number(text);
  if (!/^\d{1,9}$/.test(text) || value < min || value > max) return fail(`${CHECK_TIMEOUT_RULE}, not ${quoteForMessage(text)}`);
  return ok(value);
}

export const checkTimeoutSchema = z.number().superRefine((value, context) => {
  const parsed = parseCheckTimeout(value);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
});

export const FIREWALL_ALLOW_RULE = `the allow list may hold at most ${LIMITS.firewallAllowEntries.toLocaleString('en')} entries and ${LIMITS.firewallAllowChars.toLocaleString('en')} characters`;

/**
 * Refuses an allow list over the caps before it is parsed: counting lines is cheap, parsing a
 * million of them is not, and happens before any check's deadline starts.
 */
export function checkAllowListSize(text: string): Result<string> {
  if (text.length > LIMITS.firewallAllowChars) return fail(`${FIREWALL_ALLOW_RULE} (this one has ${text.length.toLocaleString('en')} characters)`);
  let entries = 0;
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    if ((hash === -1 ? line : line.slice(0, hash)).trim() !== '') entries += 1;
  }
  if (entries > LIMITS.firewallAllowEntries) return fail(`${FIREWALL_ALLOW_RULE} (this one has ${entries.toLocaleString('en')} entries)`);
  return ok(text);
}

export const firewallAllowSchema = z.string().superRefine((value, context) => {
  const checked = checkAllowListSize(value);
  if (!checked.ok) context.addIssue({ code: 'custom', message: checked.error });
});
