/** Every CLI command, in the order `mailflow --help` lists them. */
import type { CliCommand } from './command.js';

export const commands: readonly CliCommand[] = [];
