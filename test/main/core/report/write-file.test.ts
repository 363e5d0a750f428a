import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertReportPath, ReportWriteError, writeReportFile } from '../../../../main/core/report/write-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-report-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeReportFile', () => {
  it('writes the report and replaces an older one whole, leaving no temporary file', async () => {
    const path = join(dir, 'report.html');
    writeFileSync(path, 'older report');
    await writeReportFile(path, '<!doctype html><title>new</title>\n');
    expect(readFileSync(path, 'utf8')).toBe('<!doctype html><title>new</title>\n');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('fails with a reason a person can act on, and cleans up after itself', async () => {
    mkdirSync(join(dir, 'taken'));
    await expect(writeReportFile(join(dir, 'missing', 'report.html'), 'x')).rejects.toThrow(
      new ReportWriteError(`cannot write the report to ${join(dir, 'missing', 'report.html')}: the folder does not exist`),
    );
    await expect(writeReportFile(join(dir, 'taken'), 'x')).rejects.toThrow(/: it is a folder$/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('assertReportPath', () => {
  it('accepts a new or existing file in an existing folder', async () => {
    writeFileSync(join(dir, 'old.html'), 'x');
    await expect(assertReportPath(join(dir, 'new.html'))).resolves.toBeUndefined();
    await expect(assertReportPath(join(dir, 'old.html'))).resolves.toBeUndefined();
  });

  it('refuses a missing folder, a file as the folder, and a folder as the file', async () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    mkdirSync(join(dir, 'a-folder'));
    await expect(assertReportPath(join(dir, 'missing', 'r.html'))).rejects.toThrow(/: the folder does not exist$/);
    await expect(assertReportPath(join(dir, 'plain-file', 'r.html'))).rejects.toThrow(/plain-file is not a folder$/);
    await expect(assertReportPath(join(dir, 'a-folder'))).rejects.toThrow(ReportWriteError);
  });
});
