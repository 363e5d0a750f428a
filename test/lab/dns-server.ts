/**
 * Lab DNS server: an in-process authoritative server on loopback (UDP and TCP on the same port)
 * that answers made-up zones, so DNS checks run against a real server without leaving the machine.
 *
 * Usage:
 *   const dns = await startDnsServer({ address: '127.0.0.50', zone: {
 *     'mail.contoso.test': [{ type: 'A', value: '203.0.113.10' }],
 *     'contoso.test': [{ type: 'MX', priority: 0, exchange: 'contoso-test.mail.protection.outlook.com' },
 *                      { type: 'TXT', value: ['v=spf1 ', 'include:spf.protection.outlook.com -all'] }],
 *     'broken.test': 'SERVFAIL',        // or 'REFUSED', or 'SILENT' (never answers: client times out)
 *   } });
 *   createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 500, tries: 1 });
 *   dns.setZone({...}); await dns.close();
 *
 * Answers: a name in the zone with records of the asked type gets them; a name with a CNAME gets the
 * CNAME only (the client follows it, as when the target lives in another zone); a name that exists
 * (a key, or a parent of a key) without that type gets NODATA; anything else NXDOMAIN. No SOA is sent.
 * UDP answers over 512 bytes are truncated (TC) so clients retry over TCP. Names are case-insensitive.
 * TLSA records give their association data in hex ({ type: 'TLSA', usage: 3, selector: 1,
 * matchingType: 1, data: '<64 hex digits>' }); answers for the names in `signedNames` carry the AD
 * bit, as a validating resolver marks answers from a DNSSEC-signed zone.
 */
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIP, type Server, type Socket } from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket, Packet, RecordType } from 'dns-packet';

export type RecordSpec =
  | { readonly type: 'A' | 'AAAA' | 'CNAME' | 'PTR'; readonly value: string }
  | { readonly type: 'MX'; readonly priority: number; readonly exchange: string }
  /** Several strings form one record (they are joined by the client), as long SPF records are. */
  | { readonly type: 'TXT'; readonly value: string | readonly string[] }
  /** DANE (RFC 6698); `data` is hex, any length, so that malformed records can be served too. */
  | { readonly type: 'TLSA'; readonly usage: number; readonly selector: number; readonly matchingType: number; readonly data: string };

/** SILENT drops the query: the client runs into its timeout. */
export type DnsFault = 'SERVFAIL' | 'REFUSED' | 'SILENT';

export type Zone = Readonly<Record<string, readonly RecordSpec[] | DnsFault>>;

export interface DnsServerOptions {
  /** A loopback address, e.g. '127.0.0.50' or '::1'. */
  readonly address: string;
  /** Omitted or 0 picks a free port, the same for UDP and TCP. */
  readonly port?: number;
  readonly zone: Zone;
  /** Names whose answers carry the AD bit (authenticated data), as if validated with DNSSEC. */
  readonly signedNames?: readonly string[];
}

export interface QueryLogEntry {
  readonly name: string;
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
}

export interface LabDnsServer {
  readonly address: string;
  readonly port: number;
  /** Replaces the zone for later queries. */
  setZone(zone: Zone): void;
  /** Every question received, in order. */
  readonly queries: readonly QueryLogEntry[];
  close(): Promise<void>;
}

const RCODE_NOERROR = 0;
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;
const RCODE_REFUSED = 5;
const UDP_LIMIT = 512;
const TTL = 60;

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function toAnswer(name: string, spec: RecordSpec): Answer {
  switch (spec.type) {
    case 'MX':
      return { type: 'MX', name, ttl: TTL, class: 'IN', data: { preference: spec.priority, exchange: spec.exchange } };
    case 'TXT':
      return { type: 'TXT', name, ttl: TTL, class: 'IN', data: typeof spec.value === 'string' ? spec.value : [...spec.value] };
    case 'TLSA':
      return { type: 'TLSA', name, ttl: TTL, class: 'IN', data: { usage: spec.usage, selector: spec.selector, matchingType: spec.matchingType, certificate: Buffer.from(spec.data, 'hex') } };
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'PTR':
      return { type: spec.type, name, ttl: TTL, class: 'IN', data: spec.value };
  }
}

/** Splits a long TXT value into the 255-byte strings one record may hold (ASCII text). */
export function splitTxt(text: string): readonly string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += 255) parts.push(text.slice(start, start + 255));
  return parts;
}

/** Catches zone mistakes when the zone is set, not inside a socket handler. */
function validateZone(zone: Zone): Zone {
  for (const [name, entry] of Object.entries(zone)) {
    if (typeof entry === 'string') continue;
    for (const spec of entry) {
      if (spec.type === 'TLSA' && (!/^(?:[0-9a-f]{2})*$/i.test(spec.data) || [spec.usage, spec.selector, spec.matchingType].some((field) => !Number.isInteger(field) || field < 0 || field > 255))) {
        throw new RangeError(`the TLSA record for ${name} needs fields 0 to 255 and hex data of whole bytes`);
      }
      if (spec.type !== 'TXT') continue;
      const parts = typeof spec.value === 'string' ? [spec.value] : spec.value;
      if (parts.some((part) => Buffer.byteLength(part) > 255)) {
        throw new RangeError(`TXT strings are at most 255 bytes; split the record for ${name} into several strings`);
      }
    }
  }
  return zone;
}

/** Builds the response, or null when the query must be dropped. */
function answer(zone: Zone, query: DecodedPacket, signed: ReadonlySet<string>): Packet | null {
  const question = query.questions?.[0];
  const base = {
    type: 'response' as const,
    id: query.id ?? 0,
    questions: query.questions ?? [],
  };
  const flags = packet.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & packet.RECURSION_DESIRED);
  if (question === undefined) return { ...base, flags: flags | RCODE_REFUSED };
  const name = normalise(question.name);
  const entry = zone[name];
  if (entry === 'SILENT') return null;
  if (entry === 'SERVFAIL') return { ...base, flags: flags | RCODE_SERVFAIL };
  if (entry === 'REFUSED') return { ...base, flags: flags | RCODE_REFUSED };
  if (entry === undefined) {
    const parentOfKey = Object.keys(zone).some((key) => normalise(key).endsWith(`.${name}`));
    return { ...base, flags: flags | (parentOfKey ? RCODE_NOERROR : RCODE_NXDOMAIN) };
  }
  const asked: RecordType = question.type;
  let matching = entry.filter((spec) => spec.type === asked);
  if (matching.length === 0) matching = entry.filter((spec) => spec.type === 'CNAME');
  const authentic = signed.has(name) ? packet.AUTHENTIC_DATA : 0;
  return { ...base, flags: flags | authentic | RCODE_NOERROR, answers: matching.map((spec) => toAnswer(question.name, spec)) };
}

function encodeUdp(response: Packet): Buffer {
  const full = packet.encode(response);
  if (full.length <= UDP_LIMIT) return full;
  return packet.encode({ ...response, flags: (response.flags ?? 0) | packet.TRUNCATED_RESPONSE, answers: [] });
}

function listenUdp(socket: UdpSocket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function listenTcp(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the server; rejects if the address is not loopback or the port cannot be bound. */
export async function startDnsServer(options: DnsServerOptions): Promise<LabDnsServer> {
  const family = isIP(options.address);
  const loopback = family === 4 ? options.address.startsWith('127.') : options.address === '::1';
  if (!loopback) throw new Error(`the lab DNS server listens on loopback only, not on "${options.address}"`);
  let zone = validateZone(options.zone);
  const signed: ReadonlySet<string> = new Set((options.signedNames ?? []).map(normalise));
  const queries: QueryLogEntry[] = [];
  const connections = new Set<Socket>();

  const handle = (message: Buffer, transport: 'udp' | 'tcp'): Packet | null => {
    let query: DecodedPacket;
    try {
      query = packet.decode(message);
    } catch {
      // A datagram that is not DNS gets no answer, as from a real server.
      return null;
    }
    for (const question of query.questions ?? []) queries.push({ name: question.name, type: question.type, transport });
    return answer(zone, query, signed);
  };

  const createUdp = (): UdpSocket => {
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    socket.on('message', (message: Buffer, remote: RemoteInfo) => {
      const response = handle(message, 'udp');
      if (response !== null) socket.send(encodeUdp(response), remote.port, remote.address);
    });
    return socket;
  };

  const tcp = createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const response = handle(buffered.subarray(2, 2 + length), 'tcp');
        buffered = buffered.subarray(2 + length);
        if (response !== null) socket.write(packet.streamEncode(response));
      }
    });
  });

  // A free UDP port may be taken for TCP; with port 0, try a few ports before giving up.
  let udp = createUdp();
  let port: number;
  for (let attempt = 1; ; attempt += 1) {
    await listenUdp(udp, options.port ?? 0, options.address);
    port = udp.address().port;
    try {
      await listenTcp(tcp, port, options.address);
      break;
    } catch (error: unknown) {
      udp.close();
      const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
      if (!inUse || (options.port ?? 0) !== 0 || attempt >= 5) throw error;
      udp = createUdp();
    }
  }

  return {
    address: options.address,
    port,
    queries,
    setZone(next) {
      zone = validateZone(next);
    },
    close: async () => {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => {
          udp.close(() => {
            resolve();
          });
        }),
        new Promise<void>((resolve, reject) => {
          tcp.close((error) => {
            if (error === undefined) resolve();
            else reject(error);
          });
        }),
      ]);
    },
  };
}
