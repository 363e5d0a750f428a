import { describe, expect, it } from 'vitest';
import { createTenantChecks } from '../../../../main/core/checks/tenant-checks.js';
import type { CheckDefinition, CheckResult } from '../../../../main/core/checks/types.js';
import type { TenantSnapshot } from '../../../../main/core/m365/tenant-snapshot.js';
import { createCheckContext, staticResolver } from '../../../lab/check-context.js';
import type { StaticRecords } from '../../../lab/check-context.js';

const SNAPSHOT: TenantSnapshot = {
  version: 1,
  readAt: '2026-11-27T09:30:00.000Z',
  cloud: 'Worldwide',
  tenantId: '0550b473-9fd2-4dbb-a058-a1640b4bf458',
  account: 'admin@contoso.test',
  domains: [
    {
      id: 'contoso.test',
      isVerified: true,
      isDefault: true,
      supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      records: [
        { type: 'MX', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 },
        { type: 'TXT', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, text: 'v=spf1 include:spf.protection.outlook.com -all' },
        { type: 'CNAME', label: 'autodiscover.contoso.test', service: 'Email', optional: false, ttl: 3600, canonicalName: 'autodiscover.outlook.com' },
        { type: 'CNAME', label: 'sip.contoso.test', service: 'OfficeCommunicationsOnline', optional: false, ttl: 3600, canonicalName: 'sipdir.online.lync.com' },
      ],
    },
    { id: 'fabrikam.test', isVerified: false, isDefault: false, supportedServices: [], records: null },
    { id: 'tailspin.test', isVerified: true, isDefault: false, supportedServices: ['OfficeCommunicationsOnline'], records: null },
  ],
  acceptedDomains: [{ domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true }],
  errors: [],
};

const checks = createTenantChecks(() => SNAPSHOT);
const byId = (id: string, source: readonly CheckDefinition[] = checks): CheckDefinition => {
  const found = source.find((check) => check.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
};

function run(id: string, target: string | null, zone: Readonly<Record<string, StaticRecords>> = {}, options: { domains?: string[]; results?: CheckResult[]; source?: readonly CheckDefinition[] } = {}) {
  const ctx = createCheckContext({ resolver: staticResolver(zone), inputs: { domains: options.domains ?? ['contoso.test'] }, results: options.results ?? [] });
  return byId(id, options.source).run(ctx, target);
}

describe('createTenantChecks', () => {
  it('defines the five tenant checks with stable ids', () => {
    expect(checks.map((check) => [check.id, check.step, check.perDomain])).toEqual([
      ['tenant.domains', 'prerequisites', true],
      ['tenant.mx', 'part1', true],
      ['tenant.accepted-domains', 'part1', false],
      ['tenant.spf', 'part2', true],
      ['tenant.cnames', 'part2', true],
    ]);
  });

  it('skips every check until someone signs in', async () => {
    const none = createTenantChecks(() => null);
    for (const check of none) {
      const outcome = await check.run(createCheckContext(), check.perDomain ? 'contoso.test' : null);
      expect(outcome.status).toBe('skip');
      expect(outcome.summary).toContain('sign in to compare with the tenant');
    }
  });

  it('skips with the reason when the domain list could not be read', async () => {
    const failed = createTenantChecks(() => ({ ...SNAPSHOT, domains: null, errors: [{ source: 'domains', domain: null, kind: 'permission', message: 'Not allowed to read the tenant\'s domains.' }] }));
    const outcome = await run('tenant.mx', 'contoso.test', {}, { source: failed });
    expect(outcome).toMatchObject({ status: 'skip', summary: expect.stringContaining('Not allowed') as unknown });
  });
});

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
    expect(outcome.advice).toContain('contoso-test.e-v1.mx.microsoft');
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

describe('tenant.spf', () => {
  it('passes on the tenant value, and on a record that also keeps the own server', async () => {
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 include:spf.protection.outlook.com -all'] } })).summary).toContain('exactly');
    const kept = await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 ip4:192.0.2.10 include:spf.protection.outlook.com ~all', 'google-site-verification=x'] } });
    expect(kept.status).toBe('pass');
  });

  it('fails without the include and proposes the merged record', async () => {
    const outcome = await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 ip4:192.0.2.10 -all'] } });
    expect(outcome.status).toBe('fail');
    expect(outcome.advice).toBe('Change the record to: contoso.test. IN TXT "v=spf1 ip4:192.0.2.10 include:spf.protection.outlook.com -all"');
  });

  it('fails on no SPF record and on two', async () => {
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { A: ['192.0.2.1'] } })).status).toBe('fail');
    expect((await run('tenant.spf', 'contoso.test', { 'contoso.test': { TXT: ['v=spf1 -all', 'v=spf1 include:spf.protection.outlook.com -all'] } })).summary).toContain('2 SPF records');
  });
});

describe('tenant.cnames', () => {
  it('compares the Email CNAMEs only', async () => {
    expect((await run('tenant.cnames', 'contoso.test', { 'autodiscover.contoso.test': { CNAME: ['autodiscover.outlook.com.'] } })).status).toBe('pass');
  });

  it('warns on a missing or different CNAME with the record to publish', async () => {
    const outcome = await run('tenant.cnames', 'contoso.test', { 'autodiscover.contoso.test': { CNAME: ['mail.contoso.test'] } });
    expect(outcome.status).toBe('warn');
    expect(outcome.advice).toContain('autodiscover.contoso.test. IN CNAME autodiscover.outlook.com.');
    expect((await run('tenant.cnames', 'contoso.test', {})).summary).toContain('is missing');
  });
});

describe('tenant.accepted-domains', () => {
  it('passes when every engagement domain is accepted', async () => {
    expect((await run('tenant.accepted-domains', null)).status).toBe('pass');
  });

  it('fails on a domain that is not accepted', async () => {
    const outcome = await run('tenant.accepted-domains', null, {}, { domains: ['contoso.test', 'fabrikam.test'] });
    expect(outcome).toMatchObject({ status: 'fail', evidence: { notAccepted: ['fabrikam.test'] } });
  });

  it('passes when the certificate names an accepted domain instead', async () => {
    const certificate: CheckResult = {
      id: 'tls.certificate.accepted-domain',
      title: 'Certificate names one of your domains',
      step: 'part2',
      target: null,
      status: 'pass',
      summary: 'The certificate names contoso.test.',
      evidence: { matches: [{ domain: 'contoso.test', certName: 'contoso.test', kind: 'exact' }] },
      durationMs: 1,
    };
    const outcome = await run('tenant.accepted-domains', null, {}, { domains: ['contoso.test', 'fabrikam.test'], results: [certificate] });
    expect(outcome).toMatchObject({ status: 'pass', evidence: { certificateNames: ['contoso.test'] } });
  });

  it('skips with the reason when the Admin API could not be read', async () => {
    const failed = createTenantChecks(() => ({ ...SNAPSHOT, acceptedDomains: null, errors: [{ source: 'accepted-domains', domain: null, kind: 'consent', message: 'Consent is missing.' }] }));
    expect(await run('tenant.accepted-domains', null, {}, { source: failed })).toMatchObject({ status: 'skip', summary: expect.stringContaining('Consent is missing.') as unknown });
  });
});

describe('tenant.domains', () => {
  it('passes a verified Email domain', async () => {
    expect((await run('tenant.domains', 'contoso.test')).status).toBe('pass');
  });

  it('fails a missing or unverified domain, warns one without Email', async () => {
    expect(await run('tenant.domains', 'other.test')).toMatchObject({ status: 'fail', advice: expect.stringContaining('Add other.test') as unknown });
    expect(await run('tenant.domains', 'fabrikam.test')).toMatchObject({ status: 'fail', summary: expect.stringContaining('not verified') as unknown });
    expect((await run('tenant.domains', 'tailspin.test')).status).toBe('warn');
  });
});
