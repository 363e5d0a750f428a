import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpsTransport, realSleep } from '../../../../main/core/m365/http.js';
import { createTestPki } from '../../../lab/ca.js';

const HOST = '127.0.0.166';
const pki = createTestPki();
let server: Server;
let base = '';

beforeAll(async () => {
  const issued = pki.issue({ commonName: 'm365.test', dnsNames: ['m365.test'], ipAddresses: [HOST] });
  server = createServer({ key: issued.keyPem, cert: [issued.certPem, ...issued.chainPem].join('\n') }, (request, response) => {
    if (request.url === '/slow') return;
    if (request.url === '/big') {
      response.end('x'.repeat(5000));
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      response.writeHead(201, { 'X-Echo': request.method ?? '' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  base = `https://${HOST}:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
});

describe('createHttpsTransport', () => {
  it('trusts the extra roots and returns status, lower-case headers and body', async () => {
    const transport = createHttpsTransport({ extraCaPem: [pki.rootPem] });
    await expect(transport({ method: 'POST', url: `${base}/echo`, headers: { 'content-type': 'text/plain' }, body: 'hello' })).resolves.toMatchObject({ status: 201, headers: { 'x-echo': 'POST' }, body: 'hello' });
  });

  it('keeps verification on: an unknown CA is a network failure that names the host', async () => {
    const transport = createHttpsTransport();
    await expect(transport({ method: 'GET', url: `${base}/echo`, headers: {} })).rejects.toMatchObject({ name: 'M365Error', kind: 'network', message: expect.stringContaining(HOST) as unknown });
  });

  it('refuses plain http', async () => {
    await expect(createHttpsTransport()({ method: 'GET', url: `http://${HOST}/`, headers: {} })).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('without TLS') as unknown });
  });

  it('gives up after its deadline', async () => {
    const transport = createHttpsTransport({ extraCaPem: [pki.rootPem], timeoutMs: 200 });
    await expect(transport({ method: 'GET', url: `${base}/slow`, headers: {} })).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('200 ms') as unknown });
  });

  it('cuts off oversized answers as malformed', async () => {
    const transport = createHttpsTransport({ extraCaPem: [pki.rootPem], maxBodyBytes: 1000 });
    await expect(transport({ method: 'GET', url: `${base}/big`, headers: {} })).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('is cancelled by its signal', async () => {
    const transport = createHttpsTransport({ extraCaPem: [pki.rootPem] });
    const controller = new AbortController();
    const pending = transport({ method: 'GET', url: `${base}/slow`, headers: {}, signal: controller.signal });
    setTimeout(() => { controller.abort(); }, 50);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('realSleep', () => {
  it('waits, and ends early when cancelled', async () => {
    await expect(realSleep(5)).resolves.toBeUndefined();
    const controller = new AbortController();
    const pending = realSleep(10_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
