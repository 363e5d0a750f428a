import { parseDomain } from './domain.js';
import { parseIpv4, parseIpv6 } from './ip.js';
import { fail, quoteForMessage, type Result } from './result.js';

/**
 * A host to connect to: a fully qualified domain name or an IP literal (IPv4, or IPv6 without
 * brackets). Normalised like parseDomain / the IP parsers.
 */
export function parseHost(input: string): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('the host name is empty');
  if (trimmed.includes(':')) return parseIpv6(trimmed);
  if (/^[0-9.]+$/.test(trimmed)) return parseIpv4(trimmed);
  const domain = parseDomain(trimmed);
  if (domain.ok) return domain;
  return fail(`${quoteForMessage(input)} is neither a host name (FQDN) nor an IP address: ${domain.error}`);
}
