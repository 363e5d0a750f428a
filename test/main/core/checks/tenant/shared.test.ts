import { describe, expect, it } from 'vitest';
import { createCheckContext } from '../../../../lab/check-context.js';
import { checks, createTenantChecks, run, SNAPSHOT } from './lab.js';

describe('the tenant checks together', () => {
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
