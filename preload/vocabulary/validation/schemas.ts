import { z } from 'zod';
import { parseDomain } from './domain.js';
import { parseEmail } from './email.js';
import { parseHost } from './host.js';
import { parseIpv4, parseIpv4Cidr, parseIpv4OrCidr, parseIpv6 } from './ip.js';
import { parsePort } from './port.js';
import { parseDnsServer } from './dns-server.js';
import type { Result } from './result.js';

/**
 * Zod schemas over the same validators, so IPC payloads and the CLI reject exactly the same input
 * with the same message, and the parsed value is already normalised.
 */
function fromParser<T>(parse: (input: string) => Result<T>): z.ZodType<T, string> {
  return z.string().transform((input, ctx) => {
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}

export const domainSchema = fromParser((input) => parseDomain(input));
export const wildcardDomainSchema = fromParser((input) => parseDomain(input, { allowWildcard: true }));
export const hostSchema = fromParser(parseHost);
export const ipv4Schema = fromParser(parseIpv4);
export const ipv4CidrSchema = fromParser((input) => parseIpv4Cidr(input));
/** Exchange Online's SenderIPAddresses: one IPv4 address or an IPv4 range from /24 to /32. */
export const senderIpSchema = fromParser((input) => parseIpv4OrCidr(input, { minPrefix: 24, maxPrefix: 32 }));
export const ipv6Schema = fromParser(parseIpv6);
export const emailSchema = fromParser(parseEmail);
export const portSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const result = parsePort(input);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.error });
  return z.NEVER;
});
export const dnsServerSchema = fromParser(parseDnsServer);
