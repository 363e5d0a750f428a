import { describe, expect, it } from 'vitest';
import { generateScripts } from '../../../../main/core/scripts/generate.js';
import { ScriptInputError, type ScriptInputs } from '../../../../main/core/scripts/types.js';
import { inventoryOf, listOf, rawInventory } from '../../../fixtures/inventory/load.js';

const FIXTURES = '../../../fixtures/scripts';

/** Every combination the admin can pick: certificate vs ip, domains vs rule, exchange vs postfix, new vs edit. */
const VARIANTS: readonly { readonly name: string; readonly input: ScriptInputs }[] = [
  {
    name: 'exchange-certificate-accepted-domains-new',
    input: {
      domains: ['contoso.com', 'fabrikam.com'],
      smartHosts: ['mail.contoso.com'],
      scope: 'accepted-domains',
      inboundBy: 'certificate',
      serverKind: 'exchange',
      testAddresses: ['alex@contoso.com', 'kim@fabrikam.com'],
      tenantMx: 'contoso-com.mail.protection.outlook.com',
      mode: 'new',
    },
  },
  {
    name: 'exchange-ip-transport-rule-edit',
    input: {
      domains: ['contoso.com'],
      smartHosts: ['mail1.contoso.com', '203.0.113.25'],
      scope: 'transport-rule',
      inboundBy: 'ip',
      senderIpAddresses: ['203.0.113.25', '198.51.100.0/28'],
      serverKind: 'exchange',
      testAddresses: [],
      tenantMx: 'contoso-com.e-v1.mx.microsoft',
      tlsSettings: 'DomainValidation',
      tlsDomain: '*.contoso.com',
      connectorNames: { outbound: "Contoso's on-prem", inbound: 'From Contoso', transportRule: 'Contoso routing', sendConnector: 'Contoso to EXO' },
      onPremFqdn: 'mail1.contoso.com',
      tlsCertificateName: "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail1.contoso.com",
      receiveConnectorIdentity: 'EX01\\Default Frontend EX01',
      mode: 'edit',
    },
  },
  {
    name: 'postfix-certificate-transport-rule-new',
    input: {
      domains: ['contoso.com'],
      smartHosts: ['mx.contoso.com'],
      scope: 'transport-rule',
      inboundBy: 'certificate',
      certificateName: '*.contoso.com',
      serverKind: 'postfix',
      testAddresses: ['postmaster@contoso.com'],
      tenantMx: 'contoso-com.mail.protection.outlook.com',
      mode: 'new',
    },
  },
  {
    name: 'postfix-ip-accepted-domains-edit',
    input: {
      domains: ['fabrikam.com'],
      smartHosts: ['198.51.100.7'],
      scope: 'accepted-domains',
      inboundBy: 'ip',
      senderIpAddresses: ['198.51.100.7'],
      serverKind: 'postfix',
      testAddresses: ['kim@fabrikam.com'],
      tenantMx: 'fabrikam-com.mail.protection.outlook.com',
      tlsSettings: 'EncryptionOnly',
      postfix: { certFile: '/etc/postfix/tls/mail.pem', keyFile: '/etc/postfix/tls/mail.key', caFile: '/etc/ssl/certs/ca-certificates.crt', tlsLevel: 'verify' },
      mode: 'edit',
    },
  },
  {
    // The acceptance path: wizard-made connectors and an Authoritative domain, read from the inventory.
    name: 'exchange-wizard-connectors-edit-from-inventory',
    input: {
      domains: ['contoso.com'],
      smartHosts: ['mail.contoso.com'],
      scope: 'accepted-domains',
      inboundBy: 'certificate',
      serverKind: 'exchange',
      testAddresses: [],
      tenantMx: 'contoso-com.mail.protection.outlook.com',
      mode: 'edit',
      inventory: inventoryOf('exchange-online-wizard.json', 'exchange-server.json'),
    },
  },
  {
    name: 'exchange-transport-rule-edit-from-inventory',
    input: {
      domains: ['fabrikam.com'],
      smartHosts: ['mx1.fabrikam.com'],
      scope: 'transport-rule',
      inboundBy: 'ip',
      senderIpAddresses: ['203.0.113.25'],
      serverKind: 'postfix',
      testAddresses: ['kim@fabrikam.com'],
      tenantMx: 'fabrikam-com.mail.protection.outlook.com',
      mode: 'edit',
      inventory: inventoryOf(withInbound(rawInventory('exchange-online-raw.json'))),
    },
  },
];

/** The raw Fabrikam inventory with an inbound connector for the server, as an edit needs. */
function withInbound(raw: ReturnType<typeof rawInventory>): ReturnType<typeof rawInventory> {
  raw.data['inboundConnectors'] = [{ Identity: 'From Fabrikam', Name: 'From Fabrikam', Enabled: true, ConnectorType: 'OnPremises', SenderDomains: ['smtp:*;1'], SenderIPAddresses: ['203.0.113.25'] }];
  return raw;
}

/** The acceptance variant's input (wizard-made connectors, Authoritative domain). */
function wizardInput(): ScriptInputs {
  const variant = VARIANTS.find((candidate) => candidate.name === 'exchange-wizard-connectors-edit-from-inventory');
  if (variant === undefined) throw new Error('the wizard variant is missing');
  return variant.input;
}

describe('generateScripts', () => {
  it.each(VARIANTS)('matches the golden files for $name', async ({ name, input }) => {
    const scripts = generateScripts(input);
    for (const script of scripts) {
      await expect(script.content).toMatchFileSnapshot(`${FIXTURES}/${name}.${script.filename}`);
    }
  });

  it('gives Exchange Online first, then the on-premises side', () => {
    const byName = new Map(VARIANTS.map((variant) => [variant.name, generateScripts(variant.input)]));
    const describeScripts = (name: string): string[] =>
      (byName.get(name) ?? []).map((script) => `${script.language}:${script.filename}`);
    expect(describeScripts('exchange-certificate-accepted-domains-new')).toEqual(['powershell:exchange-online.ps1', 'powershell:exchange-server.ps1']);
    expect(describeScripts('exchange-ip-transport-rule-edit')).toEqual(['powershell:exchange-online-edit.ps1', 'powershell:exchange-server-edit.ps1']);
    expect(describeScripts('postfix-certificate-transport-rule-new')).toEqual([
      'powershell:exchange-online.ps1',
      'shell:postfix.sh',
      'postfix-main.cf:postfix-main.cf',
    ]);
  });

  it('explains every parameter it sets', () => {
    for (const { input } of VARIANTS) {
      for (const script of generateScripts(input)) {
        expect(script.parameters.length).toBeGreaterThan(0);
        for (const parameter of script.parameters) {
          expect(parameter.explanation).toMatch(/^\S.*[.)]$/);
          expect(parameter.explanation).not.toContain('\n');
        }
      }
    }
  });

  it('is deterministic', () => {
    for (const { input } of VARIANTS) expect(generateScripts(input)).toEqual(generateScripts(input));
  });

  it('refuses to create a connector that already exists, naming it', () => {
    const input: ScriptInputs = { ...wizardInput(), mode: 'new' };
    expect(() => generateScripts(input)).toThrow(
      'mode: an outbound connector for contoso.com already exists ("Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90"): edit it instead of creating a duplicate',
    );
    expect(() => generateScripts(input)).toThrow('an OnPremises inbound connector already exists ("Inbound from 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90")');
  });

  it('refuses an Edge topology and Exchange 2010 from the inventory', () => {
    const edge = rawInventory('exchange-server.json');
    edge.data['edgeSubscriptions'] = [{ Name: 'EDGE01', Site: 'Default-First-Site-Name' }];
    listOf(edge, 'servers').push({ Name: 'EX2010', AdminDisplayVersion: 'Version 14.3 (Build 123.4)', ServerRole: 'HubTransport', IsEdgeServer: false });
    const input: ScriptInputs = { ...wizardInput(), inventory: inventoryOf('exchange-online-wizard.json', edge) };
    expect(() => generateScripts(input)).toThrow('the organisation sends through the Edge subscription "EDGE01"');
    expect(() => generateScripts(input)).toThrow('Exchange 2010 or older is not supported');
  });

  it('throws ScriptInputError for bad input', () => {
    for (const { input } of VARIANTS) expect(() => generateScripts({ ...input, domains: ['bad domain'] })).toThrow(ScriptInputError);
  });
});
