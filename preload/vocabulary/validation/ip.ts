import { Address4, Address6 } from 'ip-address';
import { errorMessage } from '../errors.js';
import { fail, ok, quoteForMessage, type Result } from './result.js';

const DOTTED_QUAD = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/;

/** A single IPv4 address in dotted-quad form (no leading zeros, no prefix length). */
export function parseIpv4(input: string): Result<string> {
  const trimmed = input.trim();
  const shown = quoteForMessage(input);
  if (!DOTTED_QUAD.test(trimmed)) return fail(`${shown} is not an IPv4 address (expected four numbers like 203.0.113.10)`);
  try {
    return ok(new Address4(trimmed).correctForm());
  } catch (error) {
    return fail(`${shown} is not an IPv4 address: ${errorText(error)}`);
  }
}

export interface CidrOptions {
  /** Shortest prefix accepted (widest network), e.g. 24 for Exchange's SenderIPAddresses. */
  readonly minPrefix?: number;
  /** Longest prefix accepted. */
  readonly maxPrefix?: number;
}

/**
 * An IPv4 network in CIDR form. The address must be the network's first address, because a typo in
 * the host bits usually means the person meant a different network than the one they would get.
 */
export function parseIpv4Cidr(input: string, options: CidrOptions = {}): Result<string> {
  const trimmed = input.trim();
  const shown = quoteForMessage(input);
  const match = /^([^/]+)\/([0-9]{1,2})$/.exec(trimmed);
  if (match === null) return fail(`${shown} is not an IPv4 CIDR range (expected e.g. 203.0.113.0/24)`);
  const address = parseIpv4(match[1] ?? '');
  if (!address.ok) return fail(`${shown} is not an IPv4 CIDR range: ${address.error}`);
  const prefix = Number(match[2]);
  const minPrefix = options.minPrefix ?? 0;
  const maxPrefix = options.maxPrefix ?? 32;
  if (prefix > 32) return fail(`${shown} has a prefix length over 32`);
  if (prefix < minPrefix || prefix > maxPrefix) {
    return fail(`${shown} has prefix /${prefix}; only /${minPrefix} to /${maxPrefix} is accepted here`);
  }
  const network = new Address4(`${address.value}/${prefix}`).startAddress().correctForm();
  if (network !== address.value) return fail(`${shown} is not the start of its range; did you mean ${network}/${prefix}?`);
  return ok(`${network}/${prefix}`);
}

/** A single IPv4 address or an IPv4 CIDR range, normalised. */
export function parseIpv4OrCidr(input: string, options: CidrOptions = {}): Result<string> {
  return input.includes('/') ? parseIpv4Cidr(input, options) : parseIpv4(input);
}

/** A single IPv6 address (no zone, no prefix length), in its canonical compressed form. */
export function parseIpv6(input: string): Result<string> {
  const trimmed = input.trim();
  const shown = quoteForMessage(input);
  if (!/^[0-9a-fA-F:.]+$/.test(trimmed) || !trimmed.includes(':')) {
    return fail(`${shown} is not an IPv6 address (expected e.g. 2001:db8::25, without a zone or prefix length)`);
  }
  try {
    return ok(new Address6(trimmed).correctForm());
  } catch (error) {
    return fail(`${shown} is not an IPv6 address: ${errorText(error)}`);
  }
}

/** The library's reason as a clause of our sentence: no final full stop, lower case. */
function errorText(error: unknown): string {
  return errorMessage(error).replace(/\.$/, '').toLowerCase();
}
