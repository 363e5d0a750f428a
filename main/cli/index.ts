/**
 * `mailflow`: the core driven from a terminal. Usage and exit codes are a contract (docs/cli.md):
 * 0 nothing failed, 1 a check failed or errored, 2 bad usage or bad input (one line on stderr).
 */
import { UsageError, type CliIo, type CommandEntry } from './command.js';
import { commands } from './commands.js';

export function usage(list: readonly CommandEntry[]): string {
  const width = Math.max(...list.map((command) => command.name.length));
  return [
    'Usage: mailflow <command> [options]',
    '',
    'Checks and prepares Office 365 connectors with your own mail server.',
    '',
    'Commands:',
    ...list.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s help: mailflow <command> --help',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 nothing failed, 1 a check failed or errored, 2 bad usage or bad input.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo, version: string, list: readonly CommandEntry[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return runCli([rest[0], '--help'], io, version, list);
    io.stdout.write(usage(list));
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const entry = list.find((candidate) => candidate.name === first);
  try {
    if (entry === undefined) {
      throw new UsageError(
        first.startsWith('-') ? `unknown option ${first} (see mailflow --help)` : `unknown command "${first}" (see mailflow --help)`,
      );
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`mailflow: ${error.message.split('\n')[0] ?? ''}\n`);
      return 2;
    }
    throw error;
  }
}
