/**
 * One DNS question asked without c-ares, for record types Node cannot look up (TLSA): the query is
 * built with dns-packet and sent over UDP to one server, sent again while the tries last, and asked
 * again over TCP when the UDP answer comes back truncated (TC), as RFC 7766 asks of a client.
 */
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect, isIP } from 'node:net';
import * as packet from 'dns-packet';
import type { DecodedPacket, Packet, RecordType } from 'dns-packet';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export interface WireServer {
  readonly address: string;
  readonly port: number;
}

export interface WireQueryOptions {
  readonly server: WireServer;
  /** How long to wait for a UDP answer before sending the question again. */
  readonly perTryMs: number;
  /** How many times the question is sent over UDP. */
  readonly tries: number;
  /** Ends the query at once (the caller's deadline or cancellation). */
  readonly signal: AbortSignal;
}

/** Why a query got no usable response; `code` is named like c-ares' (ETIMEOUT, ECANCELLED, EBADRESP, ECONNREFUSED…). */
export class WireQueryError extends Error {
  override readonly name = 'WireQueryError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface WireResponse {
  readonly response: DecodedPacket;
  readonly transport: 'udp' | 'tcp';
}

/** Large enough for a TLSA set, small enough to avoid IP fragmentation (DNS flag day 2020). */
const EDNS_UDP_SIZE = 1232;

const where = (server: WireServer): string => (isIP(server.address) === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`);

function codeOf(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : 'EOTHER';
}

function cancelled(server: WireServer): WireQueryError {
  return new WireQueryError(`the query to ${where(server)} was stopped (deadline or cancellation)`, 'ECANCELLED');
}

/** The question as sent: recursion desired, and AD set to ask a validating resolver for its DNSSEC verdict (RFC 6840 section 5.7). */
function buildQuery(id: number, name: string, type: RecordType): Packet {
  return {
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA,
    questions: [{ type, name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  };
}

/** A response to this question (RFC 5452): same id, a response, the same name and type asked. */
function answersQuestion(response: DecodedPacket, id: number, name: string, type: RecordType): boolean {
  const question = response.questions?.[0];
  return response.id === id && response.type === 'response' && question !== undefined && question.type === type && question.name.toLowerCase() === name.toLowerCase();
}

/** The response read from the server's bytes, or why they are not a DNS message. */
function decode(message: Buffer, server: WireServer): DecodedPacket | WireQueryError {
  try {
    return packet.decode(message);
  } catch (error: unknown) {
    return new WireQueryError(`the answer from ${where(server)} is not a DNS message (${errorMessage(error)})`, 'EBADRESP');
  }
}

type Outcome = { readonly error: Error } | { readonly response: DecodedPacket };

/**
 * The one way a query's promise settles: first outcome wins, after `cleanup` (timers, the socket);
 * the signal ends it as cancelled, at once when it is already aborted.
 */
function settleOnce(options: WireQueryOptions, resolve: (response: DecodedPacket) => void, reject: (error: Error) => void, cleanup: () => void): (outcome: Outcome) => void {
  let done = false;
  const finish = (outcome: Outcome): void => {
    if (done) return;
    done = true;
    options.signal.removeEventListener('abort', onAbort);
    cleanup();
    if ('error' in outcome) reject(outcome.error);
    else resolve(outcome.response);
  };
  const onAbort = (): void => {
    finish({ error: cancelled(options.server) });
  };
  if (options.signal.aborted) queueMicrotask(onAbort);
  else options.signal.addEventListener('abort', onAbort, { once: true });
  return finish;
}

function overUdp(query: Buffer, matches: (response: DecodedPacket) => boolean, options: WireQueryOptions): Promise<DecodedPacket> {
  const { server, signal } = options;
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(server.address) === 6 ? 'udp6' : 'udp4');
    let timer: NodeJS.Timeout | undefined;
    let sent = 0;
    const finish = settleOnce(options, resolve, reject, () => {
      clearTimeout(timer);
      socket.close();
    });
    const send = (): void => {
      if (sent >= options.tries) {
        finish({ error: new WireQueryError(`no answer from ${where(server)} after ${options.tries} ${options.tries === 1 ? 'try' : 'tries'}`, 'ETIMEOUT') });
        return;
      }
      sent += 1;
      socket.send(query, (error) => {
        if (error !== null) finish({ error: new WireQueryError(`could not send to ${where(server)}: ${error.message}`, codeOf(error)) });
      });
      timer = setTimeout(send, options.perTryMs);
    };
    socket.on('message', (message: Buffer) => {
      const response = decode(message, server);
      // A late answer to an earlier try carries the same id; anything else is not ours and is left unread.
      if (response instanceof WireQueryError) finish({ error: response });
      else if (matches(response)) finish({ response });
    });
    socket.on('error', (error) => {
      finish({ error: new WireQueryError(`${where(server)} did not take the query: ${error.message}`, codeOf(error)) });
    });
    if (signal.aborted) return;
    // Connected, so only the server's datagrams arrive and an ICMP "port unreachable" surfaces as an error.
    socket.connect(server.port, server.address, send);
  });
}

function overTcp(query: Packet, matches: (response: DecodedPacket) => boolean, options: WireQueryOptions): Promise<DecodedPacket> {
  const { server } = options;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.address, port: server.port });
    let buffered = Buffer.alloc(0);
    const finish = settleOnce(options, resolve, reject, () => {
      socket.destroy();
    });
    socket.on('connect', () => {
      socket.write(packet.streamEncode(query));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const response = decode(message, server);
        if (response instanceof WireQueryError) finish({ error: response });
        else if (matches(response)) finish({ response });
      }
    });
    socket.on('error', (error) => {
      finish({ error: new WireQueryError(`TCP to ${where(server)} failed: ${error.message}`, codeOf(error)) });
    });
    socket.on('close', () => {
      finish({ error: new WireQueryError(`${where(server)} closed the TCP connection without an answer`, 'ECONNRESET') });
    });
  });
}

/**
 * Asks one question of one server and returns its response, whatever its rcode (the caller reads
 * it). Rejects with a WireQueryError when no usable response came.
 */
export async function queryWire(name: string, type: RecordType, options: WireQueryOptions): Promise<WireResponse> {
  const id = randomInt(0, 0x10000);
  const query = buildQuery(id, name, type);
  const matches = (response: DecodedPacket): boolean => answersQuestion(response, id, name, type);
  const udp = await overUdp(packet.encode(query), matches, options);
  if (!udp.flag_tc) return { response: udp, transport: 'udp' };
  return { response: await overTcp(query, matches, options), transport: 'tcp' };
}
