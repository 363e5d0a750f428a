import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp } from '../../lab/app-handlers.js';
import { startPreviewServer, TOKEN_HEADER, type PreviewServer } from '../../../main/preview/server.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/csp.js';
import { invokeMethods } from '../../../preload/contract.js';

let dir: string;
let testApp: ReturnType<typeof createTestApp>;
let server: PreviewServer;
let port: number;

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const apiCall = (method: string, args: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  call(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, origin: `http://127.0.0.1:${port}`, ...headers },
    body: JSON.stringify(args),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-preview-'));
  const rendererRoot = join(dir, 'renderer');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(rendererRoot);
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>test</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  testApp = createTestApp();
  server = await startPreviewServer({
    handlers: testApp.handlers,
    rendererRoot,
    report: () => undefined,
  });
  port = Number(new URL(server.origin).port);
});

afterAll(async () => {
  await server.close();
  testApp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser preview server', () => {
  it('listens on 127.0.0.1 only and puts the token in the fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with the strict CSP', async () => {
    const reply = await call('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await call('/../secret.txt')).status).toBe(404);
    expect((await call('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('answers API calls with the token, validating arguments', async () => {
    const created = await apiCall('createEngagement', [{ name: 'Contoso', domains: [], smartHosts: [], serverKind: 'exchange', testAddresses: [], notes: '' }]);
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Contoso' } });
    const invalid = await apiCall('createEngagement', [{ name: 42 }]);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { name: 'InvalidRequestError' } });
    const unknown = await apiCall('dropTables', []);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { message: 'Unknown method "dropTables".' } });
  });

  it('routes every method of the contract', async () => {
    for (const method of invokeMethods) {
      const reply = await apiCall(method, ['not', 'valid', 'arguments', 42]);
      expect(reply.status, method).toBe(200);
      expect(JSON.parse(reply.body), method).toMatchObject({ ok: false, error: { name: 'InvalidRequestError' } });
    }
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await apiCall('listEngagements', [], { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    const withoutToken = await call('/api/listEngagements', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(withoutToken.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token', async () => {
    const rebinding = await apiCall('listEngagements', [], { host: `attacker.example:${port}` });
    expect(rebinding.status).toBe(403);
    expect((await call('/', { headers: { host: 'attacker.example' } })).status).toBe(403);
  });

  it('refuses a foreign Origin', async () => {
    const crossSite = await apiCall('listEngagements', [], { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('refuses non-JSON bodies and other verbs', async () => {
    expect((await apiCall('listEngagements', [], { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('/api/listEngagements', { headers: { [TOKEN_HEADER]: server.token } })).status).toBe(405);
  });

  it('accepts event sockets only with the token and our Origin', async () => {
    const open = (path: string, origin: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers: { origin } });
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('error', () => resolve('refused'));
      });
    expect(await open(`/events?token=${server.token}`, server.origin)).toBe('open');
    expect(await open('/events?token=nope', server.origin)).toBe('refused');
    expect(await open(`/events?token=${server.token}`, 'https://evil.example')).toBe('refused');
  });

  it('pushes events to connected pages', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events?token=${server.token}`, { headers: { origin: server.origin } });
    await new Promise((resolve) => socket.on('open', resolve));
    const received = new Promise<string>((resolve) => socket.on('message', (data: Buffer) => resolve(data.toString())));
    server.broadcast('checkProgress', { runId: 'r1', progress: { kind: 'started', id: 'smtp.connect', target: null, done: 0, total: 1 } });
    expect(JSON.parse(await received)).toMatchObject({ event: 'checkProgress', payload: { runId: 'r1' } });
    socket.close();
  });
  it('closes a socket that sends an oversized frame with 1009 and keeps serving', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events?token=${server.token}`, { headers: { origin: server.origin } });
    await new Promise((resolve) => socket.on('open', resolve));
    const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
    socket.send('x'.repeat(64 * 1024));
    expect(await closed).toBe(1009);
    expect((await apiCall('listEngagements', [])).status).toBe(200);
  });

  it('closes a socket that sends a malformed frame with 1002 and keeps serving', async () => {
    const raw = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const upgraded = new Promise<void>((resolve) => {
      raw.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.includes('\r\n\r\n')) resolve();
      });
    });
    const ended = new Promise<void>((resolve) => raw.on('close', () => resolve()));
    raw.write(
      [
        `GET /events?token=${server.token} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Origin: ${server.origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '',
        '',
      ].join('\r\n'),
    );
    await upgraded;
    expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    const headerEnd = received.indexOf('\r\n\r\n') + 4;
    // A text frame without the mask bit: every client frame must be masked (RFC 6455, 5.1).
    raw.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
    await ended;
    const frame = received.subarray(headerEnd);
    expect(frame[0]).toBe(0x88);
    expect(frame.readUInt16BE(2)).toBe(1002);
    expect((await apiCall('listEngagements', [])).status).toBe(200);
  });
});
