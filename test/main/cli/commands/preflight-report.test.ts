/**
 * `mailflow preflight --report FILE.html`, in-process against loopback only: the smart host is
 * 127.0.0.140 on a closed port and every DNS lookup goes to a closed port on the same address, so
 * each check ends at once and nothing leaves the machine.
 */
import { createSocket } from 'node:dgram';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../../package.json' with { type: 'json' };
import { command } from '../../../../main/cli/commands/preflight.js';
import { runCli } from '../../../../main/cli/index.js';
import { asEntry } from '../../../lab/cli-entry.js';
import { memoryIo } from '../../../lab/cli-io.js';

const LAB_ADDRESS = '127.0.0.140';
let cwd: string;
let closedDnsPort: number;

/** A UDP port on the lab address that was free a moment ago and is closed now. */
function closedUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, LAB_ADDRESS, () => {
      const { port } = socket.address();
      socket.close(() => {
        resolve(port);
      });
    });
  });
}

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'mailflow-report-'));
  closedDnsPort = await closedUdpPort();
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function preflight(...args: string[]): Promise<Run> {
  const { io, out, err } = memoryIo({ cwd });
  const code = await runCli(['preflight', ...args], io, '0.0.0-test', [asEntry(command)]);
  return { code, stdout: out(), stderr: err() };
}

const labArgs = (smartHost: string): string[] => [
  '--domain',
  'contoso.test',
  '--smart-host',
  smartHost,
  '--smtp-port',
  '1',
  '--dns',
  `${LAB_ADDRESS}:${closedDnsPort}`,
  '--timeout-ms',
  '1500',
];

function section(html: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (match === null) throw new Error(`no section ${id}`);
  return match[1] ?? '';
}

describe('mailflow preflight --report', () => {
  it('writes a self-contained report of the run, and still prints the table', async () => {
    const run = await preflight(...labArgs(LAB_ADDRESS), '--report', 'handover.html');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\d+ passed, \d+ warnings, \d+ failed, \d+ errors, \d+ skipped in /);
    expect(run.stdout).not.toContain('handover');
    expect(readdirSync(cwd)).toEqual(['handover.html']);

    const html = readFileSync(join(cwd, 'handover.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|url\(/i);
    for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^#/);
    expect(html).toContain('<h1>contoso.test</h1>');
    expect(html).toContain(`mailflow preflight, version ${packageJson.version}`);

    const results = section(html, 'results');
    expect(results).toMatch(/<span class="label label-fail">FAIL<\/span><h4>[^<]+<\/h4><code>smtp\.connect<\/code><span>127\.0\.0\.140<\/span>/);
    expect(results).toContain('<code>dns.mx</code><span>contoso.test</span>');
    expect(section(html, 'open-items')).toContain('<code>smtp.connect</code>');
    expect(section(html, 'answers')).toContain(`<dt>DNS server</dt><dd>${LAB_ADDRESS}:${closedDnsPort}</dd>`);
    // An IP address gives the scripts no certificate name to default to: the report says which answer is missing.
    expect(section(html, 'scripts')).toContain('<td>Certificate name</td>');
  });

  it('includes the scripts when the options allow generating them with the defaults, and keeps --json unchanged', async () => {
    const run = await preflight(...labArgs('mail.contoso.test'), '--json', '--report', 'with-scripts.html');
    const document = JSON.parse(run.stdout) as { version: number; inputs: Record<string, unknown>; results: { id: string }[] };
    expect(Object.keys(document)).toEqual(['version', 'startedAt', 'durationMs', 'inputs', 'results']);
    expect(Object.keys(document.inputs)).not.toContain('report');

    const scripts = section(readFileSync(join(cwd, 'with-scripts.html'), 'utf8'), 'scripts');
    expect(scripts).toContain('<code>exchange-online.ps1</code>');
    expect(scripts).toContain('<code>exchange-server.ps1</code>');
    expect(scripts).toContain('contoso-test.mail.protection.outlook.com');
  });

  it('stops with exit 2 and one line before running anything when the report cannot be written', async () => {
    mkdirSync(join(cwd, 'a-folder'));
    execFileSync('mkfifo', [join(cwd, 'a-pipe')]);
    symlinkSync(join(cwd, 'elsewhere.html'), join(cwd, 'a-link.html'));
    const devNull = lstatSync('/dev/null');
    for (const target of [join('missing', 'report.html'), 'a-folder', 'a-pipe', 'a-link.html', '/dev/null']) {
      const started = performance.now();
      const run = await preflight(...labArgs(LAB_ADDRESS), '--report', target);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^mailflow: --report: cannot write .+: (the folder does not exist|it is (a folder|a named pipe \(FIFO\)|a symbolic link|a device); only a regular file or a new path is written)\n$/,
      );
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // Nothing was replaced: the pipe is still a pipe, the link still dangles, /dev/null is still the device.
    expect(lstatSync(join(cwd, 'a-pipe')).isFIFO()).toBe(true);
    expect(lstatSync(join(cwd, 'a-link.html')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(cwd, 'elsewhere.html'))).toBe(false);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync('/dev/null').rdev).toBe(devNull.rdev);
  });

  it('lists --report in its help', async () => {
    const run = await preflight('--help');
    expect(run.stdout).toContain('--report FILE.html');
  });
});
