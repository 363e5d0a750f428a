import { ipFamily } from '../address-scope.js';
import { parsePort } from './port.js';
import { fail, ok, quoteForMessage, type Result } from './result.js';

export interface DnsServerAddress {
  readonly address: string;
  readonly port: number;
}

/** A DNS server to send lookups to: `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address. */
export function parseDnsServer(input: string): Result<DnsServerAddress> {
  const value = input.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  let address: string;
  let port: string | undefined;
  if (bracketed !== null) {
    address = bracketed[1] ?? '';
    port = bracketed[2];
  } else if (ipFamily(value) === 6) {
    address = value;
  } else {
    const [host = '', rest, ...extra] = value.split(':');
    if (extra.length > 0) return fail(`${quoteForMessage(input)} is not an IP address with an optional :PORT`);
    address = host;
    port = rest;
  }
  if (ipFamily(address) === 0) return fail(`${quoteForMessage(input)} is not an IP address (optionally with :PORT)`);
  const parsedPort = parsePort(port ?? '53');
  if (!parsedPort.ok) return fail(parsedPort.error);
  return ok({ address, port: parsedPort.value });
}
