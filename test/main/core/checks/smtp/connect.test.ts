import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectCheck } from '../../../../../main/core/checks/smtp/connect.js';
import type { SocketConnector } from '../../../../../main/core/ports/socket.js';
import { closedPort } from '../../../../lab/smtp-scenarios.js';
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
    const outcome = await connectCheck.run(lab.contextFor({ port: 25 }, { connector: dropping }), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('No answer from');
    expect(outcome.advice?.text).toContain('firewall drops the packets');
  });
});
