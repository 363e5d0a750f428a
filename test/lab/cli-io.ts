import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../main/cli/command.js';

export interface MemoryIoOptions {
  /** What the command reads from stdin; without it stdin is empty and already ended. */
  readonly stdin?: string | Buffer;
  /** The environment the command sees; `{}` by default, never `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** The working directory files are resolved against; `process.cwd()` by default. */
  readonly cwd?: string;
  /** Sets `isTTY` on stdout (left unset by default, as for a pipe). */
  readonly stdoutIsTTY?: boolean;
  /** Sets `isTTY` on stderr (left unset by default, as for a pipe). */
  readonly stderrIsTTY?: boolean;
}

export interface MemoryIo {
  readonly io: CliIo;
  /** Everything written to stdout so far, decoded as UTF-8. */
  readonly out: () => string;
  /** Everything written to stderr so far, decoded as UTF-8. */
  readonly err: () => string;
}

/** A stream that keeps every chunk written to it; writes complete synchronously. */
function sink(isTTY: boolean | undefined): { readonly stream: Writable & { isTTY?: boolean }; readonly text: () => string } {
  const chunks: Buffer[] = [];
  const stream: Writable & { isTTY?: boolean } = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  if (isTTY !== undefined) stream.isTTY = isTTY;
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * In-memory streams for running a CLI command in-process (`command.run(args, io)` or
 * `runCli(args, io, …)`): stdout and stderr are captured and read back with `out()` and
 * `err()`, stdin holds `options.stdin` (empty and ended without it), env is `{}` and cwd is
 * `process.cwd()` unless given.
 */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const stdout = sink(options.stdoutIsTTY);
  const stderr = sink(options.stderrIsTTY);
  const stdin = options.stdin === undefined ? Readable.from([]) : Readable.from([Buffer.from(options.stdin)], { objectMode: false });
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, stdin, env: options.env ?? {}, cwd: options.cwd ?? process.cwd() };
  return { io, out: stdout.text, err: stderr.text };
}
