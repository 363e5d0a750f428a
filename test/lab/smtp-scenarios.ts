/**
 * SMTP scenario servers on loopback for the probe and the smtp.*, tls.* and eop.smtp checks.
 * The well-behaved server is the smtp-server package; the broken and hostile ones are raw
 * node:net servers that misbehave in one precise way each.
 *
 *   const pki = createTestPki();
 *   const good = await startGoodSmtpServer({ host: '127.0.0.30', cert: pki.issue({ commonName: 'mail.contoso.test' }) });
 *   const tarpit = await startTarpitServer({ host: '127.0.0.30' });
 *   ... probeSmtp({ address: good.host, port: good.port, ... }) ...
 *   await good.close(); await tarpit.close();
 *
 * Every server listens on port 0 (a free port) unless told otherwise, and close() ends every open
 * connection, so tests never wait on a lingering client.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { SecureVersion } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import type { IssuedCert } from './ca.js';

export interface LabSmtpServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Default address of the SMTP lab (the SMTP range is 127.0.0.30–49). */
export const SMTP_LAB_HOST = '127.0.0.30';

interface RawServerOptions {
  readonly host?: string;
  readonly port?: number;
}

/** A raw TCP server whose close() also destroys open connections and stops their timers. */
async function startRawServer(
  options: RawServerOptions,
  onConnection: (socket: Socket, track: (timer: NodeJS.Timeout) => void) => void,
): Promise<LabSmtpServer> {
  const host = options.host ?? SMTP_LAB_HOST;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket, (timer) => timers.add(timer));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the lab server has no TCP address');
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Sends `text` one byte at a time, every `intervalMs`, starting at once. */
function drip(socket: Socket, text: string, intervalMs: number, track: (timer: NodeJS.Timeout) => void, then?: () => void): void {
  const bytes = Buffer.from(text);
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) {
      clearInterval(timer);
      return;
    }
    socket.write(bytes.subarray(index, index + 1));
    index += 1;
    if (index >= bytes.length) {
      clearInterval(timer);
      then?.();
    }
  }, intervalMs);
  track(timer);
  socket.on('close', () => {
    clearInterval(timer);
  });
}

/** Calls `onLine` for every CRLF-terminated line the client sends. */
function readLines(socket: Socket, onLine: (line: string) => void): void {
  let buffered = '';
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('latin1');
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
      onLine(line);
    }
  };
  socket.on('data', onData);
}

/** Accepts connections and never says a word: the probe must give up at the banner deadline. */
export function startBlackHoleServer(options: RawServerOptions = {}): Promise<LabSmtpServer> {
  return startRawServer(options, () => undefined);
}

/** A tarpit: starts a greeting, then sends one more byte every `intervalMs` (default 500) forever. */
export function startTarpitServer(options: RawServerOptions & { readonly intervalMs?: number } = {}): Promise<LabSmtpServer> {
  return startRawServer(options, (socket, track) => {
    drip(socket, `220 tarpit.test ESMTP ${'.'.repeat(10_000)}`, options.intervalMs ?? 500, track);
  });
}

/** Sends `reply` (CRLF added) as its greeting and closes after the client's QUIT. */
export function startFixedGreetingServer(reply: string, options: RawServerOptions = {}): Promise<LabSmtpServer> {
  return startRawServer(options, (socket) => {
    socket.write(`${reply}\r\n`);
    readLines(socket, (line) => {
      if (/^QUIT/i.test(line)) socket.end('221 2.0.0 Bye\r\n');
      else socket.write('503 5.5.1 Go away\r\n');
    });
  });
}

/** Answers like a web server: not SMTP at all. */
export function startGarbageServer(options: RawServerOptions = {}): Promise<LabSmtpServer> {
  return startFixedGreetingServer('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n', options);
}

/** A greeting line of `length` bytes (default 5000), past any SMTP line limit. */
export function startLongLineServer(options: RawServerOptions & { readonly length?: number } = {}): Promise<LabSmtpServer> {
  return startRawServer(options, (socket) => {
    socket.write(`220 ${'x'.repeat((options.length ?? 5000) - 6)}\r\n`);
  });
}

/** Greets, then answers EHLO with an endless stream of well-formed continuation lines (a flood). */
export function startFloodServer(options: RawServerOptions = {}): Promise<LabSmtpServer> {
  return startRawServer(options, (socket) => {
    socket.write('220 flood.test ESMTP\r\n');
    readLines(socket, (line) => {
      if (!/^EHLO/i.test(line)) return;
      const chunk = `250-${'Y'.repeat(500)}\r\n`.repeat(64);
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk));
        if (!socket.destroyed) socket.once('drain', pump);
      };
      pump();
    });
  });
}

/** What a scripted server does once the client sent STARTTLS and got a 220. */
export type AfterStarttls =
  /** Complete the handshake and go on as a normal server. */
  | 'tls'
  /** Close the connection as soon as the ClientHello arrives. */
  | 'drop-during-handshake'
  /** Complete the handshake, then close without a word. */
  | 'drop-after-handshake'
  /** Never start TLS: answer the ClientHello with a plain-text SMTP error. */
  | 'plaintext';

export interface ScriptedServerOptions extends RawServerOptions {
  /** Greeting lines; several make a multi-line reply. Default one 220 line. */
  readonly greeting?: readonly string[];
  /** Send the greeting one byte at a time with this delay (ms). */
  readonly greetingDripMs?: number;
  /** EHLO extensions; include 'STARTTLS' to offer it. */
  readonly capabilities?: readonly string[];
  /** Reply to STARTTLS; default '220 2.0.0 Ready to start TLS'. */
  readonly starttlsReply?: string;
  readonly afterStarttls?: AfterStarttls;
  /** Server certificate; required when STARTTLS can be accepted. */
  readonly cert?: IssuedCert;
  readonly tlsMinVersion?: SecureVersion;
  readonly tlsMaxVersion?: SecureVersion;
  /** OpenSSL cipher string; 'DEFAULT@SECLEVEL=0' is needed to serve TLS 1.0/1.1 with OpenSSL 3. */
  readonly ciphers?: string;
}

/** A hand-written SMTP server: each option bends one part of the dialogue. */
export function startScriptedServer(options: ScriptedServerOptions = {}): Promise<LabSmtpServer> {
  const greeting = options.greeting ?? ['220 scripted.test ESMTP lab'];
  const capabilities = options.capabilities ?? ['PIPELINING', 'SIZE 10240000', 'STARTTLS', '8BITMIME'];
  const after = options.afterStarttls ?? 'tls';
  const secureContext =
    options.cert === undefined
      ? undefined
      : createSecureContext({
          key: options.cert.keyPem,
          cert: [options.cert.certPem, ...options.cert.chainPem].join('\n'),
          ...(options.tlsMinVersion === undefined ? {} : { minVersion: options.tlsMinVersion }),
          ...(options.tlsMaxVersion === undefined ? {} : { maxVersion: options.tlsMaxVersion }),
          ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
        });
  const greetingText = greeting.map((line) => `${line}\r\n`).join('');

  const converse = (socket: Socket, secure: boolean): void => {
    const respond = (line: string): void => {
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      if (verb === 'EHLO') {
        const extensions = secure ? capabilities.filter((c) => c !== 'STARTTLS') : capabilities;
        const lines = ['scripted.test greets you', ...extensions];
        socket.write(lines.map((text, i) => `250${i === lines.length - 1 ? ' ' : '-'}${text}\r\n`).join(''));
      } else if (verb === 'QUIT') {
        socket.end('221 2.0.0 Bye\r\n');
      } else if (verb === 'STARTTLS' && !secure) {
        const reply = options.starttlsReply ?? '220 2.0.0 Ready to start TLS';
        if (!reply.startsWith('220')) {
          socket.write(`${reply}\r\n`);
          return;
        }
        socket.removeAllListeners('data');
        socket.write(`${reply}\r\n`, () => {
          upgrade(socket);
        });
      } else {
        socket.write('502 5.5.2 Command not recognised\r\n');
      }
    };
    readLines(socket, respond);
  };

  const upgrade = (socket: Socket): void => {
    if (after === 'drop-during-handshake') {
      socket.once('data', () => {
        socket.destroy();
      });
      return;
    }
    if (after === 'plaintext') {
      socket.once('data', () => {
        socket.end('500 5.5.1 Command unrecognized\r\n');
      });
      return;
    }
    if (secureContext === undefined) throw new Error('startScriptedServer: STARTTLS accepted but no cert given');
    const secure = new TLSSocket(socket, { isServer: true, secureContext });
    secure.on('error', () => undefined);
    secure.once('secure', () => {
      if (after === 'drop-after-handshake') secure.destroy();
      else converse(secure, true);
    });
  };

  return startRawServer(options, (socket, track) => {
    if (options.greetingDripMs === undefined) {
      socket.write(greetingText);
      converse(socket, false);
    } else {
      drip(socket, greetingText, options.greetingDripMs, track, () => {
        converse(socket, false);
      });
    }
  });
}

export interface GoodServerOptions extends RawServerOptions {
  readonly cert: IssuedCert;
  /** The name in the greeting; default the certificate's host. */
  readonly name?: string;
}

/** A well-behaved ESMTP server (the smtp-server package) offering STARTTLS with the given certificate. */
export async function startGoodSmtpServer(options: GoodServerOptions): Promise<LabSmtpServer> {
  const host = options.host ?? SMTP_LAB_HOST;
  const server = new SMTPServer({
    name: options.name ?? 'mail.contoso.test',
    banner: 'lab ESMTP ready',
    key: options.cert.keyPem,
    cert: [options.cert.certPem, ...options.cert.chainPem].join('\n'),
    disabledCommands: ['AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the lab server has no TCP address');
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** An address and port where nothing listens: connecting is refused at once. */
export async function closedPort(host: string = SMTP_LAB_HOST): Promise<{ readonly host: string; readonly port: number }> {
  const server = await startRawServer({ host }, () => undefined);
  await server.close();
  return { host, port: server.port };
}
