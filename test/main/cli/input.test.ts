/**
 * Inputs named on the command line (`headers`, `ndr`, `cert`) go through one bounded reader:
 * endless or odd files are refused with exit 2 and one line, standard input is read with the cap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands.js';
import { runCli } from '../../../main/cli/index.js';
import { LIMITS } from '../../../preload/vocabulary/limits.js';
import { memoryIo } from '../../lab/cli-io.js';

const cwd = mkdtempSync(join(tmpdir(), 'mailflow-cli-input-'));
execFileSync('mkfifo', [join(cwd, 'pipe')]);
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

async function mailflow(args: readonly string[], stdin?: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, out, err } = memoryIo({ cwd, ...(stdin === undefined ? {} : { stdin }) });
  const code = await runCli(args, io, '0.0.0-test', commands);
  return { code, stdout: out(), stderr: err() };
}

describe('bounded command-line input', () => {
  it.each(['headers', 'ndr', 'cert'])('%s refuses a FIFO and /dev/zero at once, with exit 2 and one line', async (name) => {
    for (const [path, kind] of [
      ['pipe', 'a named pipe \\(FIFO\\)'],
      ['/dev/zero', 'a device'],
    ] as const) {
      const run = await mailflow([name, path]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^mailflow: ${name}: cannot read ${path}: is ${kind}, not a regular file \\(use - to read standard input\\)\\n$`));
    }
  });

  it('refuses a file over the cap without reading it all', async () => {
    writeFileSync(join(cwd, 'huge.eml'), Buffer.alloc(LIMITS.inputFileBytes + 1, 0x41));
    const run = await mailflow(['headers', 'huge.eml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mailflow: headers: huge.eml is larger than 4 MB\n');
    writeFileSync(join(cwd, 'huge.pem'), Buffer.alloc(LIMITS.certificateFileBytes + 1, 0x41));
    expect((await mailflow(['cert', 'huge.pem'])).stderr).toBe('mailflow: cert: huge.pem is larger than 1 MB\n');
  });

  it('reads standard input with the same cap', async () => {
    const run = await mailflow(['ndr', '-'], Buffer.alloc(LIMITS.inputFileBytes + 1, 0x41));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mailflow: ndr: standard input is larger than 4 MB\n');
  });

  it('says "no headers found" with exit 2 for input without headers', async () => {
    const run = await mailflow(['headers', '-'], Buffer.from('just a line of text, no header field in it\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mailflow: headers: .*no .*header/i);
  });
});
