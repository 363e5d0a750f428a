import { domainToASCII, domainToUnicode } from 'node:url';
import { fail, ok, quoteForMessage, type Result } from './result.js';

export interface DomainOptions {
  /** Accept a leading "*." (e.g. RecipientDomains / SenderDomains), never a wildcard elsewhere. */
  readonly allowWildcard?: boolean;
}

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * A domain name as DNS and Exchange accept it (RFC 1035 / RFC 5890): LDH labels of 1-63 characters,
 * at most 253 in all, two labels or more, internationalised names in punycode (xn--) form.
 * Returned lower-case without the trailing dot so that equal names compare equal.
 */
export function parseDomain(input: string, options: DomainOptions = {}): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('the domain name is empty');
  const shown = quoteForMessage(input);
  if (hasControlCharacter(trimmed)) return fail(`${shown} contains a control character such as a line break or tab`);
  if (!isAscii(trimmed)) return nonAsciiError(trimmed, shown);
  let name = trimmed.toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  let prefix = '';
  if (name.startsWith('*.')) {
    if (options.allowWildcard !== true) return fail(`${shown} is a wildcard; a wildcard is not allowed here`);
    prefix = '*.';
    name = name.slice(2);
  }
  if (name.includes('*')) return fail(`${shown} has a "*" that is not a leading "*." wildcard`);
  if (prefix.length + name.length > MAX_NAME_LENGTH) return fail(`${shown} is longer than ${MAX_NAME_LENGTH} characters`);
  const labels = name.split('.');
  if (labels.length < 2) return fail(`${shown} needs at least two labels, like contoso.com`);
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem !== null) return fail(`${shown} is not a valid domain name: ${problem}`);
  }
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) return fail(`${shown} is not a valid domain name: the last label cannot be all digits`);
  return ok(prefix + name);
}

function labelProblem(label: string): string | null {
  if (label === '') return 'it has an empty label (two dots in a row, or a leading dot)';
  if (label.length > MAX_LABEL_LENGTH) return `the label "${label.slice(0, 20)}..." is longer than ${MAX_LABEL_LENGTH} characters`;
  if (!LDH_LABEL.test(label)) {
    if (label.startsWith('-') || label.endsWith('-')) return `the label "${label}" starts or ends with a hyphen`;
    return `the label ${quoteForMessage(label)} may only contain letters, digits and hyphens`;
  }
  if (label.startsWith('xn--') && domainToUnicode(`${label}.invalid`) === '') return `the label "${label}" is not valid punycode`;
  return null;
}

function nonAsciiError(trimmed: string, shown: string): Result<string> {
  const punycode = domainToASCII(trimmed.replace(/^\*\./, ''));
  const hint = punycode !== '' && isAscii(punycode) ? ` (its punycode form is ${punycode}; check that no look-alike letter slipped in)` : '';
  return fail(`${shown} contains non-ASCII characters: enter internationalised names in punycode (xn--) form${hint}`);
}

/** Printable ASCII only: no control characters, no look-alike letters from other scripts. */
export function isAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/** C0/C1 controls and Unicode line separators: anything that could end a line in a script. */
export function hasControlCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
