import { describe, expect, it } from 'vitest';
import { dmarcCheck } from '../../../../../main/core/checks/dns/dmarc.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.dmarc against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(dmarcCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([dmarcCheck.id, dmarcCheck.step, dmarcCheck.perDomain]).toEqual(['dns.dmarc', 'part2', true]);
    expect(dmarcCheck.dependsOn).toEqual([]);
  });

  it('passes a valid record', async () => {
    const outcome = await run({ target: 'contoso.test' });
    expect(outcome).toMatchObject({ status: 'pass', evidence: { state: 'valid', policy: { p: 'quarantine' } } });
  });
  it('follows a CNAME to a reporting provider', async () => {
    expect(await run({ target: 'pending.test' })).toMatchObject({ status: 'pass', evidence: { policy: { p: 'none' } } });
  });
  it('warns when absent', async () => {
    expect(await run({ target: 'pass.test' })).toMatchObject({ status: 'warn', evidence: { state: 'absent', failure: 'NXDOMAIN' } });
  });
  it('fails when invalid', async () => {
    expect(await run({ target: 'syntax.test' })).toMatchObject({ status: 'fail', evidence: { state: 'invalid', recordToPublish: 'v=DMARC1; p=none; rua=mailto:d@syntax.test' } });
  });
});
