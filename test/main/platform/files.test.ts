/** The one reader and writer for files a person names: real FIFOs, symlinks, devices and folders. */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertWritablePath, FileWriteError, InputReadError, readInput, writeFileAtomically } from '../../../main/platform/files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fifo = (name: string): string => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};

describe('writeFileAtomically', () => {
  it('creates a new file and replaces a regular one whole, leaving no temporary file', async () => {
    const path = join(dir, 'report.html');
    await writeFileAtomically(path, 'first');
    expect(readFileSync(path, 'utf8')).toBe('first');
    await writeFileAtomically(path, 'second', { mode: 0o755 });
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('refuses a FIFO, a symlink, a folder and a missing folder, and leaves them as they were', async () => {
    const pipe = fifo('pipe');
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'keep me');
    const link = join(dir, 'link');
    symlinkSync(target, link);
    mkdirSync(join(dir, 'folder'));

    await expect(writeFileAtomically(pipe, 'x')).rejects.toThrow(new FileWriteError(`cannot write ${pipe}: it is a named pipe (FIFO); only a regular file or a new path is written`));
    await expect(writeFileAtomically(link, 'x')).rejects.toThrow(/: it is a symbolic link; only a regular file or a new path is written$/);
    await expect(writeFileAtomically(join(dir, 'folder'), 'x')).rejects.toThrow(/: it is a folder; /);
    await expect(writeFileAtomically(join(dir, 'missing', 'r.html'), 'x')).rejects.toThrow(/: the folder does not exist$/);

    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['folder', 'link', 'pipe', 'target.txt']);
  });

  it('refuses /dev/null, even as root, and leaves it a device', async () => {
    const before = lstatSync('/dev/null');
    await expect(writeFileAtomically('/dev/null', 'x')).rejects.toThrow('cannot write /dev/null: it is a device; only a regular file or a new path is written');
    await expect(assertWritablePath('/dev/null')).rejects.toThrow(FileWriteError);
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });
});

describe('readInput', () => {
  const read = (path: string, maxBytes = 1000, stdin: Readable = Readable.from([])) => readInput({ path, label: path, maxBytes, stdin });

  it('reads a regular file and standard input up to the cap', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect((await read(join(dir, 'a.txt'))).toString()).toBe('hello');
    expect((await read('-', 10, Readable.from([Buffer.from('from stdin')]))).toString()).toBe('from stdin');
  });

  it('refuses a file or standard input over the cap while reading', async () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2_000));
    await expect(read(join(dir, 'big.txt'))).rejects.toThrow(new InputReadError(`${join(dir, 'big.txt')} is larger than 1,000 bytes`));
    // An endless standard input stops at the cap instead of filling memory.
    const endless = new Readable({ read() { this.push(Buffer.alloc(64 * 1024)); } });
    await expect(read('-', 1_000_000, endless)).rejects.toThrow('standard input is larger than 1 MB');
  });

  it('refuses a FIFO, a character device and a folder without waiting on them', async () => {
    const pipe = fifo('in');
    await expect(read(pipe)).rejects.toThrow(`cannot read ${pipe}: is a named pipe (FIFO), not a regular file (use - to read standard input)`);
    await expect(read('/dev/zero')).rejects.toThrow('cannot read /dev/zero: is a device, not a regular file (use - to read standard input)');
    await expect(read(dir)).rejects.toThrow(`cannot read ${dir}: is a folder, not a regular file`);
    await expect(read(join(dir, 'absent'))).rejects.toThrow(`cannot read ${join(dir, 'absent')}: no such file`);
  });
});
