import { afterEach, describe, expect, it } from 'vitest';
import { ConnectAbortedError, ConnectorUsageError, netConnector } from '../../../../main/core/smtp/net-connector.js';
import { closedPort, startBlackHoleServer } from '../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../lab/smtp-scenarios.js';

const HOST = '127.0.0.33';
const servers: LabSmtpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('netConnector', () => {
  it('connects to an address and hands back the open socket', async () => {
    const server = await startBlackHoleServer({ host: HOST });
    servers.push(server);
    const socket = await netConnector.connect({ host: HOST, port: server.port, signal: new AbortController().signal });
    expect(socket.remoteAddress).toBe(HOST);
    expect(socket.remotePort).toBe(server.port);
    socket.destroy();
  });

  it('never resolves names itself, so --dns cannot be bypassed', async () => {
    await expect(netConnector.connect({ host: 'localhost', port: 25, signal: new AbortController().signal })).rejects.toThrow(
      ConnectorUsageError,
    );
  });

  it('passes a refused connection on as ECONNREFUSED', async () => {
    const target = await closedPort(HOST);
    await expect(netConnector.connect({ ...target, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stops when the signal fires, before or during the attempt', async () => {
    const server = await startBlackHoleServer({ host: HOST });
    servers.push(server);
    await expect(netConnector.connect({ host: HOST, port: server.port, signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow(
      /was stopped: too late/,
    );
    const controller = new AbortController();
    const attempt = netConnector.connect({ host: HOST, port: server.port, signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(attempt).rejects.toThrow(ConnectAbortedError);
  });
});
