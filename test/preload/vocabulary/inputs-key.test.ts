import { describe, expect, it } from 'vitest';
import { describeChecks } from '../../../main/core/checks/registry.js';
import { PER_DOMAIN_CHECKS, PER_SMART_HOST_CHECKS, staleReason } from '../../../preload/vocabulary/inputs-key.js';
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
