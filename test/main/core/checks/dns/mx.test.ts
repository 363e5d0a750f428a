import { describe, expect, it } from 'vitest';
import { mxCheck } from '../../../../../main/core/checks/dns/mx.js';
import { useDnsLab, type RunOptions } from './lab.js';

describe('dns.mx against the lab DNS server', () => {
  const lab = useDnsLab();
  const run = (options: RunOptions = {}) => lab.run(mxCheck, options);

  it('has its stable id, step and dependencies', () => {
    expect([mxCheck.id, mxCheck.step, mxCheck.perDomain]).toEqual(['dns.mx', 'part1', true]);
    expect(mxCheck.dependsOn).toEqual([]);
  });

  it('passes when the MX is the tenant host', async () => {
    const outcome = await run({ target: 'pass.test' });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toMatchObject({ state: 'office365', records: [{ exchange: 'pass-test.mail.protection.outlook.com', priority: 0, addresses: ['40.107.1.11'] }] });
  });
  it('warns "pending" naming the current hosts, following a CNAME MX host', async () => {
    const outcome = await run({ target: 'pending.test' });
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('pending: change the MX at cutover');
    expect(outcome.summary).toContain('mail.pending.test (10), mx.pending.test (20)');
    expect(outcome.evidence).toMatchObject({ records: [{}, { chain: ['mx.pending.test', 'mail.pending.test'] }] });
    expect(outcome.advice?.text).toContain('pending.test. IN MX 0 pending-test.mail.protection.outlook.com.');
  });
  it('warns on Office 365 mixed with other hosts', async () => {
    expect(await run({ target: 'mixed.test' })).toMatchObject({ status: 'warn', evidence: { state: 'mixed' } });
  });
  it('fails without MX (NODATA) and for a missing domain (NXDOMAIN)', async () => {
    const nodata = await run({ target: 'nomx.test' });
    expect(nodata).toMatchObject({ status: 'fail', evidence: { state: 'none', failure: 'NODATA' } });
    const nxdomain = await run({ target: 'missing.test' });
    expect(nxdomain).toMatchObject({ status: 'fail', evidence: { state: 'none', failure: 'NXDOMAIN' } });
    expect(nxdomain.summary).toContain('does not exist');
  });
  it('fails when the MX host does not resolve', async () => {
    const outcome = await run({ target: 'dangling.test' });
    expect(outcome).toMatchObject({ status: 'fail', evidence: { state: 'dangling', records: [{ exchange: 'gone.dangling.test', failure: 'NXDOMAIN' }] } });
  });
  it("fails on another tenant's host (naming the tenant MX host setting), unless that setting names it", async () => {
    const wrong = await run({ target: 'wrong.test' });
    expect(wrong).toMatchObject({ status: 'fail', evidence: { state: 'wrong-tenant' } });
    expect(wrong.advice?.fixes).toContainEqual({ kind: 'setting', setting: 'tenantMx' });
    expect(wrong.advice?.fixes).toContainEqual({ kind: 'command', place: 'dns', command: 'wrong.test. IN MX 0 wrong-test.mail.protection.outlook.com.' });
    expect(await run({ target: 'wrong.test', tenantMx: 'contoso-test.mail.protection.outlook.com' })).toMatchObject({ status: 'pass' });
  });
});
