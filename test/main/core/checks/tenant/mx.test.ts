import { describe, expect, it } from 'vitest';
import { run, SNAPSHOT } from './lab.js';
import type { StaticRecords } from '../../../../lab/check-context.js';

describe('tenant.mx', () => {
  const mx = (exchange: string, priority = 0): StaticRecords => ({ MX: [{ exchange, priority }] });

  it('passes on exactly the host Graph gives, in the mx.microsoft form', async () => {
    const outcome = await run('tenant.mx', 'contoso.test', { 'contoso.test': mx('contoso-test.e-v1.mx.microsoft.') });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toMatchObject({ expected: 'contoso-test.e-v1.mx.microsoft', readAt: SNAPSHOT.readAt, recordToPublish: 'contoso.test. IN MX 0 contoso-test.e-v1.mx.microsoft.' });
  });

  it('warns when the MX still uses the classic host the tenant moved away from', async () => {
    const outcome = await run('tenant.mx', 'contoso.test', { 'contoso.test': mx('contoso-test.mail.protection.outlook.com') });
    expect(outcome.status).toBe('warn');
    expect(outcome.advice?.text).toContain('contoso-test.e-v1.mx.microsoft');
  });

  it('fails on an Office 365 host that is not the tenant value (another letter, another tenant)', async () => {
    expect((await run('tenant.mx', 'contoso.test', { 'contoso.test': mx('contoso-test.b-v1.mx.microsoft') })).status).toBe('fail');
    expect((await run('tenant.mx', 'contoso.test', { 'contoso.test': mx('fabrikam-test.mail.protection.outlook.com') })).status).toBe('fail');
  });

  it('warns while the MX still points at the own server, and on a mixed set', async () => {
    expect(await run('tenant.mx', 'contoso.test', { 'contoso.test': mx('mail.contoso.test', 10) })).toMatchObject({ status: 'warn', summary: expect.stringContaining('pending') as unknown });
    const mixed = await run('tenant.mx', 'contoso.test', { 'contoso.test': { MX: [{ exchange: 'contoso-test.e-v1.mx.microsoft', priority: 0 }, { exchange: 'mail.contoso.test', priority: 10 }] } });
    expect(mixed.status).toBe('warn');
  });

  it('fails when the domain has no MX at all', async () => {
    expect((await run('tenant.mx', 'contoso.test', {})).status).toBe('fail');
  });

  it('skips a domain the tenant does not have', async () => {
    expect((await run('tenant.mx', 'other.test', {}, { domains: ['other.test'] })).status).toBe('skip');
  });
});
