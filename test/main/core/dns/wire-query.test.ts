import { createSocket, type Socket } from 'node:dgram';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWire, WireQueryError } from '../../../../main/core/dns/wire-query.js';

/** A loopback UDP "server" whose reply to each question is chosen by the test: garbage, or a wrong id before the right one. */
describe('queryWire against a misbehaving loopback server', () => {
  const ADDRESS = '127.0.3.66';
  let socket: Socket;
  let port: number;
  let lastQuery: packet.DecodedPacket | undefined;

  beforeAll(async () => {
    socket = createSocket('udp4');
    socket.on('message', (message, remote) => {
      const query = packet.decode(message);
      lastQuery = query;
      const name = query.questions?.[0]?.name ?? '';
      const reply = (id: number): Buffer =>
        packet.encode({ type: 'response', id, flags: packet.AUTHORITATIVE_ANSWER, questions: query.questions ?? [], answers: [{ type: 'TLSA', name, ttl: 60, class: 'IN', data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 1) } }] });
      if (name === 'garbage.test') socket.send(Buffer.from('not dns'), remote.port, remote.address);
      else if (name === 'spoofed.test') {
        // A reply with another id (a spoofing attempt, or a stray answer) must be ignored; the real one follows.
        socket.send(reply(((query.id ?? 0) + 1) % 0x10000), remote.port, remote.address);
        setTimeout(() => socket.send(reply(query.id ?? 0), remote.port, remote.address), 20);
      }
    });
    await new Promise<void>((resolve) => {
      socket.bind(0, ADDRESS, resolve);
    });
    port = socket.address().port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      socket.close(() => {
        resolve();
      });
    });
  });

  const options = () => ({ server: { address: ADDRESS, port }, perTryMs: 300, tries: 1, signal: new AbortController().signal });

  it('asks with recursion desired, the AD bit and EDNS, and keeps only the answer to its own question', async () => {
    const { response, transport } = await queryWire('spoofed.test', 'TLSA', options());
    expect(transport).toBe('udp');
    expect(response.answers?.[0]).toMatchObject({ type: 'TLSA', data: { usage: 3 } });
    expect([lastQuery?.flag_rd, lastQuery?.flag_ad]).toEqual([true, true]);
    expect(lastQuery?.additionals).toEqual([expect.objectContaining({ type: 'OPT', udpPayloadSize: 1232 })]);
  });

  it('rejects an answer that is not a DNS message with a typed, readable error', async () => {
    const error: unknown = await queryWire('garbage.test', 'TLSA', options()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WireQueryError);
    expect(error).toMatchObject({ code: 'EBADRESP', message: expect.stringContaining(`the answer from ${ADDRESS}:${port} is not a DNS message`) as unknown });
  });

  it('times out with ETIMEOUT when nothing answers', async () => {
    await expect(queryWire('unanswered.test', 'TLSA', { ...options(), perTryMs: 50, tries: 2 })).rejects.toMatchObject({ code: 'ETIMEOUT', message: `no answer from ${ADDRESS}:${port} after 2 tries` });
  });
});
