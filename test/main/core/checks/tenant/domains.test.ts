import { describe, expect, it } from 'vitest';
import { run } from './lab.js';

describe('tenant.domains', () => {
  it('passes a verified Email domain', async () => {
    expect((await run('tenant.domains', 'contoso.test')).status).toBe('pass');
  });

  it('fails a missing or unverified domain, warns one without Email', async () => {
    expect(await run('tenant.domains', 'other.test')).toMatchObject({ status: 'fail', advice: { text: expect.stringContaining('Add other.test') as unknown } });
    expect(await run('tenant.domains', 'fabrikam.test')).toMatchObject({ status: 'fail', summary: expect.stringContaining('not verified') as unknown });
    expect((await run('tenant.domains', 'tailspin.test')).status).toBe('warn');
  });
});
