/**
 * The SocketConnector port over node:net. It connects to IP addresses only, so that no lookup can
 * slip past the configured resolver (`--dns`): names are resolved through the DnsResolver port first.
 */
import { connect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import type { ConnectOptions, SocketConnector } from '../ports/socket.js';

/** The connector was given a host name instead of an address. */
export class ConnectorUsageError extends Error {
  override readonly name = 'ConnectorUsageError';
}

/** The caller's signal fired before the connection was established; `cause` is the signal's reason. */
export class ConnectAbortedError extends Error {
  override readonly name = 'ConnectAbortedError';
}

function abortError(signal: AbortSignal, host: string, port: number): ConnectAbortedError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : 'the caller cancelled it';
  return new ConnectAbortedError(`Connecting to ${host} port ${port} was stopped: ${why}`, { cause: reason });
}

export const netConnector: SocketConnector = {
  connect({ host, port, signal }: ConnectOptions): Promise<Socket> {
    if (isIP(host) === 0) {
      return Promise.reject(
        new ConnectorUsageError(`"${host}" is not an IP address: resolve it through the configured DNS resolver first.`),
      );
    }
    if (signal.aborted) return Promise.reject(abortError(signal, host, port));
    return new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host, port });
      const cleanup = (): void => {
        socket.off('connect', onConnect);
        socket.off('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      const onConnect = (): void => {
        cleanup();
        resolve(socket);
      };
      const onError = (error: Error): void => {
        cleanup();
        socket.destroy();
        reject(error);
      };
      const onAbort = (): void => {
        cleanup();
        socket.destroy();
        reject(abortError(signal, host, port));
      };
      socket.once('connect', onConnect);
      socket.once('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  },
};
