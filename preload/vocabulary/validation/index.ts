/** Input validation shared by the CLI, IPC handlers and the script generators. */
export { fail, ok, quoteForMessage, type Result } from './result.js';
export { hasControlCharacter, isAscii, parseDomain, type DomainOptions } from './domain.js';
export { parseHost } from './host.js';
export { parseIpv4, parseIpv4Cidr, parseIpv4OrCidr, parseIpv6, type CidrOptions } from './ip.js';
export { parseEmail } from './email.js';
export { parsePort } from './port.js';
export { parseDnsServer, type DnsServerAddress } from './dns-server.js';
export {
  domainSchema,
  emailSchema,
  hostSchema,
  ipv4CidrSchema,
  ipv4Schema,
  ipv6Schema,
  portSchema,
  senderIpSchema,
  wildcardDomainSchema,
} from './schemas.js';
export {
  CHECK_TIMEOUT_RULE,
  checkAllowListSize,
  checkTimeoutSchema,
  FIREWALL_ALLOW_RULE,
  firewallAllowSchema,
  parseCheckTimeout,
} from './limits.js';
