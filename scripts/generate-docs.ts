/** Writes docs/checks.md from the check registry; a test fails when the committed file is out of date. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksMarkdown } from '../main/cli/commands/checks.js';
import { describeChecks } from '../main/core/checks/registry.js';

const target = join(import.meta.dirname, '..', 'docs', 'checks.md');
writeFileSync(target, checksMarkdown(describeChecks()));
process.stdout.write(`wrote ${target}\n`);
