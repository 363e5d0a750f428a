import { describe, expect, it } from 'vitest';
import { onpremSendConnectorCheck } from '../../../../../main/core/checks/onprem/send-connector.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { inventoryOf, listOf, rawInventory } from '../../../../fixtures/inventory/load.js';

const TO_OFFICE = {
  Identity: 'To Office 365',
  Name: 'To Office 365',
  AddressSpaces: ['SMTP:*;1'],
  Enabled: true,
  SmartHosts: ['contoso-com.mail.protection.outlook.com'],
  DNSRoutingEnabled: false,
  SourceTransportServers: ['EX01'],
  RequireTLS: true,
  TlsAuthLevel: 'CertificateValidation',
  CloudServicesMailEnabled: true,
  Fqdn: 'mail.contoso.com',
};

async function run(change: (raw: ReturnType<typeof rawInventory>) => void) {
  const raw = rawInventory('exchange-server.json');
  change(raw);
  return onpremSendConnectorCheck.run(createCheckContext({ inputs: { domains: ['contoso.com'], inventory: inventoryOf(raw) } }), null);
}

describe('onprem.send-connector', () => {
  it('warns that the existing "*" connector carries Internet mail while none relays to Office 365', async () => {
    const outcome = await run(() => undefined);
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('No send connector relays to Office 365 yet; "Internet" (*, cost 1) carries Internet mail today');
    expect(outcome.advice?.text).toContain('disables "Internet"');
  });

  it('fails when an existing "*" connector wins by name at the same cost', async () => {
    const outcome = await run((raw) => listOf(raw, 'sendConnectors').push(TO_OFFICE));
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('"Internet" still wins over "To Office 365" for Internet mail (its name sorts first at the same cost)');
  });

  it('fails when the other connector has the lower cost, or a more specific address space', async () => {
    const cheaper = await run((raw) => listOf(raw, 'sendConnectors').push({ ...TO_OFFICE, Name: 'A to Office 365', AddressSpaces: ['SMTP:*;5'] }));
    expect(cheaper.summary).toContain('its cost 1 is lower than 5');
    const specific = await run((raw) => {
      const connectors = listOf(raw, 'sendConnectors');
      Object.assign(connectors[0] ?? {}, { AddressSpaces: ['SMTP:*.net;10'] });
      connectors.push({ ...TO_OFFICE, Name: 'A to Office 365' });
    });
    expect(specific.summary).toContain('its address space is more specific');
  });

  it('passes when the connector to Office 365 wins: the "*" one disabled or more expensive', async () => {
    const disabled = await run((raw) => {
      const connectors = listOf(raw, 'sendConnectors');
      Object.assign(connectors[0] ?? {}, { Enabled: false });
      connectors.push(TO_OFFICE);
    });
    expect(disabled.status).toBe('pass');
    const costly = await run((raw) => {
      const connectors = listOf(raw, 'sendConnectors');
      Object.assign(connectors[0] ?? {}, { AddressSpaces: [{ Type: 'SMTP', Address: '*', Cost: 10 }] });
      connectors.push(TO_OFFICE);
    });
    expect(costly.status).toBe('pass');
    expect(costly.summary).toBe('"To Office 365" (*, cost 1) carries Internet mail to Office 365 over TLS.');
  });

  it('names Edge subscriptions and Exchange 2010 as limits', async () => {
    const outcome = await run((raw) => {
      raw.data['edgeSubscriptions'] = [{ Name: 'EDGE01', Site: 'Default-First-Site-Name', Domain: null }];
      raw.data['servers'] = [{ Name: 'EX01', AdminDisplayVersion: 'Version 14.3 (Build 123.4)', ServerRole: 'Mailbox, ClientAccess, HubTransport', IsEdgeServer: false }];
    });
    expect(outcome.summary).toContain('Edge subscription(s) EDGE01');
    expect(outcome.summary).toContain('Exchange 2010 or older has no TlsCertificateName');
  });

  it('is skipped without an Exchange Server inventory', async () => {
    expect((await onpremSendConnectorCheck.run(createCheckContext(), null)).status).toBe('skip');
  });
});
