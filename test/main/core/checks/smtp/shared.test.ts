import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../../main/core/checks/runner.js';
import { addressesOf, SmtpProbeUnavailableError } from '../../../../../main/core/checks/per-address.js';
import { getSmtpProbe, probeDeadlines } from '../../../../../main/core/checks/smtp/shared.js';
import type { CheckDefinition, PreflightInputs } from '../../../../../main/core/checks/types.js';
import { systemClock } from '../../../../../main/platform/clock.js';
import type { SocketConnector } from '../../../../../main/core/ports/socket.js';
import { netConnector } from '../../../../../main/core/smtp/net-connector.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import { startGoodSmtpServer, startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, NAME, outcomeOf, runAll, smtpChain, statuses, useSmtpLab } from './lab.js';

describe('the shared SMTP probe', () => {
  const lab = useSmtpLab();

  it('declares the stable ids, steps and dependency chain', () => {
    expect(smtpChain.map((c) => [c.id, c.step, c.perDomain, c.dependsOn])).toEqual([
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
    const server = await lab.serve(startGoodSmtpServer({ host: HOST, cert: lab.cert() }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(statuses(outcomes)).toEqual({
      'smtp.connect': 'warn',
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

  it('shares one probe between all checks of a run', async () => {
    const server = await lab.serve(startGoodSmtpServer({ host: HOST, cert: lab.cert() }));
    let connections = 0;
    const counting: SocketConnector = {
      connect: (options) => {
        connections += 1;
        return netConnector.connect(options);
      },
    };
    const ctx = lab.contextFor(server, { connector: counting });
    await runAll(ctx);
    expect(await getSmtpProbe(ctx, { host: NAME, address: server.host })).toBe(await getSmtpProbe(ctx, { host: NAME, address: server.host }));
    expect(connections).toBe(1);
  });

  it('refuses to probe a smart host that did not resolve', async () => {
    const ctx = createCheckContext({ inputs: { smartHosts: ['nowhere.contoso.test'] } });
    await expect(addressesOf(ctx, 'nowhere.contoso.test')).rejects.toThrow(SmtpProbeUnavailableError);
    await expect(addressesOf(ctx, 'nowhere.contoso.test')).rejects.toThrow(/nowhere\.contoso\.test did not resolve \(NXDOMAIN\)/);
  });

  it('skips the rest of the chain after the first failure', async () => {
    const server = await lab.serve(startScriptedServer({ host: HOST, capabilities: [] }));
    const resolveStub: CheckDefinition = {
      id: 'dns.smarthost.resolve',
      title: 'Smart host resolves',
      step: 'prerequisites',
      dependsOn: [],
      perDomain: false,
      network: true,
      proves: 'a stub',
      statuses: {},
      run: () => Promise.resolve({ status: 'pass', summary: 'resolved', evidence: {} }),
    };
    const inputs: PreflightInputs = lab.contextFor(server).inputs;
    const results = await runChecks([resolveStub, ...smtpChain], {
      inputs,
      resolver: staticResolver({ [NAME]: { A: [HOST] } }),
      connector: netConnector,
      clock: systemClock,
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['dns.smarthost.resolve', 'pass'],
      ['smtp.connect', 'warn'],
      ['smtp.banner', 'pass'],
      ['smtp.ehlo', 'pass'],
      ['smtp.starttls', 'fail'],
      ['tls.handshake', 'skip'],
    ]);
  });
});
