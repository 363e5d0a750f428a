import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { netConnector } from '../../../../main/core/smtp/net-connector.js';
import { probeSmtp } from '../../../../main/core/smtp/probe.js';
import type { SmtpProbeOptions } from '../../../../main/core/smtp/probe.js';
import type { ProbeStage, ProbeStageName, SmtpProbeResult } from '../../../../main/core/smtp/probe-types.js';
import type { SocketConnector } from '../../../../main/core/ports/socket.js';
import { createTestPki, pemToDerBase64 } from '../../../lab/ca.js';
import type { IssuedCert, TestPki } from '../../../lab/ca.js';
import {
  closedPort,
  startBlackHoleServer,
  startFixedGreetingServer,
  startFloodServer,
  startGarbageServer,
  startGoodSmtpServer,
  startLongLineServer,
  startScriptedServer,
  startTarpitServer,
} from '../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../lab/smtp-scenarios.js';
import { systemClock } from '../../../../main/platform/clock.js';

const HOST = '127.0.0.30';
const NAME = 'mail.contoso.test';
const STAGE_MS = 600;
const TOTAL_MS = 3000;
/** Timers and scheduling on a busy test machine: generous, still far below any hang. */
const MARGIN_MS = 400;

let pki: TestPki;
let cert: IssuedCert;
const servers: LabSmtpServer[] = [];

beforeAll(() => {
  pki = createTestPki();
  cert = pki.issue({ commonName: NAME });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(start: Promise<LabSmtpServer>): Promise<LabSmtpServer> {
  const server = await start;
  servers.push(server);
  return server;
}

function probe(target: { readonly host: string; readonly port: number }, overrides: Partial<SmtpProbeOptions> = {}): Promise<SmtpProbeResult> {
  return probeSmtp({
    clock: systemClock,
    host: NAME,
    address: target.host,
    port: target.port,
    connector: netConnector,
    extraCaPem: [pki.rootPem],
    stageTimeoutMs: STAGE_MS,
    totalTimeoutMs: TOTAL_MS,
    ...overrides,
  });
}

function stage(result: SmtpProbeResult, name: ProbeStageName): ProbeStage {
  const found = result.stages.find((s) => s.name === name);
  if (found === undefined) throw new Error(`stage ${name} was not reached: ${JSON.stringify(result.stages)}`);
  return found;
}

function lastStage(result: SmtpProbeResult): ProbeStage {
  const last = result.stages.at(-1);
  if (last === undefined) throw new Error('no stage recorded');
  return last;
}

describe('probeSmtp against a well-behaved server', () => {
  it('runs every stage and records TLS, chain, capabilities and transcript', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert }));
    const result = await probe(server);
    expect(result.stages.map((s) => [s.name, s.outcome])).toEqual([
      ['connect', 'ok'],
      ['banner', 'ok'],
      ['ehlo', 'ok'],
      ['starttls', 'ok'],
      ['tls', 'ok'],
      ['ehlo-after-tls', 'ok'],
      ['quit', 'ok'],
    ]);
    expect(stage(result, 'banner').code).toBe(220);
    expect(result.banner).toContain('lab ESMTP ready');
    expect(result.capabilities).toContain('STARTTLS');
    expect(result.capabilitiesAfterTls).not.toContain('STARTTLS');
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.3', authorized: true, authorizationError: null });
    expect(result.tls?.peerChainDer).toEqual([
      pemToDerBase64(cert.certPem),
      pemToDerBase64(pki.intermediatePem),
      pemToDerBase64(pki.rootPem),
    ]);
    expect(result.address).toBe(HOST);
    // The EHLO argument is our own address as a literal (the kernel picks the loopback source).
    const ehlo: unknown = expect.stringMatching(/^EHLO \[127\.\d+\.\d+\.\d+\]$/);
    expect(result.transcript.filter((line) => line.direction === 'client').map((line) => line.text)).toEqual([
      ehlo,
      'STARTTLS',
      ehlo,
      'QUIT',
    ]);
    expect(result.transcript.every((line, i, all) => i === 0 || line.atMs >= (all[i - 1]?.atMs ?? 0))).toBe(true);
  });

  it('reads a certificate it cannot trust and reports Node’s verdict', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert }));
    const untrusted = await probe(server, { extraCaPem: [] });
    expect(stage(untrusted, 'tls').outcome).toBe('ok');
    expect(untrusted.tls?.authorized).toBe(false);
    expect(untrusted.tls?.authorizationError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    const wrongName = await probe(server, { host: 'other.contoso.test' });
    expect(wrongName.tls?.authorized).toBe(false);
    expect(wrongName.tls?.authorizationError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('makes a protocol test without verifying or reading the certificates when told so', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert }));
    const result = await probe(server, { verifyPeer: false, stopAfterTls: true });
    expect(stage(result, 'tls').outcome).toBe('ok');
    // Trusted anchors are given, yet nothing is verified: the answer says why instead of a false verdict.
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.3', authorized: false, peerChainDer: [] });
    expect(result.tls?.authorizationError).toMatch(/^not verified: /);
  });

  it('accepts a multi-line greeting and one dripped byte by byte', async () => {
    const multi = await serve(startScriptedServer({ host: HOST, cert, greeting: ['220-scripted.test first line', '220 second line'] }));
    const multiResult = await probe(multi);
    expect(stage(multiResult, 'banner').outcome).toBe('ok');
    expect(multiResult.banner).toBe('scripted.test first line\nsecond line');

    const dripped = await serve(startScriptedServer({ host: HOST, cert, greetingDripMs: 2 }));
    const drippedResult = await probe(dripped, { stageTimeoutMs: 2000 });
    expect(stage(drippedResult, 'banner')).toMatchObject({ outcome: 'ok', code: 220 });
    expect(lastStage(drippedResult)).toMatchObject({ name: 'quit', outcome: 'ok' });
  });
});

describe('probeSmtp against broken and hostile servers', () => {
  it('reports a refused connection at once', async () => {
    const target = await closedPort(HOST);
    const result = await probe(target);
    expect(result.stages).toHaveLength(1);
    expect(stage(result, 'connect').outcome).toBe('refused');
    expect(stage(result, 'connect').detail).toContain(`port ${target.port}`);
    expect(result.totalMs).toBeLessThan(STAGE_MS);
  });

  it('gives up connecting at the connect deadline when packets are dropped', async () => {
    const dropping: SocketConnector = {
      connect: ({ signal }) =>
        new Promise<Socket>((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
    };
    const result = await probe({ host: '127.0.0.31', port: 25 }, { connector: dropping });
    expect(stage(result, 'connect').outcome).toBe('timeout');
    expect(stage(result, 'connect').detail).toContain(`within ${STAGE_MS} ms`);
    expect(result.totalMs).toBeGreaterThanOrEqual(STAGE_MS - 5);
    expect(result.totalMs).toBeLessThan(STAGE_MS + MARGIN_MS);
  });

  it('ends at the banner deadline when the server never speaks', async () => {
    const server = await serve(startBlackHoleServer({ host: HOST }));
    const result = await probe(server);
    expect(stage(result, 'banner')).toMatchObject({ outcome: 'timeout' });
    expect(stage(result, 'banner').detail).toBe(`no complete greeting within ${STAGE_MS} ms`);
    expect(result.stages).toHaveLength(2);
    expect(result.totalMs).toBeLessThan(STAGE_MS + MARGIN_MS);
  });

  it('ends a tarpit at the absolute deadline although bytes keep coming', async () => {
    const server = await serve(startTarpitServer({ host: HOST, intervalMs: 500 }));
    const result = await probe(server, { stageTimeoutMs: 1200 });
    const banner = stage(result, 'banner');
    expect(banner.outcome).toBe('timeout');
    expect(banner.detail).toMatch(/^no complete greeting within 1200 ms; received only "22/);
    expect(result.totalMs).toBeGreaterThanOrEqual(1195);
    expect(result.totalMs).toBeLessThan(1200 + MARGIN_MS);
  });

  it('lets the overall deadline cut a stage short and says so', async () => {
    const server = await serve(startTarpitServer({ host: HOST }));
    const result = await probe(server, { stageTimeoutMs: 5000, totalTimeoutMs: 600 });
    expect(stage(result, 'banner').outcome).toBe('timeout');
    expect(stage(result, 'banner').detail).toContain('within 600 ms (the whole probe’s deadline)');
    expect(result.totalMs).toBeLessThan(600 + MARGIN_MS);
  });

  it('cuts off an over-long line', async () => {
    const server = await serve(startLongLineServer({ host: HOST }));
    const result = await probe(server);
    expect(stage(result, 'banner').outcome).toBe('too-large');
    // One 5000-byte line arrives whole or in pieces; either way the 1000-byte cap ends it.
    expect(stage(result, 'banner').detail).toMatch(
      /^a reply line (was 5000 bytes long; the limit is 1000|ran past 1000 bytes without ending); the probe stopped reading$/,
    );
    expect(result.transcript.some((line) => line.direction === 'note' && line.text.startsWith('stopped reading'))).toBe(true);
  });

  it('cuts off an over-large reply made of valid lines', async () => {
    const server = await serve(startFloodServer({ host: HOST }));
    const result = await probe(server);
    expect(stage(result, 'ehlo')).toMatchObject({ outcome: 'too-large', detail: 'the reply ran past 65536 bytes; the probe stopped reading' });
    const serverText = result.transcript.filter((line) => line.direction === 'server').reduce((sum, line) => sum + line.text.length, 0);
    expect(serverText).toBeLessThanOrEqual(64 * 1024);
  });

  it('recognises a peer that does not speak SMTP', async () => {
    const server = await serve(startGarbageServer({ host: HOST }));
    const result = await probe(server);
    expect(stage(result, 'banner')).toMatchObject({ outcome: 'protocol-error', detail: 'the server did not answer in SMTP: "HTTP/1.1 400 Bad Request"' });
    expect(result.stages).toHaveLength(2);
  });

  it.each([
    ['554 5.7.1 Your address is not welcome here', 554],
    ['421 4.3.2 Service not available, closing channel', 421],
  ])('reports a %s greeting as rejected and still says goodbye', async (greeting, code) => {
    const server = await serve(startFixedGreetingServer(greeting, { host: HOST }));
    const result = await probe(server);
    expect(stage(result, 'banner')).toMatchObject({ outcome: 'rejected', code });
    expect(stage(result, 'banner').detail).toContain(greeting);
    expect(stage(result, 'quit')).toMatchObject({ outcome: 'ok', code: 221 });
    expect(result.stages.map((s) => s.name)).toEqual(['connect', 'banner', 'quit']);
  });

  it('tells STARTTLS not offered apart from STARTTLS refused', async () => {
    const plain = await serve(startScriptedServer({ host: HOST, capabilities: ['PIPELINING', 'SIZE 1000'] }));
    const plainResult = await probe(plain);
    expect(stage(plainResult, 'starttls').outcome).toBe('not-offered');
    expect(plainResult.capabilities).toEqual(['PIPELINING', 'SIZE 1000']);
    expect(plainResult.tls).toBeNull();
    expect(lastStage(plainResult)).toMatchObject({ name: 'quit', outcome: 'ok' });

    const refusing = await serve(startScriptedServer({ host: HOST, starttlsReply: '454 4.7.0 TLS not available due to local problem' }));
    const refusedResult = await probe(refusing);
    expect(stage(refusedResult, 'starttls')).toMatchObject({ outcome: 'rejected', code: 454 });
    expect(stage(refusedResult, 'starttls').detail).toContain('TLS not available');
    expect(refusedResult.tls).toBeNull();
  });

  it('reports a connection dropped during the TLS handshake', async () => {
    const server = await serve(startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-during-handshake' }));
    const result = await probe(server);
    expect(stage(result, 'starttls').outcome).toBe('ok');
    expect(stage(result, 'tls').outcome).toBe('closed');
    expect(stage(result, 'tls').detail).toContain('during the TLS handshake');
    expect(result.tls).toBeNull();
  });

  it('reports a connection dropped right after the TLS handshake', async () => {
    const server = await serve(startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-after-handshake' }));
    const result = await probe(server);
    expect(stage(result, 'tls').outcome).toBe('ok');
    expect(result.tls?.authorized).toBe(true);
    expect(stage(result, 'ehlo-after-tls').outcome).toBe('closed');
    expect(lastStage(result).name).toBe('ehlo-after-tls');
  });

  it('reports a server that accepts STARTTLS but then does not speak TLS', async () => {
    const server = await serve(startScriptedServer({ host: HOST, cert, afterStarttls: 'plaintext' }));
    const result = await probe(server);
    expect(stage(result, 'starttls').outcome).toBe('ok');
    expect(stage(result, 'tls').outcome).toBe('tls-failed');
    expect(stage(result, 'tls').detail).toMatch(/^the server did not answer with TLS after accepting STARTTLS/);
  });

  it('discards and notes bytes sent after the STARTTLS reply (command injection risk)', async () => {
    const server = await serve(startScriptedServer({ host: HOST, cert, starttlsReply: '220 2.0.0 Ready\r\n250 injected' }));
    const result = await probe(server);
    expect(stage(result, 'tls').outcome).toBe('ok');
    expect(result.transcript).toContainEqual(
      expect.objectContaining({ direction: 'note', text: expect.stringMatching(/^the server sent 14 bytes after its STARTTLS reply/) as unknown }),
    );
  });

  it.each(['TLSv1', 'TLSv1.1'] as const)('negotiates and reports an old server speaking only %s', async (version) => {
    const server = await serve(
      startScriptedServer({ host: HOST, cert, tlsMinVersion: version, tlsMaxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' }),
    );
    const result = await probe(server);
    expect(stage(result, 'tls').outcome).toBe('ok');
    expect(result.tls?.protocol).toBe(version);
    expect(stage(result, 'tls').detail).toContain(version);
    expect(lastStage(result)).toMatchObject({ name: 'quit', outcome: 'ok' });
  });
});

describe('probeSmtp cancellation', () => {
  it('stops waiting as soon as the signal fires', async () => {
    const server = await serve(startBlackHoleServer({ host: HOST }));
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort(new Error('cancelled by the test'));
    }, 100);
    const result = await probe(server, { stageTimeoutMs: 5000, signal: controller.signal });
    expect(stage(result, 'banner').outcome).toBe('aborted');
    expect(result.totalMs).toBeLessThan(100 + MARGIN_MS);
  });

  it('does not connect when the signal has already fired', async () => {
    const server = await serve(startBlackHoleServer({ host: HOST }));
    const result = await probe(server, { signal: AbortSignal.abort() });
    expect(result.stages).toEqual([expect.objectContaining({ name: 'connect', outcome: 'aborted' })]);
  });
});
