import { describe, expect, it } from 'vitest';
import { run } from './lab.js';

describe('tenant.cnames', () => {
  it('compares the Email CNAMEs only', async () => {
    expect((await run('tenant.cnames', 'contoso.test', { 'autodiscover.contoso.test': { CNAME: ['autodiscover.outlook.com.'] } })).status).toBe('pass');
  });

  it('warns on a missing or different CNAME with the record to publish', async () => {
    const outcome = await run('tenant.cnames', 'contoso.test', { 'autodiscover.contoso.test': { CNAME: ['mail.contoso.test'] } });
    expect(outcome.status).toBe('warn');
    expect(outcome.advice?.text).toContain('autodiscover.contoso.test. IN CNAME autodiscover.outlook.com.');
    expect((await run('tenant.cnames', 'contoso.test', {})).summary).toContain('is missing');
  });
});
