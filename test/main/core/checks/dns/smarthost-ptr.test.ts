import { describe, expect, it } from 'vitest';
import { smartHostPtrCheck } from '../../../../../main/core/checks/dns/smarthost-ptr.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.smarthost.ptr against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(smartHostPtrCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([smartHostPtrCheck.id, smartHostPtrCheck.step, smartHostPtrCheck.perDomain]).toEqual(['dns.smarthost.ptr', 'prerequisites', false]);
    expect(smartHostPtrCheck.dependsOn).toEqual(['dns.smarthost.resolve']);
  });

  it('passes a forward-confirmed PTR', async () => {
    const outcome = await run();
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe('203.0.113.10 -> mail.contoso.test -> 203.0.113.10');
  });
  it('checks the PTR of an IP literal too', async () => {
    expect((await run({ smartHost: '203.0.113.10' })).status).toBe('pass');
  });
  it('warns when the PTR name does not resolve back', async () => {
    const outcome = await run({ smartHost: 'mismatch.contoso.test' });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('PTR other.contoso.test does not resolve back to 203.0.113.11');
    expect(outcome.advice?.text).toContain('11.113.0.203.in-addr.arpa. IN PTR mismatch.contoso.test.');
  });
  it('warns when there is no PTR', async () => {
    const outcome = await run({ smartHost: 'noptr.contoso.test' });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('no PTR record (NXDOMAIN)');
  });
  it('is skipped without an address', async () => {
    expect((await run({ smartHost: 'gone.contoso.test' })).status).toBe('skip');
  });
});
