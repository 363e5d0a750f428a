import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/cli/command.js';
import type { CliIo } from '../../../../main/cli/command.js';
import { command, createRangesCommand } from '../../../../main/cli/commands/ranges.js';
import { runCli } from '../../../../main/cli/index.js';
import { CACHE_FILE_NAME } from '../../../../main/core/eop/endpoints-cache.js';
import type { FetchFunction, FetchResponse } from '../../../../main/core/eop/endpoints-client.js';
import { asEntry } from '../../../lab/cli-entry.js';
import { memoryIo } from '../../../lab/cli-io.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/eop');
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly dataDir: string;
}

function capture(existingDataDir?: string): Captured {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'mailflow-ranges-'));
  directories.push(dataDir);
  const { io, out, err } = memoryIo({ env: { MAILFLOW_DATA_DIR: dataDir }, cwd: dataDir });
  return { io, stdout: out, stderr: err, dataDir };
}

/** A fetch that records every call and fails like a machine with no network. */
function offlineFetch(): { readonly fetch: FetchFunction; readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (url) => {
      calls.push(url);
      return Promise.reject(new TypeError('fetch failed: getaddrinfo ENOTFOUND endpoints.office.com'));
    },
  };
}

const reply = (body: unknown): FetchResponse => ({ status: 200, headers: { get: () => null }, text: () => Promise.resolve(JSON.stringify(body)) });
const clock = { now: () => Date.parse('2026-11-27T03:00:00Z') };

describe('mailflow ranges', () => {
  it('prints the bundled ranges as CIDR lines without touching the network', async () => {
    const network = offlineFetch();
    const out = capture();
    const code = await createRangesCommand({ fetch: network.fetch, clock }).run([], out.io);
    expect(code).toBe(0);
    expect(network.calls).toEqual([]);
    expect(out.stdout()).toBe(readFileSync(join(fixtures, 'bundled-ranges.txt'), 'utf8'));
    expect(out.stderr()).toMatch(/^note: The EOP ranges \(endpoints version 2023073100, 2023-07-31\) are \d+ days old/);
  });

  it.each([
    ['nftables', 'bundled-ranges.nft'],
    ['windows', 'bundled-ranges.ps1'],
    ['json', 'bundled-ranges.json'],
    ['iptables', 'bundled-ranges.iptables.sh'],
  ])('prints --format %s', async (format, file) => {
    const network = offlineFetch();
    const out = capture();
    expect(await createRangesCommand({ fetch: network.fetch, clock }).run(['--format', format], out.io)).toBe(0);
    expect(out.stdout()).toBe(readFileSync(join(fixtures, file), 'utf8'));
    expect(network.calls).toEqual([]);
  });

  it('with --refresh and no network falls back to the snapshot with a note on stderr', async () => {
    const network = offlineFetch();
    const out = capture();
    const code = await createRangesCommand({ fetch: network.fetch, clock }).run(['--refresh'], out.io);
    expect(code).toBe(0);
    expect(network.calls).toHaveLength(1);
    expect(network.calls[0]).toMatch(/^https:\/\/endpoints\.office\.com\/version\/Worldwide\?clientrequestid=[0-9a-f-]{36}$/);
    expect(out.stdout()).toBe(readFileSync(join(fixtures, 'bundled-ranges.txt'), 'utf8'));
    expect(out.stderr()).toContain('note: Could not refresh the EOP ranges:');
    expect(out.stderr()).toContain('Using the bundled snapshot (version 2023073100, 2023-07-31).');
  });

  it('with --refresh downloads a newer list into MAILFLOW_DATA_DIR, which later runs use offline', async () => {
    const calls: string[] = [];
    const online: FetchFunction = (url) => {
      calls.push(new URL(url).pathname);
      return Promise.resolve(
        url.includes('/version/')
          ? reply({ instance: 'Worldwide', latest: '2026110100' })
          : reply([
              {
                id: 10,
                serviceArea: 'Exchange',
                serviceAreaDisplayName: 'Exchange Online',
                urls: ['*.mail.protection.outlook.com'],
                ips: ['192.0.2.0/24', '2001:db8::/48'],
                tcpPorts: '25',
                category: 'Allow',
                expressRoute: true,
                required: true,
              },
            ]),
      );
    };
    const out = capture();
    expect(await createRangesCommand({ fetch: online, clock }).run(['--refresh'], out.io)).toBe(0);
    expect(calls).toEqual(['/version/Worldwide', '/endpoints/Worldwide']);
    expect(out.stdout()).toContain('endpoints version 2026110100, taken 2026-11-27');
    expect(out.stdout()).toMatch(/\n192\.0\.2\.0\/24\n2001:db8::\/48\n$/);
    expect(out.stderr()).toBe(`note: Downloaded endpoints version 2026110100; cached in ${join(out.dataDir, CACHE_FILE_NAME)}.\n`);

    const network = offlineFetch();
    const again = capture(out.dataDir);
    expect(await createRangesCommand({ fetch: network.fetch, clock }).run(['--format', 'cidr'], again.io)).toBe(0);
    expect(network.calls).toEqual([]);
    expect(again.stdout()).toBe(out.stdout());
    expect(again.stderr()).toBe('');
  });

  it('rejects bad usage with a UsageError (exit 2 through the CLI)', async () => {
    const network = offlineFetch();
    const ranges = createRangesCommand({ fetch: network.fetch, clock });
    const out = capture();
    await expect(ranges.run(['--format', 'pf'], out.io)).rejects.toThrow(UsageError);
    await expect(ranges.run(['--format', 'pf'], out.io)).rejects.toThrow('expected one of cidr, json, iptables, nftables, windows');
    await expect(ranges.run(['--bogus'], out.io)).rejects.toThrow(UsageError);
    await expect(ranges.run(['extra'], out.io)).rejects.toThrow(UsageError);
    await expect(ranges.run(['--format'], out.io)).rejects.toThrow(UsageError);

    expect(await runCli(['ranges', '--format', 'pf'], out.io, '0.0.0', [asEntry(ranges)])).toBe(2);
    expect(out.stderr()).toMatch(/^mailflow: ranges: unknown --format "pf"/m);
    expect(network.calls).toEqual([]);
  });

  it('is exported as `command` with its usage', () => {
    expect(command.name).toBe('ranges');
    expect(command.usage).toContain('--format cidr|json|iptables|nftables|windows');
    expect(command.usage).toContain('MAILFLOW_DATA_DIR');
  });
});
