import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.js';
import { UsageError, type CliCommand, type CommandEntry } from '../../../main/cli/command.js';
import { memoryIo } from '../../lab/cli-io.js';

const echoCommand: CliCommand = {
  name: 'echo',
  usage: 'Usage: mailflow echo WORDS',
  run(args, cliIo) {
    if (args.includes('--bad')) throw new UsageError('--bad is not an option of echo\nsecond line never shown');
    cliIo.stdout.write(`${args.join(' ')}\n`);
    return Promise.resolve(0);
  },
};
const echo: CommandEntry = { name: 'echo', summary: 'says what it was given', load: () => Promise.resolve(echoCommand) };

describe('mailflow entry', () => {
  it('prints usage with every command on --help and exits 0', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['--help'], io, '1.2.3', [echo])).toBe(0);
    expect(out()).toContain('Usage: mailflow <command> [options]');
    expect(out()).toMatch(/echo\s+says what it was given/);
  });

  it('prints usage and exits 2 without a command', async () => {
    const { io, out } = memoryIo();
    expect(await runCli([], io, '1.2.3', [echo])).toBe(2);
    expect(out()).toContain('Usage: mailflow');
  });

  it('gives one line on stderr and exit 2 for an unknown command or option', async () => {
    const unknownCommand = memoryIo();
    expect(await runCli(['frobnicate'], unknownCommand.io, '1.2.3', [echo])).toBe(2);
    expect(unknownCommand.err()).toBe('mailflow: unknown command "frobnicate" (see mailflow --help)\n');
    const unknownOption = memoryIo();
    expect(await runCli(['--frob'], unknownOption.io, '1.2.3', [echo])).toBe(2);
    expect(unknownOption.err()).toBe('mailflow: unknown option --frob (see mailflow --help)\n');
    const commandUsage = memoryIo();
    expect(await runCli(['echo', '--bad'], commandUsage.io, '1.2.3', [echo])).toBe(2);
    expect(commandUsage.err()).toBe('mailflow: --bad is not an option of echo\n');
  });

  it('shows a command’s own help, and the version', async () => {
    const help = memoryIo();
    expect(await runCli(['echo', '--help'], help.io, '1.2.3', [echo])).toBe(0);
    expect(help.out()).toBe('Usage: mailflow echo WORDS\n');
    const helpCommand = memoryIo();
    expect(await runCli(['help', 'echo'], helpCommand.io, '1.2.3', [echo])).toBe(0);
    expect(helpCommand.out()).toBe('Usage: mailflow echo WORDS\n');
    const version = memoryIo();
    expect(await runCli(['--version'], version.io, '1.2.3', [echo])).toBe(0);
    expect(version.out()).toBe('1.2.3\n');
  });

  it('works as a process through npm run mailflow', () => {
    const help = spawnSync('npm', ['run', '--silent', 'mailflow', '--', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/preflight\s/);
    const bad = spawnSync('npm', ['run', '--silent', 'mailflow', '--', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['mailflow: unknown command "nope" (see mailflow --help)']);
  });
});
