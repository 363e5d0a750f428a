import type { CliCommand, CommandEntry } from '../../main/cli/command.js';

/** A command module as the CLI's command list holds it, so a test can run it through runCli. */
export function asEntry(command: CliCommand): CommandEntry {
  return { name: command.name, summary: `the ${command.name} command`, load: () => Promise.resolve(command) };
}
