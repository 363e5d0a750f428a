import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { networkStatusFrom, offlineForRun } from '../../../../main/core/network/status.js';

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

describe('offlineForRun', () => {
  const offline = { online: false, detail: 'No network connection.' };
  const online = { online: true, detail: 'Connected through eth0.' };
  const local = { address: '127.0.5.53', port: 5353 };

  it('is offline with only loopback when the lookups go to the system resolver or a server elsewhere', () => {
    expect(offlineForRun(offline, { dnsServer: null, smartHosts: ['mail.contoso.test'] })).toBe(true);
    expect(offlineForRun(offline, { dnsServer: { address: '192.0.2.53' }, smartHosts: ['mail.contoso.test'] })).toBe(true);
  });

  it('is not offline when the run stays on this computer: a loopback DNS server and no smart host outside loopback', () => {
    expect(offlineForRun(offline, { dnsServer: local, smartHosts: ['mail.contoso.test', '127.0.5.25', '::1'] })).toBe(false);
    expect(offlineForRun(offline, { dnsServer: local, smartHosts: ['mail.contoso.test', '192.0.2.25'] })).toBe(true);
  });

  it('is never offline with a usable interface', () => {
    expect(offlineForRun(online, { dnsServer: null, smartHosts: ['192.0.2.25'] })).toBe(false);
  });
});
