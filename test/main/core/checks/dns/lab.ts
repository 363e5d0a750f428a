/**
 * The lab DNS zone the dns.* check tests share (one loopback DNS server per test file), and a way
 * to run one check against it with a fresh context.
 */
import { afterAll, beforeAll } from 'vitest';
import type { CheckDefinition, CheckOutcome } from '../../../../../main/core/checks/types.js';
import { createResolver } from '../../../../../main/core/dns/node-resolver.js';
import { startDnsServer, type LabDnsServer, type RecordSpec, type Zone } from '../../../../lab/dns-server.js';
import { createCheckContext } from '../../../../lab/check-context.js';

const a = (value: string): RecordSpec => ({ type: 'A', value });
const mx = (priority: number, exchange: string): RecordSpec => ({ type: 'MX', priority, exchange });
const txt = (value: string | readonly string[]): RecordSpec => ({ type: 'TXT', value });
const cname = (value: string): RecordSpec => ({ type: 'CNAME', value });
const ptr = (value: string): RecordSpec => ({ type: 'PTR', value });

export const zone: Zone = {
  // Office 365 side, as the lab answers it.
  'spf.protection.outlook.com': [txt('v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:f400::/48 -all')],
  'contoso-test.mail.protection.outlook.com': [a('40.107.1.10')],
  'pass-test.mail.protection.outlook.com': [a('40.107.1.11')],
  'mixed-test.mail.protection.outlook.com': [a('40.107.1.12')],
  'selector1-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIB')],
  'selector2-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIB')],

  // The customer: smart host and its PTR variants.
  'contoso.test': [
    mx(10, 'mail.contoso.test'),
    txt(['v=spf1 ip4:203.0.113.10 ', 'include:spf.protection.outlook.com -all']),
    txt('ms=ms12345678'),
  ],
  'mail.contoso.test': [a('203.0.113.10')],
  'alias.contoso.test': [cname('mail.contoso.test')],
  'mismatch.contoso.test': [a('203.0.113.11')],
  'other.contoso.test': [a('203.0.113.99')],
  'noptr.contoso.test': [a('203.0.113.12')],
  'servfail.contoso.test': 'SERVFAIL',
  'silent.contoso.test': 'SILENT',
  '10.113.0.203.in-addr.arpa': [ptr('mail.contoso.test')],
  '11.113.0.203.in-addr.arpa': [ptr('other.contoso.test')],
  '_dmarc.contoso.test': [txt('v=DMARC1; p=quarantine; rua=mailto:dmarc@contoso.test')],
  'selector1._domainkey.contoso.test': [cname('selector1-contoso-test._domainkey.contoso.onmicrosoft.com')],
  'selector2._domainkey.contoso.test': [cname('selector2-contoso-test._domainkey.contoso.onmicrosoft.com')],

  // MX scenarios.
  'pass.test': [mx(0, 'pass-test.mail.protection.outlook.com')],
  'pending.test': [mx(10, 'mail.pending.test'), mx(20, 'mx.pending.test')],
  'mail.pending.test': [a('198.51.100.10')],
  'mx.pending.test': [cname('mail.pending.test')],
  'mixed.test': [mx(0, 'mixed-test.mail.protection.outlook.com'), mx(10, 'mail.mixed.test')],
  'mail.mixed.test': [a('198.51.100.11')],
  'nomx.test': [txt('v=spf1 -all')],
  'dangling.test': [mx(0, 'gone.dangling.test')],
  'wrong.test': [mx(0, 'contoso-test.mail.protection.outlook.com')],

  // SPF scenarios.
  'spf-none.test': [mx(0, 'mail.contoso.test')],
  'two.test': [txt('v=spf1 mx -all'), txt('v=spf1 include:spf.protection.outlook.com ~all')],
  'many.test': [txt('v=spf1 include:_spf.many.test include:spf.protection.outlook.com -all')],
  '_spf.many.test': [txt(`v=spf1 ${Array.from({ length: 9 }, (_, i) => `a:h${i}.many.test`).join(' ')} -all`)],
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`h${i}.many.test`, [a(`198.51.100.${20 + i}`)]])),
  'loop.test': [txt('v=spf1 include:_spf.loop.test include:spf.protection.outlook.com -all')],
  '_spf.loop.test': [txt('v=spf1 include:loop.test -all')],
  'void.test': [txt('v=spf1 a:n1.void.test a:n2.void.test mx:n3.void.test include:spf.protection.outlook.com -all')],
  'noo365.test': [txt('v=spf1 mx -all'), mx(0, 'mail.noo365.test')],
  'mail.noo365.test': [a('198.51.100.40')],
  'syntax.test': [txt('v=spf1 ip4:203.0.113.10 inclde:spf.protection.outlook.com -all')],
  '_dmarc.syntax.test': [txt('v=DMARC1; p=block; rua=mailto:d@syntax.test')],
  '_dmarc.pending.test': [cname('pending.dmarc-provider.test')],
  'pending.dmarc-provider.test': [txt('v=DMARC1; p=none; rua=mailto:r@dmarc-provider.test')],
};

export interface RunOptions {
  readonly target?: string | null;
  readonly smartHost?: string;
  readonly tenantMx?: string;
  readonly timeoutMs?: number;
}

export interface DnsLab {
  /** `address:port` of the lab server, as the resolver describes itself. */
  readonly where: () => string;
  readonly run: (check: CheckDefinition, options?: RunOptions) => Promise<CheckOutcome>;
}

export interface DnsLabOptions {
  /** A loopback address; by default 127.0.0.51. */
  readonly address?: string;
  /** By default the zone above. */
  readonly zone?: Zone;
  /** Names answered with the AD bit, as if DNSSEC-validated. */
  readonly signedNames?: readonly string[];
}

/** Starts the lab DNS server for the enclosing describe block. */
export function useDnsLab(options: DnsLabOptions = {}): DnsLab {
  let dns: LabDnsServer | undefined;
  beforeAll(async () => {
    dns = await startDnsServer({ address: options.address ?? '127.0.0.51', zone: options.zone ?? zone, ...(options.signedNames === undefined ? {} : { signedNames: options.signedNames }) });
  });
  afterAll(async () => {
    await dns?.close();
  });
  const server = (): LabDnsServer => {
    if (dns === undefined) throw new Error('the lab DNS server is not running');
    return dns;
  };
  return {
    where: () => `${server().address}:${server().port}`,
    run(check, options = {}) {
      const { address, port } = server();
      const resolver = createResolver({ server: { address, port }, timeoutMs: options.timeoutMs ?? 1000, tries: 2 });
      const ctx = createCheckContext({
        inputs: {
          smartHosts: [options.smartHost ?? 'mail.contoso.test'],
          dnsServer: { address, port },
          tenantMx: options.tenantMx ?? null,
        },
        resolver,
      });
      return check.run(ctx, options.target ?? (check.perSmartHost === true ? (ctx.inputs.smartHosts[0] ?? null) : null));
    },
  };
}
