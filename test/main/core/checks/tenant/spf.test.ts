import { describe, expect, it } from 'vitest';
import { run } from './lab.js';

describe('tenant.spf', () => {
  it('passes on the tenant value, and on a record that also keeps the own server', async () => {
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 include:spf.protection.outlook.com -all'] } })).summary).toContain('exactly');
    const kept = await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 ip4:192.0.2.10 include:spf.protection.outlook.com ~all', 'google-site-verification=x'] } });
    expect(kept.status).toBe('pass');
  });

  it('fails without the include and proposes the merged record', async () => {
    const outcome = await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 ip4:192.0.2.10 -all'] } });
    expect(outcome.status).toBe('fail');
    expect(outcome.advice?.text).toBe('Change the record to: contoso.test. IN TXT "v=spf1 ip4:192.0.2.10 include:spf.protection.outlook.com -all"');
  });

  it('fails on no SPF record and on two', async () => {
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { A: ['192.0.2.1'] } })).status).toBe('fail');
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 -all', 'v=spf1 include:spf.protection.outlook.com -all'] } })).summary).toContain('2 SPF records');
  });
});
