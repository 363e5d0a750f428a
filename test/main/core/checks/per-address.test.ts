import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineAddresses, type AddressOutcome } from '../../../../main/core/checks/per-address.js';
import { createCheckRegistry } from '../../../../main/core/checks/registry.js';
import type { CheckResult, CheckStatus, Evidence } from '../../../../main/core/checks/types.js';
import { bundledRanges } from '../../../../main/core/eop/ranges.js';
import { runPreflight } from '../../../../main/core/preflight/run.js';
import { netConnector } from '../../../../main/core/smtp/net-connector.js';
import { systemClock } from '../../../../main/platform/clock.js';
import { createTestPki, type TestPki } from '../../../lab/ca.js';
import { defaultTestInputs } from '../../../lab/check-context.js';
import { startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../../../lab/smtp-scenarios.js';

const at = (address: string, status: CheckStatus, summary = `${address} ${status}`): AddressOutcome<Evidence> => ({ address, outcome: { status, summary, evidence: { address } } });

describe('one result per smart host from every address', () => {
  it('keeps a single address’s outcome as it is', () => {
    expect(combineAddresses('mx1.contoso.test', [at('192.0.2.1', 'fail', 'refused')])).toEqual({ status: 'fail', summary: 'refused', evidence: { address: '192.0.2.1' } });
  });

  it('takes the worst address, counts the addresses that share its status, and keeps a line per address', () => {
    const combined = combineAddresses('mx1.contoso.test', [at('192.0.2.1', 'pass'), at('192.0.2.2', 'fail', 'refused'), at('2001:db8::1', 'fail', 'timed out')]);
    expect(combined.status).toBe('fail');
    expect(combined.summary).toBe('2 of 3 addresses of mx1.contoso.test fail. 192.0.2.2: refused');
    expect(combined.evidence).toEqual({
      address: '192.0.2.2',
      perAddress: [
        { address: '192.0.2.1', status: 'pass', summary: '192.0.2.1 pass' },
        { address: '192.0.2.2', status: 'fail', summary: 'refused' },
        { address: '2001:db8::1', status: 'fail', summary: 'timed out' },
      ],
    });
  });

  it('says when every address agrees, and ranks error over fail over warn over skip over pass', () => {
    expect(combineAddresses('mx1.contoso.test', [at('192.0.2.1', 'pass', 'ok'), at('::1', 'pass', 'ok')]).summary).toBe('Both addresses of mx1.contoso.test pass. 192.0.2.1: ok');
    expect(combineAddresses('mx1.contoso.test', [at('192.0.2.1', 'warn'), at('192.0.2.2', 'warn'), at('192.0.2.3', 'warn')]).summary).toMatch(/^All 3 addresses of mx1\.contoso\.test warn\. /);
    expect(combineAddresses('h', [at('192.0.2.1', 'skip'), at('192.0.2.2', 'pass')]).status).toBe('skip');
    expect(combineAddresses('h', [at('192.0.2.1', 'warn'), at('192.0.2.2', 'skip')]).status).toBe('warn');
    expect(combineAddresses('h', [at('192.0.2.1', 'fail'), at('192.0.2.2', 'warn')]).status).toBe('fail');
    expect(combineAddresses('h', [at('192.0.2.1', 'fail'), at('192.0.2.2', 'error')]).summary).toBe('1 of 2 addresses of h could not be checked. 192.0.2.2: 192.0.2.2 error');
  });
});

/** Two smart hosts: mx1 on 127.0.2.11 and ::1 (A and AAAA), mx2 on 127.0.2.21 and 127.0.2.22, where nothing listens. */
describe('every address of every smart host, against the loopback lab', () => {
  const MX1 = 'mx1.contoso.test';
  const MX2 = 'mx2.contoso.test';
  let pki: TestPki;
  let dns: LabDnsServer;
  const servers: LabSmtpServer[] = [];
  let port = 0;

  beforeAll(async () => {
    pki = createTestPki();
    const cert = pki.issue({ commonName: MX1, dnsNames: [MX1, MX2] });
    const first = await startGoodSmtpServer({ host: '127.0.2.11', cert, name: MX1 });
    servers.push(first);
    port = first.port;
    servers.push(await startGoodSmtpServer({ host: '::1', port, cert, name: MX1 }), await startGoodSmtpServer({ host: '127.0.2.21', port, cert, name: MX2 }));
    dns = await startDnsServer({
      address: '127.0.2.53',
      zone: {
        [MX1]: [
          { type: 'A', value: '127.0.2.11' },
          { type: 'AAAA', value: '::1' },
        ],
        [MX2]: [
          { type: 'A', value: '127.0.2.21' },
          { type: 'A', value: '127.0.2.22' },
        ],
      },
    });
  });
  afterAll(async () => {
    await Promise.all([...servers.map((server) => server.close()), dns.close()]);
  });

  const byTarget = (results: readonly CheckResult[], id: string): Record<string, CheckResult> =>
    Object.fromEntries(results.filter((result) => result.id === id).map((result) => [result.target ?? '', result]));

  it('gives one result per host with per-address evidence, IPv6 included, and a failing address fails its host only', async () => {
    const report = await runPreflight(
      { ...defaultTestInputs, smartHosts: [MX1, MX2], smtpPort: port, extraCaPem: [pki.rootPem], dnsServer: { address: dns.address, port: dns.port }, timeoutMs: 3000 },
      { connector: netConnector, clock: systemClock, registry: createCheckRegistry({ ranges: () => Promise.resolve(bundledRanges()) }) },
      { only: ['smtp.connect', 'tls.handshake', 'tls.certificate.trusted', 'tls.certificate.name'] },
    );
    const connect = byTarget(report.results, 'smtp.connect');
    expect(Object.keys(connect)).toEqual([MX1, MX2]);
    // Both are loopback addresses: connected from this computer, which proves nothing of what Office 365 reaches.
    expect(connect[MX1]?.status).toBe('warn');
    expect(connect[MX1]?.summary).toMatch(new RegExp(`^Both addresses of mx1\\.contoso\\.test warn\\. 127\\.0\\.2\\.11: Connected from this computer to mx1\\.contoso\\.test \\(127\\.0\\.2\\.11\\) port ${String(port)}, a loopback address`));
    expect(connect[MX1]?.evidence['perAddress']).toEqual([
      { address: '127.0.2.11', status: 'warn', summary: expect.stringContaining('(127.0.2.11)') as unknown },
      { address: '::1', status: 'warn', summary: expect.stringContaining('(::1)') as unknown },
    ]);
    expect(connect[MX2]?.status).toBe('fail');
    expect(connect[MX2]?.summary).toMatch(/^1 of 2 addresses of mx2\.contoso\.test fails\. 127\.0\.2\.22: .*refused the connection/);
    expect(connect[MX2]?.evidence['address']).toBe('127.0.2.22');
    // Each host's TLS checks follow its own connection: mx1's pass on both addresses, mx2's are skipped.
    const handshake = byTarget(report.results, 'tls.handshake');
    expect(handshake[MX1]?.status).toBe('pass');
    expect(handshake[MX2]?.status).toBe('skip');
    const name = byTarget(report.results, 'tls.certificate.name');
    expect(name[MX1]?.status).toBe('pass');
    expect((name[MX1]?.evidence['perAddress'] as readonly { address: string }[]).map((entry) => entry.address)).toEqual(['127.0.2.11', '::1']);
  });
});
