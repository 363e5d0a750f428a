import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../../../main/core/checks/runner.js';
import { getSmtpProbe, probeDeadlines, smtpChecks, SmtpProbeUnavailableError } from '../../../../main/core/checks/smtp-checks.js';
import type { CheckContext, CheckDefinition, CheckOutcome, CheckStatus, PreflightInputs } from '../../../../main/core/checks/types.js';
import { systemClock } from '../../../../main/core/ports/clock.js';
import type { SocketConnector } from '../../../../main/core/ports/socket.js';
import { netConnector } from '../../../../main/core/smtp/net-connector.js';
import { createTestPki } from '../../../lab/ca.js';
import type { IssuedCert, TestPki } from '../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../lab/check-context.js';
import type { TestContextOptions } from '../../../lab/check-context.js';
import {
  closedPort,
  startBlackHoleServer,
  startFixedGreetingServer,
  startGarbageServer,
  startGoodSmtpServer,
  startScriptedServer,
} from '../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../lab/smtp-scenarios.js';

const HOST = '127.0.0.31';
const NAME = 'mail.contoso.test';
const TIMEOUT_MS = 1200;

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

function contextFor(target: { readonly port: number }, options: TestContextOptions = {}): CheckContext {
  return createCheckContext({
    resolver: staticResolver({ [NAME]: { A: [HOST] } }),
    ...options,
    inputs: { smartHost: NAME, smtpPort: target.port, extraCaPem: [pki.rootPem], timeoutMs: TIMEOUT_MS, ...options.inputs },
  });
}

/** Every check's run() in order on one shared context, as the runner would call them. */
async function runAll(ctx: CheckContext): Promise<Record<string, CheckOutcome>> {
  const outcomes: Record<string, CheckOutcome> = {};
  for (const check of smtpChecks) outcomes[check.id] = await check.run(ctx, null);
  return outcomes;
}

function statuses(outcomes: Record<string, CheckOutcome>): Record<string, CheckStatus> {
  return Object.fromEntries(Object.entries(outcomes).map(([id, outcome]) => [id, outcome.status]));
}

function outcomeOf(outcomes: Record<string, CheckOutcome>, id: string): CheckOutcome {
  const found = outcomes[id];
  if (found === undefined) throw new Error(`no outcome for ${id}`);
  return found;
}

/** What a check reports when run without its failed dependency (the runner would skip it instead). */
const UNREACHED: CheckStatus = 'error';

describe('smtp checks', () => {
  it('declares the stable ids, steps and dependency chain', () => {
    expect(smtpChecks.map((c) => [c.id, c.step, c.perDomain, c.dependsOn])).toEqual([
      ['smtp.connect', 'prerequisites', false, ['dns.smarthost.resolve']],
      ['smtp.banner', 'prerequisites', false, ['smtp.connect']],
      ['smtp.ehlo', 'prerequisites', false, ['smtp.banner']],
      ['smtp.starttls', 'prerequisites', false, ['smtp.ehlo']],
      ['tls.handshake', 'prerequisites', false, ['smtp.starttls']],
    ]);
  });

  it('keeps the probe inside the check deadline', () => {
    expect(probeDeadlines(10_000)).toEqual({ stageTimeoutMs: 4500, totalTimeoutMs: 9000 });
  });

  it('passes everything against a good server, with the probe as evidence', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert }));
    const outcomes = await runAll(contextFor(server));
    expect(statuses(outcomes)).toEqual({
      'smtp.connect': 'pass',
      'smtp.banner': 'pass',
      'smtp.ehlo': 'pass',
      'smtp.starttls': 'pass',
      'tls.handshake': 'pass',
    });
    expect(outcomeOf(outcomes, 'smtp.ehlo').summary).toContain('STARTTLS');
    expect(outcomeOf(outcomes, 'tls.handshake').summary).toContain('TLSv1.3');
    const evidence = outcomeOf(outcomes, 'smtp.banner').evidence;
    expect(evidence).toMatchObject({ host: NAME, address: HOST, port: server.port, banner: expect.stringContaining('lab ESMTP ready') as unknown });
    expect(evidence.transcript).toEqual(expect.arrayContaining([expect.stringMatching(/^\+\d+ms C: STARTTLS$/)]));
    expect(evidence.stages).toHaveLength(7);
  });

  it('leaves a bad certificate to the certificate checks: the handshake still passes', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert: pki.issue({ commonName: NAME, selfSigned: true }) }));
    const outcomes = await runAll(contextFor(server));
    expect(outcomeOf(outcomes, 'tls.handshake').status).toBe('pass');
    expect(outcomeOf(outcomes, 'tls.handshake').evidence.tls).toMatchObject({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('shares one probe between all checks of a run', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert }));
    let connections = 0;
    const counting: SocketConnector = {
      connect: (options) => {
        connections += 1;
        return netConnector.connect(options);
      },
    };
    const ctx = contextFor(server, { connector: counting });
    await runAll(ctx);
    expect(await getSmtpProbe(ctx)).toBe(await getSmtpProbe(ctx));
    expect(connections).toBe(1);
  });

  it('refuses to probe a smart host that did not resolve', async () => {
    const ctx = createCheckContext({ inputs: { smartHost: 'nowhere.contoso.test' } });
    await expect(getSmtpProbe(ctx)).rejects.toThrow(SmtpProbeUnavailableError);
    await expect(getSmtpProbe(ctx)).rejects.toThrow(/nowhere\.contoso\.test did not resolve \(NXDOMAIN\)/);
  });

  it('connection refused: port closed or nothing listening', async () => {
    const target = await closedPort(HOST);
    const outcomes = await runAll(contextFor(target));
    expect(statuses(outcomes)).toEqual({
      'smtp.connect': 'fail',
      'smtp.banner': UNREACHED,
      'smtp.ehlo': UNREACHED,
      'smtp.starttls': UNREACHED,
      'tls.handshake': UNREACHED,
    });
    expect(outcomeOf(outcomes, 'smtp.connect').summary).toBe(`${NAME} (${HOST}) port ${target.port} refused the connection.`);
    expect(outcomeOf(outcomes, 'smtp.connect').advice).toContain('nothing listens there');
  });

  it('connect timeout: a firewall dropping packets', async () => {
    const dropping: SocketConnector = {
      connect: ({ signal }) =>
        new Promise<Socket>((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
    };
    const outcome = await smtpChecks[0]?.run(contextFor({ port: 25 }, { connector: dropping }), null);
    expect(outcome?.status).toBe('fail');
    expect(outcome?.summary).toContain('No answer from');
    expect(outcome?.advice).toContain('firewall drops the packets');
  });

  it('silent server: connected, but no greeting', async () => {
    const server = await serve(startBlackHoleServer({ host: HOST }));
    const outcomes = await runAll(contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.connect': 'pass', 'smtp.banner': 'fail', 'smtp.ehlo': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toMatch(/^No greeting from .*: no complete greeting within \d+ ms\.$/);
  });

  it.each([
    ['554 5.7.1 Client host rejected', 'will not talk to this client’s address'],
    ['421 4.3.2 Too many connections', '“not now”'],
  ])('greeting %s is a failed banner with its own advice', async (greeting, advice) => {
    const server = await serve(startFixedGreetingServer(greeting, { host: HOST }));
    const outcomes = await runAll(contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.connect': 'pass', 'smtp.banner': 'fail' });
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toContain(greeting);
    expect(outcomeOf(outcomes, 'smtp.banner').advice).toContain(advice);
  });

  it('a service that does not speak SMTP', async () => {
    const server = await serve(startGarbageServer({ host: HOST }));
    const outcomes = await runAll(contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.banner').status).toBe('fail');
    expect(outcomeOf(outcomes, 'smtp.banner').summary).toContain('is not speaking SMTP');
  });

  it('EHLO refused', async () => {
    const server = await serve(startFixedGreetingServer('220 old.test SMTP', { host: HOST }));
    const outcomes = await runAll(contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.banner': 'pass', 'smtp.ehlo': 'fail', 'smtp.starttls': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.ehlo').advice).toContain('ESMTP');
  });

  it('STARTTLS not offered: enable it by binding a certificate', async () => {
    const server = await serve(startScriptedServer({ host: HOST, capabilities: ['PIPELINING'] }));
    const outcomes = await runAll(contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.ehlo': 'pass', 'smtp.starttls': 'fail', 'tls.handshake': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.starttls').summary).toBe('The server does not offer STARTTLS, so mail to it cannot be encrypted.');
    expect(outcomeOf(outcomes, 'smtp.starttls').advice).toContain('Enable-ExchangeCertificate -Services SMTP');
  });

  it('STARTTLS offered but refused', async () => {
    const server = await serve(startScriptedServer({ host: HOST, starttlsReply: '454 4.7.0 TLS not available due to local problem' }));
    const outcomes = await runAll(contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.starttls').status).toBe('fail');
    expect(outcomeOf(outcomes, 'smtp.starttls').summary).toContain('454');
    expect(outcomeOf(outcomes, 'smtp.starttls').advice).toContain('private key');
  });

  it('TLS 1.0 only: the handshake check fails with advice to enable TLS 1.2', async () => {
    const server = await serve(
      startScriptedServer({ host: HOST, cert, tlsMinVersion: 'TLSv1', tlsMaxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    );
    const outcomes = await runAll(contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.starttls').status).toBe('pass');
    expect(outcomeOf(outcomes, 'tls.handshake').status).toBe('fail');
    expect(outcomeOf(outcomes, 'tls.handshake').summary).toContain('only TLSv1 with');
    expect(outcomeOf(outcomes, 'tls.handshake').advice).toContain('Enable TLS 1.2');
  });

  it('connection dropped during the handshake fails, and so does one dropped right after it', async () => {
    const during = await serve(startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-during-handshake' }));
    const duringOutcome = await smtpChecks[4]?.run(contextFor(during), null);
    expect(duringOutcome?.status).toBe('fail');
    expect(duringOutcome?.summary).toContain('hung up during the TLS handshake');

    const after = await serve(startScriptedServer({ host: HOST, cert, afterStarttls: 'drop-after-handshake' }));
    const afterOutcome = await smtpChecks[4]?.run(contextFor(after), null);
    expect(afterOutcome?.status).toBe('fail');
    expect(afterOutcome?.summary).toContain('did not carry on over TLS');
  });
});

describe('smtp checks in the runner', () => {
  it('skips the rest of the chain after the first failure', async () => {
    const server = await serve(startScriptedServer({ host: HOST, capabilities: [] }));
    const resolveStub: CheckDefinition = {
      id: 'dns.smarthost.resolve',
      title: 'Smart host resolves',
      step: 'prerequisites',
      dependsOn: [],
      perDomain: false,
      run: () => Promise.resolve({ status: 'pass', summary: 'resolved', evidence: {} }),
    };
    const inputs: PreflightInputs = contextFor(server).inputs;
    const results = await runChecks([resolveStub, ...smtpChecks], {
      inputs,
      resolver: staticResolver({ [NAME]: { A: [HOST] } }),
      connector: netConnector,
      clock: systemClock,
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['dns.smarthost.resolve', 'pass'],
      ['smtp.connect', 'pass'],
      ['smtp.banner', 'pass'],
      ['smtp.ehlo', 'pass'],
      ['smtp.starttls', 'fail'],
      ['tls.handshake', 'skip'],
    ]);
  });
});
