/**
 * A CLI command: parses its own arguments (after the command name) and runs. Exit codes follow
 * docs/cli.md: 0 nothing failed, 1 a check failed or errored, 2 bad usage or bad input.
 */
import { networkInterfaces } from 'node:os';
import { networkStatusFrom, type NetworkStatusReading } from '../core/network/status.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Whether this computer is online; default: read from its network interfaces (networkStatusFrom). Tests choose. */
  readonly network?: () => NetworkStatusReading;
}

/** This computer's network status as the io gives it, else from its network interfaces. */
export const networkOf = (io: CliIo): NetworkStatusReading => (io.network ?? (() => networkStatusFrom(networkInterfaces())))();

export interface CliCommand {
  readonly name: string;
  /** Full usage text for `mailflow <command> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/**
 * A command as `mailflow --help` lists it; its module is loaded only when it runs, so the CLI
 * starts without loading every check, parser and certificate library.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list in `--help`. */
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/** Bad usage or bad input: the CLI prints `message` as one line on stderr and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
