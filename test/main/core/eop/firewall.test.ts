import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FIREWALL_FORMATS, formatFirewallRules, isFirewallFormat } from '../../../../main/core/eop/firewall.js';
import type { FirewallFormat } from '../../../../main/core/eop/firewall.js';
import { bundledRanges } from '../../../../main/core/eop/ranges.js';
import type { EopRanges } from '../../../../main/core/eop/ranges.js';

const run = promisify(execFile);
const fixtures = join(import.meta.dirname, '../../../fixtures/eop');
const golden: Record<FirewallFormat, string> = {
  cidr: 'bundled-ranges.txt',
  json: 'bundled-ranges.json',
  iptables: 'bundled-ranges.iptables.sh',
  nftables: 'bundled-ranges.nft',
  windows: 'bundled-ranges.ps1',
};
const scratch = mkdtempSync(join(tmpdir(), 'mailflow-eop-nft-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `nft -c -f` (check only, nothing is applied) on a script; resolves with nft's exit code and output. */
async function nftCheck(name: string, script: string): Promise<{ readonly code: number; readonly output: string }> {
  const file = join(scratch, name);
  writeFileSync(file, script);
  try {
    const { stdout, stderr } = await run('nft', ['-c', '-f', file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, output: failure.stderr ?? String(error) };
  }
}

const v4Only: EopRanges = { ...bundledRanges(), ipv6: [], source: 'test list\nwith a line break' };

describe('formatFirewallRules', () => {
  it.each(FIREWALL_FORMATS)('matches the golden file for %s', (format) => {
    expect(formatFirewallRules(bundledRanges(), format)).toBe(readFileSync(join(fixtures, golden[format]), 'utf8'));
  });

  it('lists one range per line after the version header in cidr format', () => {
    const lines = formatFirewallRules(bundledRanges(), 'cidr').trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('#')).join('\n')).toContain('version 2023073100, taken 2023-07-31');
    expect(lines.filter((line) => !line.startsWith('#'))).toEqual([
      '40.92.0.0/15',
      '40.107.0.0/16',
      '52.100.0.0/14',
      '104.47.0.0/17',
      '2a01:111:f400::/48',
      '2a01:111:f403::/48',
    ]);
  });

  it('carries the version and date as fields in json format', () => {
    const document = JSON.parse(formatFirewallRules(bundledRanges(), 'json')) as Record<string, unknown>;
    expect(document).toMatchObject({ version: '2023073100', takenAt: '2023-07-31', port: 25, protocol: 'tcp', endpointSetIds: [10] });
  });

  it('writes an iptables rule per IPv4 range and an ip6tables rule per IPv6 range', () => {
    const rules = formatFirewallRules(bundledRanges(), 'iptables').split('\n');
    expect(rules.filter((line) => line.startsWith('iptables -A INPUT -p tcp --dport 25 -s '))).toHaveLength(4);
    expect(rules.filter((line) => line.startsWith('ip6tables -A INPUT -p tcp --dport 25 -s '))).toHaveLength(2);
  });

  it('keeps a source with line breaks on its comment line', () => {
    const text = formatFirewallRules(v4Only, 'windows');
    expect(text).toContain('# Source: test list with a line break\n');
    expect(text).toContain("-LocalPort 25 -RemoteAddress @('40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17') -Action Allow");
  });
});

describe('nftables output', () => {
  it('is accepted by nft -c -f', async () => {
    const result = await nftCheck('bundled.nft', formatFirewallRules(bundledRanges(), 'nftables'));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('is accepted with an empty IPv6 set and with overlapping ranges', async () => {
    const overlapping: EopRanges = { ...v4Only, ipv4: ['40.92.0.0/15', '40.92.0.0/16', '40.92.1.1'] };
    const [empty, merged] = await Promise.all([
      nftCheck('v4-only.nft', formatFirewallRules(v4Only, 'nftables')),
      nftCheck('overlap.nft', formatFirewallRules(overlapping, 'nftables')),
    ]);
    expect(empty).toEqual({ code: 0, output: '' });
    expect(merged).toEqual({ code: 0, output: '' });
  });

  it('is rejected by nft when broken, so the check above means something', async () => {
    const broken = formatFirewallRules(bundledRanges(), 'nftables').replace('type ipv4_addr', 'type ipv4_adr');
    expect((await nftCheck('broken.nft', broken)).code).not.toBe(0);
  });
});

describe('isFirewallFormat', () => {
  it('accepts the five formats and nothing else', () => {
    expect(FIREWALL_FORMATS.every(isFirewallFormat)).toBe(true);
    expect(isFirewallFormat('pf')).toBe(false);
    expect(isFirewallFormat('CIDR')).toBe(false);
  });
});
