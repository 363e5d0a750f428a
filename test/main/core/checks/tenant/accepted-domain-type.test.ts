import { describe, expect, it } from 'vitest';
import { tenantAcceptedDomainTypeCheck } from '../../../../../main/core/checks/tenant/accepted-domain-type.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { inventoryOf } from '../../../../fixtures/inventory/load.js';

describe('tenant.accepted-domain-type', () => {
  it('fails an Authoritative domain shared with a server that is not Exchange, naming 550 5.4.1 and the fix', async () => {
    const ctx = createCheckContext({ inputs: { domains: ['contoso.com'], inventory: inventoryOf('exchange-online-wizard.json', 'postfix-3.5.json') } });
    const outcome = await tenantAcceptedDomainTypeCheck.run(ctx, 'contoso.com');
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('550 5.4.1');
    expect(outcome.advice?.text).toContain('Set-AcceptedDomain -Identity contoso.com -DomainType InternalRelay');
  });

  it('warns when Exchange on-premises may synchronise every user into the tenant', async () => {
    const ctx = createCheckContext({ inputs: { domains: ['contoso.com'], inventory: inventoryOf('exchange-online-wizard.json', 'exchange-server.json') } });
    const outcome = await tenantAcceptedDomainTypeCheck.run(ctx, 'contoso.com');
    expect(outcome.status).toBe('warn');
    expect(outcome.advice?.text).toContain('directory synchronisation');
  });

  it('passes InternalRelay and fails a domain the tenant does not accept', async () => {
    const ctx = createCheckContext({ inputs: { domains: ['fabrikam.com'], inventory: inventoryOf('exchange-online-raw.json') } });
    expect((await tenantAcceptedDomainTypeCheck.run(ctx, 'fabrikam.com')).status).toBe('pass');
    const other = await tenantAcceptedDomainTypeCheck.run(ctx, 'northwind.com');
    expect(other.status).toBe('fail');
    expect(other.summary).toBe('northwind.com is not an accepted domain of the tenant, so Office 365 does not take mail for it.');
  });

  it('is skipped without an Exchange Online inventory', async () => {
    expect((await tenantAcceptedDomainTypeCheck.run(createCheckContext(), 'contoso.test')).status).toBe('skip');
  });
});
