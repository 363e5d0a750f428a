import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firewallRules, refreshRanges } from '../../../main/app/firewall.js';
import { fileEndpointsCacheStore } from '../../../main/core/eop/endpoints-cache.js';

const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-app-firewall-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
const endpointsCache = fileEndpointsCacheStore(dataDir);

describe('firewall rules', () => {
  it('come from the bundled ranges without a network, with the version they are from', () => {
    const rules = firewallRules({ endpointsCache, clock: { now: () => Date.parse('2026-01-01T00:00:00Z'), monotonic: () => 0 } }, 'nftables');
    expect(rules.format).toBe('nftables');
    expect(rules.origin).toBe('bundled');
    expect(rules.text).toContain('40.92.0.0/15');
    expect(rules.version).not.toBe('');
  });

  it('refresh says what it asked and keeps the bundled list when the service cannot be reached', async () => {
    const refreshed = await refreshRanges({
      endpointsCache,
      clock: { now: () => Date.parse('2026-01-01T00:00:00Z'), monotonic: () => 0 },
      fetch: () => Promise.reject(new Error('offline')),
    });
    expect(refreshed.contacted).toBe('version');
    expect(refreshed.notes.join(' ')).toMatch(/offline|could not/i);
  });
});
