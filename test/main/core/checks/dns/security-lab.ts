/**
 * The lab zone of the mail security checks (dns.dane, dns.blocklist), served by a real loopback DNS
 * server on 127.0.3.67: TLSA records of on-premises and Office 365 MX hosts, and DNSBL zones
 * answering as Spamhaus, SpamCop, Barracuda and PSBL do. Only DNS is asked: nothing connects to the
 * documentation addresses (203.0.113.0/24, public by address-scope) the smart hosts resolve to.
 */
import type { RecordSpec, Zone } from '../../../../lab/dns-server.js';
import { useDnsLab, type DnsLab } from './lab.js';

const a = (value: string): RecordSpec => ({ type: 'A', value });
const mx = (priority: number, exchange: string): RecordSpec => ({ type: 'MX', priority, exchange });
const tlsa = (usage: number, selector: number, matchingType: number, data: string): RecordSpec => ({ type: 'TLSA', usage, selector, matchingType, data });

export const SHA256 = '8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1';
export const SHA512 = `${SHA256}${SHA256}`;
export const MS_HOST = 'dane-ms-test.e-v1.mx.microsoft';

export const securityZone: Zone = {
  // dns.dane
  'dane-onprem.test': [mx(10, 'mail.dane-onprem.test')],
  'mail.dane-onprem.test': [a('203.0.113.30')],
  '_25._tcp.mail.dane-onprem.test': [tlsa(3, 1, 1, SHA256)],
  'dane-bad.test': [mx(10, 'mail.dane-bad.test')],
  '_25._tcp.mail.dane-bad.test': [tlsa(3, 1, 1, SHA256.slice(0, 62)), tlsa(4, 1, 2, SHA512)],
  'dane-pkix.test': [mx(10, 'mail.dane-pkix.test')],
  '_25._tcp.mail.dane-pkix.test': [tlsa(1, 1, 1, SHA256)],
  'dane-ms.test': [mx(0, MS_HOST)],
  [`_25._tcp.${MS_HOST}`]: [tlsa(3, 1, 1, SHA256), tlsa(2, 1, 1, SHA256)],
  'dane-ms-off.test': [mx(0, 'dane-ms-off-test.b-v1.mx.microsoft')],
  'dane-classic.test': [mx(0, 'dane-classic-test.mail.protection.outlook.com')],
  'dane-none.test': [mx(10, 'mail.dane-none.test')],
  'dane-servfail.test': [mx(10, 'mail.dane-servfail.test')],
  '_25._tcp.mail.dane-servfail.test': 'SERVFAIL',
  'dane-nomx.test': [{ type: 'TXT', value: 'v=spf1 -all' }],
  'dane-mixed.test': [mx(0, MS_HOST), mx(10, 'mail.dane-onprem.test')],
  'dane-alias.test': [mx(10, 'mail.dane-alias.test')],
  '_25._tcp.mail.dane-alias.test': [{ type: 'CNAME', value: '_dane.tlsa-provider.test' }],
  '_dane.tlsa-provider.test': [tlsa(3, 1, 1, SHA256)],

  // dns.blocklist: the smart hosts
  'clean.bl.test': [a('203.0.113.20')],
  'listed.bl.test': [a('203.0.113.21')],
  'refused.bl.test': [a('203.0.113.22')],
  'servfail.bl.test': [a('203.0.113.23')],
  'hijacked.bl.test': [a('203.0.113.24')],
  'private.bl.test': [a('10.0.0.5'), { type: 'AAAA', value: '2001:db8::25' }],
  'mixed.bl.test': [a('192.168.1.5'), a('203.0.113.20')],
  // ... and what the lists answer for them
  '21.113.0.203.zen.spamhaus.org': [a('127.0.0.2'), a('127.0.0.4'), { type: 'TXT', value: 'https://check.spamhaus.org/sbl/query/SBL123' }],
  '21.113.0.203.bl.spamcop.net': [a('127.0.0.2')],
  '22.113.0.203.zen.spamhaus.org': [a('127.255.255.254')],
  '23.113.0.203.b.barracudacentral.org': 'SERVFAIL',
  '24.113.0.203.psbl.surriel.com': [a('198.51.100.1')],
};

export const SIGNED_NAMES: readonly string[] = ['_25._tcp.mail.dane-onprem.test', `_25._tcp.${MS_HOST}`];

/** Starts the security lab DNS server for the enclosing describe block. */
export const useSecurityDnsLab = (): DnsLab => useDnsLab({ address: '127.0.3.67', zone: securityZone, signedNames: SIGNED_NAMES });
