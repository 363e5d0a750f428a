import { describe, expect, it } from 'vitest';
import { tlsRptCheck } from '../../../../../main/core/checks/dns/tlsrpt.js';
import { usePolicyLab } from './policy-lab.js';

describe('dns.tlsrpt against the lab DNS server', () => {
  const lab = usePolicyLab({ dns: '127.0.3.3', web: '127.0.3.4' });

  it('has its stable id, step and needs the network', () => {
    expect([tlsRptCheck.id, tlsRptCheck.step, tlsRptCheck.perDomain, tlsRptCheck.network, tlsRptCheck.dependsOn]).toEqual(['dns.tlsrpt', 'part1', true, true, []]);
  });

  it('passes a valid record, with where the reports go', async () => {
    expect(await lab.run(tlsRptCheck, 'enforce.test')).toMatchObject({
      status: 'pass',
      evidence: { state: 'valid', records: ['v=TLSRPTv1; rua=mailto:tls@enforce.test,https://reports.example.net/tlsrpt'], rua: ['mailto:tls@enforce.test', 'https://reports.example.net/tlsrpt'], recordToPublish: null, resolver: lab.where() },
    });
  });

  it('follows a CNAME to a reporting provider', async () => {
    expect(await lab.run(tlsRptCheck, 'provider.test')).toMatchObject({ status: 'pass', evidence: { rua: ['mailto:provider@reports.example'] } });
  });

  it('warns when not published, with the record to publish and its placeholder named', async () => {
    const outcome = await lab.run(tlsRptCheck, 'absent.test');
    expect(outcome).toMatchObject({ status: 'warn', evidence: { state: 'absent', failure: 'NXDOMAIN' } });
    expect(outcome.advice?.fixes).toEqual([{ kind: 'command', place: 'dns', command: '_smtp._tls.absent.test. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@absent.test"' }]);
    expect(outcome.advice?.text).toContain('tls-reports@absent.test is a placeholder');
  });

  it('fails several records, an invalid one and a failed lookup', async () => {
    expect(await lab.run(tlsRptCheck, 'two.test')).toMatchObject({ status: 'fail', evidence: { state: 'multiple', rua: [] } });
    const invalid = await lab.run(tlsRptCheck, 'badrua.test');
    expect(invalid).toMatchObject({ status: 'fail', evidence: { state: 'invalid' } });
    expect(invalid.summary).toContain('must be a mailto: or https: URI');
    expect(await lab.run(tlsRptCheck, 'servfail.test')).toMatchObject({ status: 'fail', evidence: { state: 'lookup-failed', failure: 'SERVFAIL' } });
  });
});
