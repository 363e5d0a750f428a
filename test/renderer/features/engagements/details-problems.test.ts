import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementDetailsSchema } from '../../../../preload/contract';
import { detailsProblems, hasProblems, splitList, type DetailsDraft } from '../../../../renderer/src/features/engagements/details-problems';

const good: DetailsDraft = { name: 'Contoso', domains: 'contoso.com\nfabrikam.com', smartHosts: 'mail.contoso.com\n203.0.113.25', testAddresses: 'it@contoso.com', notes: '' };

describe('detailsProblems', () => {
  it('finds nothing in good details', () => {
    expect(hasProblems(detailsProblems(good))).toBe(false);
  });

  it('names every problem of every field at once, in plain words', () => {
    const problems = detailsProblems({ name: ' ', domains: 'northwind\njohn@contoso.com\ncontoso.com\nCONTOSO.com', smartHosts: 'mail.contoso.com:25\nhttps://mx.contoso.com\nmx..contoso.com', testAddresses: 'bob\nit@fabrikam.com', notes: 'x'.repeat(20_001) });
    expect(problems.name).toEqual(['Give the engagement a name, for example the customer’s.']);
    expect(problems.domains).toEqual([
      '"northwind" needs at least two labels, like contoso.com.',
      'john@contoso.com is an email address: enter only the domain (contoso.com).',
      'contoso.com is listed twice: keep one domain.',
    ]);
    expect(problems.smartHosts[0]).toBe('mail.contoso.com:25: a port goes in Check settings (SMTP port of the smart host), not in the host name. Enter mail.contoso.com here.');
    expect(problems.smartHosts[1]).toBe('https://mx.contoso.com is a web address: enter only the server name, without https://.');
    expect(problems.smartHosts[2]).toMatch(/^"mx\.\.contoso\.com" is neither a host name \(FQDN\) nor an IP address/);
    expect(problems.testAddresses).toEqual(['"bob" is not an email address (expected name@domain).', 'it@fabrikam.com is not in one of the email domains above: Office 365’s validation sends only to addresses in them.']);
    expect(problems.notes).toEqual(['Keep notes under 20,000 characters.']);
  });

  it('accepts only what the core accepts: details without problems always pass the saved schema', () => {
    const item = fc.oneof(fc.constantFrom('contoso.com', 'mail.contoso.com', 'northwind', '203.0.113.7', 'a@b.com', 'x:25', '::1', 'xn--bcher-kva.example'), fc.string({ maxLength: 12 }));
    const list = fc.array(item, { maxLength: 4 }).map((items) => items.join('\n'));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), list, list, list, (name, domains, smartHosts, testAddresses) => {
        const draft = { name, domains, smartHosts, testAddresses, notes: '' };
        if (hasProblems(detailsProblems(draft))) return;
        const parsed = engagementDetailsSchema.safeParse({ name: name.trim(), domains: splitList(domains), smartHosts: splitList(smartHosts), serverKind: 'postfix', testAddresses: splitList(testAddresses), notes: '' });
        expect(parsed.success).toBe(true);
      }),
    );
  });
});
