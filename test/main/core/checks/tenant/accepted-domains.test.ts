import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../../main/core/checks/types.js';
import { createTenantChecks, run, SNAPSHOT } from './lab.js';

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
