import { parseDomain } from './domain.js';
import { fail, ok, quoteForMessage, type Result } from './result.js';

/** RFC 5322 dot-atom local part: atext runs separated by single dots. Quoted local parts are refused. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const MAX_LOCAL_LENGTH = 64;

/**
 * An email address as used for test recipients: local@domain with a dot-atom local part and a
 * valid domain. The domain is lower-cased; the local part is kept as typed (it may be case-sensitive).
 */
export function parseEmail(input: string): Result<string> {
  const trimmed = input.trim();
  const shown = quoteForMessage(input);
  if (trimmed === '') return fail('the email address is empty');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return fail(`${shown} is not an email address (expected name@domain)`);
  const local = trimmed.slice(0, at);
  if (local.length > MAX_LOCAL_LENGTH) return fail(`${shown} has a part before "@" longer than ${MAX_LOCAL_LENGTH} characters`);
  if (!DOT_ATOM.test(local)) return fail(`${shown} has characters before "@" that an email address cannot contain`);
  const domain = parseDomain(trimmed.slice(at + 1));
  if (!domain.ok) return fail(`${shown} has an invalid domain: ${domain.error}`);
  return ok(`${local}@${domain.value}`);
}
