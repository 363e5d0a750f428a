/**
 * A TCP proxy that holds every chunk for a fixed time in each direction, so a loopback server is
 * as far away as a real one: the bench compares several addresses with one over a round trip a
 * customer's network would have, where the probes wait on the network rather than on this machine's
 * cores. Order is kept; an end or a reset is passed on after the data before it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LatencyProxy {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Writes what `from` sends to `to`, each chunk `delayMs` later than it came, in order. */
function delayed(from: Socket, to: Socket, delayMs: number): void {
  let last = 0;
  const later = (work: () => void): void => {
    const at = Math.max(Date.now() + delayMs, last);
    last = at;
    setTimeout(work, at - Date.now());
  };
  from.on('data', (chunk: Buffer) => {
    later(() => {
      if (!to.destroyed) to.write(chunk);
    });
  });
  from.on('end', () => {
    later(() => to.end());
  });
  from.on('error', () => {
    later(() => to.destroy());
  });
  from.on('close', () => {
    later(() => to.destroy());
  });
}

export async function startLatencyProxy(listen: { readonly host: string; readonly port?: number }, target: { readonly host: string; readonly port: number }, oneWayMs: number): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: target.host, port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    delayed(client, upstream, oneWayMs);
    delayed(upstream, client, oneWayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the latency proxy has no TCP address');
  return {
    host: listen.host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
