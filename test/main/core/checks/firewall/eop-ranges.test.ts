import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREWALL_CHECK_ID, createFirewallCheck } from '../../../../../main/core/checks/firewall/eop-ranges.js';
import { runChecks } from '../../../../../main/core/checks/runner.js';
import type { CheckResult, PreflightInputs } from '../../../../../main/core/checks/types.js';
import type { Clock, DnsResolver, SocketConnector } from '../../../../../main/core/ports/index.js';
import { fileEndpointsCacheStore } from '../../../../../main/core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf } from '../../../../../main/core/eop/endpoints-client.js';
import { bundledRanges } from '../../../../../main/core/eop/ranges.js';

const inputs: PreflightInputs = {
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  smtpPort: 25,
  dnsServer: null,
  extraCaPem: [],
  tenantMx: null,
  firewallAllow: null,
  timeoutMs: 500,
};
const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('the firewall check uses no network')) });
/** Ten days after the bundled snapshot was taken, so it is not stale unless a test says so. */
const freshClock: Clock = { now: () => Date.parse('2023-08-10T00:00:00Z'), monotonic: () => performance.now() };

async function run(
  firewallAllow: readonly string[] | null,
  clock: Clock = freshClock,
  check = createFirewallCheck(() => Promise.resolve(bundledRanges())),
): Promise<CheckResult> {
  const [result] = await runChecks([check], {
    inputs: { ...inputs, firewallAllow },
    resolver: unused as DnsResolver,
    connector: unused as SocketConnector,
    clock,
  });
  if (result === undefined) throw new Error('no result');
  return result;
}

const eop = ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'];

describe('firewall.eop-ranges', () => {
  it('is a prerequisite check with the stable id and no dependencies', () => {
    expect(createFirewallCheck(() => Promise.resolve(bundledRanges()))).toMatchObject({ id: FIREWALL_CHECK_ID, step: 'prerequisites', perDomain: false, dependsOn: [] });
    expect(FIREWALL_CHECK_ID).toBe('firewall.eop-ranges');
  });

  it('skips without an allow list and names the allow list setting', async () => {
    const result = await run(null);
    expect(result.status).toBe('skip');
    expect(result.advice?.fixes).toEqual([{ kind: 'setting', setting: 'firewallAllow' }]);
  });

  it('passes when every range is covered', async () => {
    const result = await run(['40.92.0.0/16', '40.93.0.0/16', '40.107.0.0/16', '52.0.0.0/8', '104.47.0.0/17', '2a01:111:f400::/46']);
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('all 6 EOP ranges');
    expect(result.evidence).toMatchObject({ endpointsVersion: '2023073100', origin: 'bundled', eopRanges: eop, allowEntries: 6, uncovered: [], notes: [] });
    expect(result.advice).toBeUndefined();
  });

  it('fails listing the uncovered ranges and naming the firewall rules action', async () => {
    const result = await run(['40.92.0.0/16', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48']);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('2 of 6 EOP ranges are not fully allowed: 40.92.0.0/15, 2a01:111:f403::/48.');
    expect(result.evidence.uncovered).toEqual([
      { range: '40.92.0.0/15', missing: ['40.93.0.0/16'] },
      { range: '2a01:111:f403::/48', missing: ['2a01:111:f403::/48'] },
    ]);
    expect(result.advice?.text).toContain('40.93.0.0/16, 2a01:111:f403::/48');
    expect(result.advice?.text).toContain('iptables, nftables or Windows Firewall');
    expect(result.advice?.fixes).toEqual([{ kind: 'action', action: 'firewall-rules' }]);
  });

  it('reports a bad entry instead of guessing', async () => {
    const result = await run(['40.92.0.0/15', 'mail.contoso.test']);
    expect(result.status).toBe('error');
    expect(result.summary).toContain('Entry 2');
    expect(result.evidence.badEntry).toBe('mail.contoso.test');
  });

  it('passes but names the refresh action when the ranges are older than 60 days', async () => {
    const later: Clock = { ...freshClock, now: () => Date.parse('2026-11-27T00:00:00Z') };
    const result = await run(eop, later);
    expect(result.status).toBe('pass');
    expect(result.advice?.text).toContain('Refresh them while online');
    expect(result.advice?.fixes).toEqual([{ kind: 'action', action: 'refresh-ranges' }]);
    expect(result.evidence.notes).toHaveLength(1);
  });

  it('reads the ranges the caller injects: an empty offline cache falls back to the bundled snapshot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-firewall-check-'));
    try {
      const offline = createFirewallCheck(() => Promise.resolve(rangesOf(loadEndpointsOffline(fileEndpointsCacheStore(dataDir)))));
      const result = await run(eop, freshClock, offline);
      expect(result.status).toBe('pass');
      expect(result.evidence).toMatchObject({ origin: 'bundled', endpointsVersion: '2023073100' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
