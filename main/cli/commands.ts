/** Every CLI command, in the order `mailflow --help` lists them. */
import type { CliCommand } from './command.js';
import { command as headers } from './commands/headers.js';
import { command as ndr } from './commands/ndr.js';
import { command as preflight } from './commands/preflight.js';
import { command as cert } from './commands/cert.js';
import { command as scripts } from './commands/scripts.js';
import { command as ranges } from './commands/ranges.js';

export const commands: readonly CliCommand[] = [preflight, cert, scripts, ranges, headers, ndr];
