import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectCheck } from '../../../../../main/core/checks/smtp/connect.js';
import type { SocketConnector } from '../../../../../main/core/ports/socket.js';
import { netConnector } from '../../../../../main/core/smtp/net-connector.js';
import { staticResolver } from '../../../../lab/check-context.js';
import { closedPort, startGoodSmtpServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, NAME, outcomeOf, runAll, statuses, UNREACHED, useSmtpLab } from './lab.js';

describe('smtp.connect', () => {
  const lab = useSmtpLab();
  it('has its stable id, step and dependency', () => {
    expect([connectCheck.id, connectCheck.step, connectCheck.perDomain, connectCheck.dependsOn]).toEqual(['smtp.connect', 'prerequisites', false, ['dns.smarthost.resolve']]);
  });

  it('connection refused: port closed or nothing listening', async () => {
    const target = await closedPort(HOST);
    const outcomes = await runAll(lab.contextFor(target));
    expect(statuses(outcomes)).toEqual({
      'smtp.connect': 'fail',
      'smtp.banner': UNREACHED,
      'smtp.ehlo': UNREACHED,
      'smtp.starttls': UNREACHED,
      'tls.handshake': UNREACHED,
    });
    expect(outcomeOf(outcomes, 'smtp.connect').summary).toBe(`${NAME} (${HOST}) port ${target.port} refused the connection.`);
    expect(outcomeOf(outcomes, 'smtp.connect').advice?.text).toContain('nothing listens there');
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
    const outcome = await connectCheck.run(lab.contextFor({ port: 25 }, { connector: dropping }), NAME);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('No answer from');
    expect(outcome.advice?.text).toContain('firewall drops the packets');
  });

  it('a private, carrier-grade NAT or loopback address (split DNS, the LAN side, a tunnel): connected, but it warns that Office 365 reaches the server elsewhere', async () => {
    const server = await lab.serve(startGoodSmtpServer({ host: HOST, cert: lab.cert() }));
    // The name resolves to a LAN address here; the connection is carried to the lab server on loopback.
    const toLab: SocketConnector = { connect: ({ port, signal }) => netConnector.connect({ host: HOST, port, signal }) };
    for (const [address, words] of [
      ['10.20.30.40', 'a private (RFC 1918) address'],
      ['100.64.1.2', 'a shared carrier-grade NAT address (100.64.0.0/10)'],
    ] as const) {
      const outcome = await connectCheck.run(lab.contextFor(server, { connector: toLab, resolver: staticResolver({ [NAME]: { A: [address] } }) }), NAME);
      expect(outcome.status).toBe('warn');
      expect(outcome.summary).toBe(`Connected from this computer to ${NAME} (${address}) port ${server.port}, ${words}: Office 365 cannot reach that address, so this does not show port ${server.port} is open to it.`);
      expect(outcome.advice?.text).toContain('only its own connector validation (Validate-OutboundConnector, imported in Part 1) or a test from outside this network proves');
      expect(outcome.advice?.fixes).toEqual([{ kind: 'action', action: 'import-validation' }]);
    }
    // The lab itself is on loopback: this computer, which Office 365 cannot reach either.
    const direct = await connectCheck.run(lab.contextFor(server), NAME);
    expect(direct.status).toBe('warn');
    expect(direct.summary).toContain(', a loopback address of this computer: Office 365 cannot reach that address');
    // Only a public address passes (still said to be from this computer).
    const publicAddress = await connectCheck.run(lab.contextFor(server, { connector: toLab, resolver: staticResolver({ [NAME]: { A: ['198.51.100.25'] } }) }), NAME);
    expect(publicAddress.status).toBe('pass');
    expect(publicAddress.summary).toMatch(new RegExp(`^Connected from this computer to ${NAME.replaceAll('.', '\\.')} \\(198\\.51\\.100\\.25\\) port ${String(server.port)} in \\d+ ms\\.$`));
  });
});
