import { describe, expect, it } from 'vitest';
import { offlineForRun } from '../../../preload/vocabulary/offline.js';

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
