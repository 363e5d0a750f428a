import { describe, expect, it } from 'vitest';
import { tenantConnectorsCheck } from '../../../../../main/core/checks/tenant/connectors.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { inventoryOf, listOf, rawInventory } from '../../../../fixtures/inventory/load.js';

const WIZARD_OUT = 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const WIZARD_IN = 'Inbound from 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const contoso = { domains: ['contoso.com'], smartHosts: ['mail.contoso.com'] };

describe('tenant.connectors', () => {
  it('is skipped without an Exchange Online inventory', async () => {
    const outcome = await tenantConnectorsCheck.run(createCheckContext({ inputs: contoso }), null);
    expect(outcome.status).toBe('skip');
  });

  it('finds the wizard-made connectors and names what is weaker than the engagement', async () => {
    const ctx = createCheckContext({ inputs: { ...contoso, inventory: inventoryOf('exchange-online-wizard.json') } });
    const outcome = await tenantConnectorsCheck.run(ctx, null);
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain(`made by the Hybrid Configuration Wizard: "${WIZARD_OUT}", "${WIZARD_IN}"`);
    expect(outcome.summary).toContain(`"${WIZARD_OUT}" uses TLS EncryptionOnly, weaker than the chosen CertificateValidation`);
    expect(outcome.summary).toContain(`"${WIZARD_OUT}" was never validated`);
    expect(outcome.evidence['wizardMade']).toEqual([WIZARD_OUT, WIZARD_IN]);
  });

  it('passes when the existing connectors already match', async () => {
    const raw = rawInventory('exchange-online-wizard.json');
    Object.assign(listOf(raw, 'outboundConnectors')[0] ?? {}, { TlsSettings: 'CertificateValidation', IsValidated: true, LastValidationTimestamp: '2026-11-01T00:00:00Z' });
    const outcome = await tenantConnectorsCheck.run(createCheckContext({ inputs: { ...contoso, inventory: inventoryOf(raw) } }), null);
    expect(outcome.status).toBe('pass');
  });

  it('names overlapping and disabled connectors', async () => {
    const raw = rawInventory('exchange-online-wizard.json');
    const outbound = listOf(raw, 'outboundConnectors');
    outbound.push({ ...outbound[0], Name: 'Contoso on-premises', Identity: 'Contoso on-premises' }, { ...outbound[0], Name: 'Old route', Identity: 'Old route', Enabled: false });
    const outcome = await tenantConnectorsCheck.run(createCheckContext({ inputs: { ...contoso, inventory: inventoryOf(raw) } }), null);
    expect(outcome.summary).toContain(`2 enabled outbound connectors overlap for these domains ("${WIZARD_OUT}", "Contoso on-premises")`);
    expect(outcome.summary).toContain('outbound connector "Old route" is disabled');
  });

  it('fails a rule-scoped connector that no enabled rule routes to', async () => {
    const inputs = { domains: ['fabrikam.com'], smartHosts: ['mx1.fabrikam.com'] };
    const routed = await tenantConnectorsCheck.run(createCheckContext({ inputs: { ...inputs, inventory: inventoryOf('exchange-online-raw.json') } }), null);
    expect(routed.summary).not.toContain('no enabled rule');
    const raw = rawInventory('exchange-online-raw.json');
    Object.assign(listOf(raw, 'transportRules')[0] ?? {}, { State: 'Disabled' });
    const outcome = await tenantConnectorsCheck.run(createCheckContext({ inputs: { ...inputs, inventory: inventoryOf(raw) } }), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('"Office 365 to Fabrikam" is scoped to a mail flow rule, but no enabled rule routes to it');
  });
});
