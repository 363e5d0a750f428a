import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import * as packet from 'dns-packet';
import { createResolver } from '../../main/core/dns/node-resolver.js';
import { splitTxt, startDnsServer, type LabDnsServer } from './dns-server.js';

describe('lab DNS server', () => {
  let dns: LabDnsServer | undefined;
  afterEach(async () => {
    await dns?.close();
    dns = undefined;
  });

  it('listens on loopback only', async () => {
    await expect(startDnsServer({ address: '0.0.0.0', zone: {} })).rejects.toThrow(/loopback only/);
  });

  it('rejects TXT strings over 255 bytes when the zone is set', async () => {
    dns = await startDnsServer({ address: '127.0.0.55', zone: {} });
    const server = dns;
    expect(() => {
      server.setZone({ 'long.test': [{ type: 'TXT', value: 'x'.repeat(256) }] });
    }).toThrow(/at most 255 bytes/);
    expect(splitTxt('x'.repeat(600)).map((part) => part.length)).toEqual([255, 255, 90]);
  });

  it('rejects a TLSA record whose data is not whole bytes of hex, or whose fields do not fit a byte', async () => {
    dns = await startDnsServer({ address: '127.0.3.68', zone: {} });
    const server = dns;
    for (const spec of [{ usage: 3, selector: 1, matchingType: 1, data: 'abc' }, { usage: 256, selector: 1, matchingType: 1, data: 'ab' }]) {
      expect(() => {
        server.setZone({ '_25._tcp.mail.test': [{ type: 'TLSA', ...spec }] });
      }).toThrow(/TLSA record for _25\._tcp\.mail\.test needs fields 0 to 255 and hex data of whole bytes/);
    }
  });

  it('answers authoritatively, with setZone taking effect at once', async () => {
    dns = await startDnsServer({ address: '127.0.0.55', zone: { 'a.test': [{ type: 'A', value: '198.51.100.1' }] } });
    const resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 500, tries: 1 });
    expect(await resolver.resolve4('a.test')).toEqual({ ok: true, records: ['198.51.100.1'] });
    dns.setZone({ 'a.test': [{ type: 'A', value: '198.51.100.2' }] });
    expect(await resolver.resolve4('a.test')).toEqual({ ok: true, records: ['198.51.100.2'] });
    expect(dns.queries).toEqual([
      { name: 'a.test', type: 'A', transport: 'udp' },
      { name: 'a.test', type: 'A', transport: 'udp' },
    ]);

    const client = createSocket('udp4');
    const response = await new Promise<packet.DecodedPacket>((resolve) => {
      client.on('message', (message: Buffer) => {
        resolve(packet.decode(message));
      });
      client.send(packet.encode({ type: 'query', id: 7, flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name: 'a.test' }] }), dns?.port ?? 0, '127.0.0.55');
    });
    client.close();
    expect(response.id).toBe(7);
    expect(response.flag_aa).toBe(true);
    expect(response.flag_rd).toBe(true);
  });
});
