import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { networkStatusFrom } from '../../../../main/core/network/status.js';

const info = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

describe('networkStatusFrom', () => {
  it('is offline with only loopback and link-local addresses', () => {
    const status = networkStatusFrom({ lo: [info('127.0.0.1', 'IPv4', true)], eth0: [info('fe80::1', 'IPv6'), info('169.254.3.4', 'IPv4')] });
    expect(status.online).toBe(false);
    expect(status.detail).toMatch(/No network connection/);
  });

  it('is online with a routable interface, naming it', () => {
    const status = networkStatusFrom({ lo: [info('127.0.0.1', 'IPv4', true)], wlan0: [info('192.0.2.10', 'IPv4')] });
    expect(status).toEqual({ online: true, detail: 'Connected through wlan0.' });
  });
});
