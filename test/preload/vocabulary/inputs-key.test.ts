import { describe, expect, it } from 'vitest';
import { describeChecks } from '../../../main/core/checks/registry.js';
import { checkInputsKey, PER_DOMAIN_CHECKS, PER_SMART_HOST_CHECKS, staleReason } from '../../../preload/vocabulary/inputs-key.js';
import type { SavedCheckResult } from '../../../preload/vocabulary/engagement.js';
import { engagementFixture } from '../../renderer/engagement-fixture.js';

const saved = (id: string, target: string | null): SavedCheckResult => ({ id, title: id, step: 'prerequisites', target, status: 'pass', summary: 'ok', evidence: {}, durationMs: 1, ranAt: '2026-12-02T09:00:00.000Z' });

describe('which targets a saved result is about', () => {
  it('knows the per-domain and per-smart-host checks exactly as the registry declares them', () => {
    const catalog = describeChecks();
    expect([...PER_DOMAIN_CHECKS].sort()).toEqual(catalog.filter((info) => info.perDomain).map((info) => info.id).sort());
    expect([...PER_SMART_HOST_CHECKS].sort()).toEqual(catalog.filter((info) => info.perSmartHost).map((info) => info.id).sort());
  });

  it('keeps a smart host check’s result for every current smart host, and marks one for a removed host out of date', () => {
    const engagement = engagementFixture({ smartHosts: ['mx1.contoso.test', 'MX2.contoso.test'] });
    expect(staleReason(engagement, saved('smtp.connect', 'mx1.contoso.test'))).toBeNull();
    expect(staleReason(engagement, saved('smtp.connect', 'mx2.contoso.test'))).toBeNull();
    expect(staleReason(engagement, saved('smtp.connect', 'mail.contoso.test'))).toBe('target');
    expect(staleReason(engagement, saved('smtp.connect', null))).toBe('target');
    // A check run once is named after the first smart host.
    expect(staleReason(engagement, saved('eop.smtp', 'mx1.contoso.test'))).toBeNull();
    expect(staleReason(engagement, saved('eop.smtp', 'mx2.contoso.test'))).toBe('target');
    // A per-domain result is about a domain, never a smart host.
    expect(staleReason(engagement, saved('dns.mx', 'mx1.contoso.test'))).toBe('target');
  });
});

describe('which inputs a result depends on', () => {
  it('keys dns.mta-sts by the tenant MX, the tenant read and the extra CA (its policy is fetched over HTTPS), dns.tlsrpt by the DNS server alone', () => {
    const base = engagementFixture();
    const changes = {
      tenantMx: engagementFixture({ checkSettings: { ...base.checkSettings, tenantMx: 'contoso-test.e-v1.mx.microsoft' } }),
      ca: engagementFixture({ checkSettings: { ...base.checkSettings, extraCaPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } }),
      tenant: engagementFixture({ tenantSnapshot: { version: 1, readAt: '2026-12-01T10:00:00.000Z', cloud: 'Worldwide', tenantId: 't', account: 'a@contoso.test', domains: [], acceptedDomains: [], errors: [] } }),
      port: engagementFixture({ checkSettings: { ...base.checkSettings, smtpPort: 2525 } }),
      dns: engagementFixture({ checkSettings: { ...base.checkSettings, dnsServer: '127.0.3.1:53' } }),
    };
    const changed = (id: string) => Object.entries(changes).filter(([, engagement]) => checkInputsKey(id, engagement) !== checkInputsKey(id, base)).map(([name]) => name);
    expect(changed('dns.mta-sts')).toEqual(['tenantMx', 'ca', 'tenant', 'dns']);
    expect(changed('dns.tlsrpt')).toEqual(['dns']);
  });
});
