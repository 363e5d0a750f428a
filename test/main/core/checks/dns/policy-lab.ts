/**
 * The lab of dns.mta-sts and dns.tlsrpt: a loopback DNS server with `_mta-sts`, `_smtp._tls` and
 * `mta-sts.<domain>` records, and the lab web server on port 443 serving each domain's policy with
 * its own certificate. Each test file passes its own two addresses (from 127.0.3.1-63).
 */
import { afterAll, beforeAll } from 'vitest';
import type { CheckDefinition, CheckOutcome, PreflightInputs } from '../../../../../main/core/checks/types.js';
import { createResolver } from '../../../../../main/core/dns/node-resolver.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { startDnsServer, type LabDnsServer, type RecordSpec, type Zone } from '../../../../lab/dns-server.js';
import { startPolicyServer, type LabPolicyServer, type PolicySite } from '../../../../lab/https-policy-server.js';

const txt = (value: string): RecordSpec => ({ type: 'TXT', value });
const mx = (exchange: string): RecordSpec => ({ type: 'MX', priority: 0, exchange });
const policy = (mode: string, ...patterns: string[]): string => ['version: STSv1', `mode: ${mode}`, ...patterns.map((pattern) => `mx: ${pattern}`), 'max_age: 604800', ''].join('\n');

/** Each domain's policy site; every one of them also gets `_mta-sts` and `mta-sts` records. */
export const SITES: Readonly<Record<string, PolicySite>> = {
  'enforce.test': { body: policy('enforce', '*.mail.protection.outlook.com') },
  'dnssec.test': { body: policy('enforce', '*.mx.microsoft') },
  'testing.test': { body: policy('testing', 'mail.testing.test') },
  'notfound.test': { status: 404, body: 'not here\n' },
  'html.test': { body: policy('enforce', '*.mail.protection.outlook.com'), contentType: 'text/html; charset=utf-8' },
  'wrongname.test': { body: policy('enforce', '*.mail.protection.outlook.com'), certificate: 'wrong-name' },
  'untrusted.test': { body: policy('enforce', '*.mail.protection.outlook.com'), certificate: 'untrusted' },
  'redirect.test': { status: 301, headers: { location: 'https://www.redirect.test/mta-sts.txt' } },
};

function zoneFor(webAddress: string): Zone {
  const published = Object.fromEntries(
    Object.keys(SITES).flatMap((domain) => [
      [`_mta-sts.${domain}`, [txt('v=STSv1; id=20261201')]],
      [`mta-sts.${domain}`, [{ type: 'A', value: webAddress }]],
      [domain, [mx(`${domain.replace('.', '-')}.mail.protection.outlook.com`)]],
    ]),
  ) as Zone;
  return {
    ...published,
    'testing.test': [mx('mail.testing.test')],
    'absent.test': [mx('mail.absent.test'), txt('v=spf1 -all')],
    '_mta-sts.two.test': [txt('v=STSv1; id=1'), txt('v=STSv1; id=2')],
    '_mta-sts.badid.test': [txt('v=STSv1; id=not-alphanumeric')],
    '_mta-sts.noaddress.test': [txt('v=STSv1; id=1')],
    '_mta-sts.servfail.test': 'SERVFAIL',
    '_smtp._tls.enforce.test': [txt('v=TLSRPTv1; rua=mailto:tls@enforce.test,https://reports.example.net/tlsrpt')],
    '_smtp._tls.provider.test': [{ type: 'CNAME', value: 'provider-test._smtp._tls.reports.example' }],
    'provider-test._smtp._tls.reports.example': [txt('v=TLSRPTv1; rua=mailto:provider@reports.example')],
    '_smtp._tls.two.test': [txt('v=TLSRPTv1; rua=mailto:a@two.test'), txt('v=TLSRPTv1; rua=mailto:b@two.test')],
    '_smtp._tls.badrua.test': [txt('v=TLSRPTv1; rua=ftp://reports.badrua.test')],
    '_smtp._tls.servfail.test': 'SERVFAIL',
  };
}

export interface PolicyLab {
  /** `address:port` of the lab DNS server, as the resolver describes itself. */
  readonly where: () => string;
  readonly web: () => LabPolicyServer;
  readonly run: (check: CheckDefinition, target: string, inputs?: Partial<PreflightInputs>) => Promise<CheckOutcome>;
}

/** Starts the lab DNS and web servers for the enclosing describe block. */
export function usePolicyLab(addresses: { readonly dns: string; readonly web: string }): PolicyLab {
  let dns: LabDnsServer | undefined;
  let web: LabPolicyServer | undefined;
  beforeAll(async () => {
    dns = await startDnsServer({ address: addresses.dns, zone: zoneFor(addresses.web) });
    web = await startPolicyServer({ address: addresses.web, sites: Object.fromEntries(Object.entries(SITES).map(([domain, site]) => [`mta-sts.${domain}`, site])) });
  });
  afterAll(async () => {
    await Promise.all([dns?.close(), web?.close()]);
  });
  const running = <T>(server: T | undefined): T => {
    if (server === undefined) throw new Error('the policy lab is not running');
    return server;
  };
  return {
    where: () => `${running(dns).address}:${running(dns).port}`,
    web: () => running(web),
    run(check, target, inputs = {}) {
      const { address, port } = running(dns);
      const ctx = createCheckContext({
        inputs: { domains: [target], dnsServer: { address, port }, extraCaPem: [running(web).rootPem], ...inputs },
        resolver: createResolver({ server: { address, port }, timeoutMs: 1000, tries: 2 }),
        clock: { now: () => Date.parse('2026-12-02T09:30:00Z'), monotonic: () => performance.now() },
      });
      return check.run(ctx, target);
    },
  };
}
