import { describe, expect, it } from 'vitest';
import { spfCheck } from '../../../../../main/core/checks/dns/spf.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.spf against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(spfCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([spfCheck.id, spfCheck.step, spfCheck.perDomain]).toEqual(['dns.spf', 'part2', true]);
    expect(spfCheck.dependsOn).toEqual([]);
  });

  it('passes one good record that authorises Office 365 and the server', async () => {
    const outcome = await run({ target: 'contoso.test' });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toMatchObject({
      records: ['v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com -all'],
      lookupCount: 1,
      office365Authorised: true,
      serverAddresses: [{ address: '203.0.113.10', authorised: true, public: true }],
    });
  });
  it('warns when there is no SPF record and gives one', async () => {
    const outcome = await run({ target: 'spf-none.test' });
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence).toMatchObject({ recordToPublish: 'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com ~all' });
  });
  it('fails on two records', async () => {
    const outcome = await run({ target: 'two.test' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('2 records start with v=spf1');
  });
  it('fails on 11 lookups', async () => {
    const outcome = await run({ target: 'many.test' });
    expect(outcome).toMatchObject({ status: 'fail', evidence: { lookupCount: 11 } });
    expect(outcome.summary).toContain('11 DNS-querying terms');
  });
  it('fails on an include loop', async () => {
    const outcome = await run({ target: 'loop.test' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('include loop: loop.test -> _spf.loop.test -> loop.test');
  });
  it('fails on more than two void lookups', async () => {
    const outcome = await run({ target: 'void.test' });
    expect(outcome).toMatchObject({ status: 'fail', evidence: { voidLookupCount: 3 } });
  });
  it('warns when Office 365 is missing, with the corrected record', async () => {
    const outcome = await run({ target: 'noo365.test' });
    expect(outcome).toMatchObject({ status: 'warn', evidence: { office365Authorised: false, recordToPublish: 'v=spf1 mx ip4:203.0.113.10 include:spf.protection.outlook.com -all' } });
    expect(outcome.advice?.text).toContain('v=spf1 mx ip4:203.0.113.10 include:spf.protection.outlook.com -all');
  });
  it('fails on a syntax error', async () => {
    const outcome = await run({ target: 'syntax.test' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('unknown mechanism "inclde"');
    expect(outcome.evidence).toMatchObject({ recordToPublish: 'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com -all' });
  });
});
