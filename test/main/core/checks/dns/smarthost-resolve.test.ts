import { describe, expect, it } from 'vitest';
import { smartHostResolveCheck } from '../../../../../main/core/checks/dns/smarthost-resolve.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.smarthost.resolve against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(smartHostResolveCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([smartHostResolveCheck.id, smartHostResolveCheck.step, smartHostResolveCheck.perDomain]).toEqual(['dns.smarthost.resolve', 'prerequisites', false]);
    expect(smartHostResolveCheck.dependsOn).toEqual([]);
  });

  it('passes with the addresses, following a CNAME', async () => {
    const outcome = await run({ smartHost: 'alias.contoso.test' });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toMatchObject({ host: 'alias.contoso.test', addresses: ['203.0.113.10'], resolver: lab.where() });
  });
  it('passes an IP literal as given', async () => {
    const outcome = await run({ smartHost: '203.0.113.10' });
    expect(outcome).toMatchObject({ status: 'pass', evidence: { literal: true } });
    expect(outcome.summary).toContain('given as an address');
  });
  it.each([
    ['gone.contoso.test', 'NXDOMAIN', 'does not exist'],
    ['contoso.test', 'NODATA', 'no A or AAAA record'],
    ['servfail.contoso.test', 'SERVFAIL', 'SERVFAIL'],
    ['silent.contoso.test', 'TIMEOUT', 'timeout'],
  ])('fails for %s with %s told apart', async (smartHost, failure, text) => {
    const started = performance.now();
    const outcome = await run({ smartHost, timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toMatchObject({ failure });
    expect(outcome.summary).toContain(text);
    expect(outcome.advice?.text).toBeTruthy();
  });
});
