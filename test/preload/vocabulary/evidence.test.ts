import { describe, expect, it } from 'vitest';
import { describeChecks } from '../../../main/core/checks/registry.js';
import { CHECK_ID_SET, evidenceOf, evidenceProblem, recordToPublishOf } from '../../../preload/vocabulary/evidence.js';

const mx = { id: 'dns.mx', evidence: { domain: 'contoso.test', state: 'pending', records: [], expected: ['contoso-test.mail.protection.outlook.com'], recordToPublish: 'contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com.', resolver: 'system' } };

describe('typed evidence', () => {
  it('has a schema for exactly the checks of the registry', () => {
    expect([...CHECK_ID_SET].sort()).toEqual(describeChecks().map((info) => info.id).sort());
  });

  it('reads a check’s own evidence, typed, and nothing from another check or the runner', () => {
    expect(evidenceOf(mx, 'dns.mx')?.expected).toEqual(['contoso-test.mail.protection.outlook.com']);
    expect(evidenceOf(mx, 'dns.spf')).toBeNull();
    expect(evidenceOf({ id: 'dns.mx', evidence: { blockedBy: 'dns.smarthost.resolve', rootCause: 'dns.smarthost.resolve' } }, 'dns.mx')).toBeNull();
    expect(evidenceOf({ id: 'dns.mx', evidence: { domain: 'contoso.test' } }, 'dns.mx')).toBeNull();
  });

  it('says why evidence has neither its check’s shape nor the runner’s', () => {
    expect(evidenceProblem(mx)).toBeNull();
    expect(evidenceProblem({ id: 'dns.mx', evidence: { error: 'boom' } })).toBeNull();
    expect(evidenceProblem({ id: 'dns.mx', evidence: { domain: 'contoso.test' } })).toMatch(/^dns\.mx: /);
    expect(evidenceProblem({ id: 'nope', evidence: {} })).toBe('nope is not a check id');
  });

  it('finds the record to publish of the checks that give one', () => {
    expect(recordToPublishOf(mx)).toBe('contoso.test. IN MX 0 contoso-test.mail.protection.outlook.com.');
    expect(recordToPublishOf({ id: 'tenant.mx', evidence: { recordToPublish: 'contoso.test. IN MX 0 contoso-test.e-v1.mx.microsoft.' } })).toBe('contoso.test. IN MX 0 contoso-test.e-v1.mx.microsoft.');
    expect(recordToPublishOf({ id: 'dns.dkim', evidence: { domain: 'contoso.test', selectors: [], resolver: 'system' } })).toBeNull();
    expect(recordToPublishOf({ id: 'dns.mx', evidence: { cancelled: true } })).toBeNull();
  });
});
