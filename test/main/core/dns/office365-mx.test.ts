import { describe, expect, it } from 'vitest';
import {
  acceptedTenantHosts,
  evaluateMx,
  expectedTenantMx,
  isOffice365MxHost,
  isTenantMxHost,
  type MxHostObservation,
} from '../../../../main/core/dns/office365-mx.js';

const resolved = (exchange: string, priority = 0): MxHostObservation => ({
  exchange,
  priority,
  resolution: { ok: true, addresses: ['203.0.113.1'], chain: [exchange] },
});

const tenantHosts = acceptedTenantHosts('contoso.test', null);

describe('Office 365 MX names', () => {
  it('derives the tenant MX by replacing dots with dashes, keeping dashes', () => {
    expect(expectedTenantMx('contoso.test')).toBe('contoso-test.mail.protection.outlook.com');
    expect(expectedTenantMx('Fab-Rikam.co.uk.')).toBe('fab-rikam-co-uk.mail.protection.outlook.com');
  });
  it('derives a valid label for an internationalised domain (never the invalid "xn--bcher-kva-de")', () => {
    expect(expectedTenantMx('xn--bcher-kva.de')).toBe('xn--bcher-de-65a.mail.protection.outlook.com');
    expect(expectedTenantMx('mail.xn--bcher-kva.de')).toBe('mail-xn--bcher-kva-de.mail.protection.outlook.com');
  });
  it('recognises classic and mx.microsoft hosts', () => {
    expect(isOffice365MxHost('contoso-test.mail.protection.outlook.com.')).toBe(true);
    expect(isOffice365MxHost('contoso-test.e-v1.mx.microsoft')).toBe(true);
    expect(isOffice365MxHost('mail.contoso.test')).toBe(false);
    expect(isOffice365MxHost('outlook.com')).toBe(false);
  });
  it('matches an mx.microsoft host of the same tenant prefix, whatever its letter', () => {
    expect(isTenantMxHost('contoso-test.f-v1.mx.microsoft', tenantHosts)).toBe(true);
    expect(isTenantMxHost('fabrikam-test.f-v1.mx.microsoft', tenantHosts)).toBe(false);
  });
  it('accepts --tenant-mx besides the derived host', () => {
    expect(acceptedTenantHosts('contoso.test', 'contoso-test01.mail.protection.outlook.com')).toEqual([
      'contoso-test01.mail.protection.outlook.com',
      'contoso-test.mail.protection.outlook.com',
    ]);
  });
});

describe('evaluateMx', () => {
  const evaluate = (mx: Parameters<typeof evaluateMx>[0]['mx']) => evaluateMx({ domain: 'contoso.test', tenantHosts, mx });
  const publish = 'contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com.';

  it('passes when every MX is the tenant host', () => {
    const verdict = evaluate({ ok: true, hosts: [resolved('contoso-test.mail.protection.outlook.com')] });
    expect(verdict).toMatchObject({ status: 'pass', state: 'office365', recordToPublish: publish });
  });
  it('warns "pending" and names the current hosts when the MX is elsewhere', () => {
    const verdict = evaluate({ ok: true, hosts: [resolved('mail.contoso.test', 10), resolved('backup.contoso.test', 20)] });
    expect(verdict.status).toBe('warn');
    expect(verdict.state).toBe('pending');
    expect(verdict.summary).toContain('pending: change the MX at cutover');
    expect(verdict.summary).toContain('mail.contoso.test (10), backup.contoso.test (20)');
    expect(verdict.advice).toContain(publish);
  });
  it('warns when Office 365 is mixed with other hosts', () => {
    const verdict = evaluate({ ok: true, hosts: [resolved('contoso-test.mail.protection.outlook.com'), resolved('mail.contoso.test', 10)] });
    expect(verdict).toMatchObject({ status: 'warn', state: 'mixed' });
  });
  it('fails without MX, on NXDOMAIN and on a null MX', () => {
    expect(evaluate({ ok: false, failure: 'NODATA', message: 'no MX' })).toMatchObject({ status: 'fail', state: 'none' });
    expect(evaluate({ ok: false, failure: 'NXDOMAIN', message: 'gone' })).toMatchObject({ status: 'fail', state: 'none' });
    expect(evaluate({ ok: true, hosts: [] })).toMatchObject({ status: 'fail', state: 'none' });
    expect(evaluate({ ok: true, hosts: [{ exchange: '', priority: 0, resolution: { ok: false, failure: 'NODATA', message: 'null MX' } }] }))
      .toMatchObject({ status: 'fail', state: 'null-mx' });
  });
  it('fails when the lookup itself fails, saying which way', () => {
    const verdict = evaluate({ ok: false, failure: 'SERVFAIL', message: 'server broken' });
    expect(verdict).toMatchObject({ status: 'fail', state: 'lookup-failed' });
    expect(verdict.summary).toContain('SERVFAIL');
  });
  it('fails when an MX host does not resolve', () => {
    const verdict = evaluate({ ok: true, hosts: [{ exchange: 'gone.contoso.test', priority: 0, resolution: { ok: false, failure: 'NXDOMAIN', message: 'gone' } }] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'dangling' });
    expect(verdict.summary).toContain('gone.contoso.test: NXDOMAIN');
  });
  it("fails on another tenant's Office 365 host", () => {
    const verdict = evaluate({ ok: true, hosts: [resolved('fabrikam-test.mail.protection.outlook.com')] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'wrong-tenant' });
    expect(verdict.summary).toContain('expected contoso-test.mail.protection.outlook.com');
  });
});
