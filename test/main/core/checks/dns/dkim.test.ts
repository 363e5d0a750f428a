import { describe, expect, it } from 'vitest';
import { dkimCheck } from '../../../../../main/core/checks/dns/dkim.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.dkim against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(dkimCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([dkimCheck.id, dkimCheck.step, dkimCheck.perDomain]).toEqual(['dns.dkim', 'part2', true]);
    expect(dkimCheck.dependsOn).toEqual([]);
  });

  it('passes when both selector CNAMEs are present', async () => {
    const outcome = await run({ target: 'contoso.test' });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toMatchObject({ selectors: [{ state: 'cname', target: 'selector1-contoso-test._domainkey.contoso.onmicrosoft.com' }, { state: 'cname' }] });
  });
  it('warns when absent', async () => {
    const outcome = await run({ target: 'pass.test' });
    expect(outcome).toMatchObject({ status: 'warn', evidence: { selectors: [{ state: 'absent' }, { state: 'absent' }] } });
    expect(outcome.advice?.text).toContain('Get-DkimSigningConfig');
  });
});
