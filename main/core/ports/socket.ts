import type { Socket } from 'node:net';

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly signal: AbortSignal;
}

/** Opens TCP connections; the app uses node:net, tests may wrap it to observe or fault-inject. */
export interface SocketConnector {
  connect(options: ConnectOptions): Promise<Socket>;
}
