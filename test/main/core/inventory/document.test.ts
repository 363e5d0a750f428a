import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPTY_INVENTORY, InventoryImportError, parseInventoryDocument, withDocuments } from '../../../../main/core/inventory/document.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../fixtures/inventory/${name}`, import.meta.url)), 'utf8');

describe('parseInventoryDocument', () => {
  it('reads the Exchange Online document the inventory script writes', () => {
    const document = parseInventoryDocument(fixture('exchange-online-wizard.json'));
    if (document.side !== 'exchange-online') throw new Error('wrong side');
    expect(document.readAt).toBe('2026-11-30T09:12:44.123Z');
    expect(document.source).toBe('contoso.com');
    const [outbound] = document.data.outboundConnectors;
    expect(outbound).toMatchObject({ Name: 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90', ConnectorSource: 'HybridWizard', TlsSettings: 'EncryptionOnly', IsValidated: false });
    expect(document.data.acceptedDomains.map((domain) => domain.DomainType)).toEqual(['Authoritative', 'Authoritative', 'Authoritative']);
  });

  it('is tolerant of the shapes ConvertTo-Json gives raw cmdlet objects', () => {
    const document = parseInventoryDocument(fixture('exchange-online-raw.json'));
    if (document.side !== 'exchange-online') throw new Error('wrong side');
    expect(document.readAt).toBe('2025-11-30T09:12:44.000Z');
    const [outbound] = document.data.outboundConnectors;
    expect(outbound?.SmartHosts).toEqual(['mx1.fabrikam.com', '203.0.113.25']);
    expect(outbound?.RecipientDomains).toEqual(['fabrikam.com']);
    expect(outbound?.Enabled).toBe(true);
    expect(outbound?.ConnectorType).toBe('OnPremises');
    expect(outbound?.LastValidationTimestamp).toBe('2025-11-29T09:12:44.000Z');
    expect(outbound?.CloudServicesMailEnabled).toBeNull();
    expect(document.data.inboundConnectors).toEqual([]);
    expect(document.data.transportRules[0]?.Priority).toBe('0');
  });

  it('reads address spaces as text or objects and certificate services as names', () => {
    const document = parseInventoryDocument(fixture('exchange-server.json'));
    if (document.side !== 'exchange-server') throw new Error('wrong side');
    expect(document.data.sendConnectors.map((connector) => connector.AddressSpaces)).toEqual([
      [{ type: 'SMTP', address: '*', cost: 1 }],
      [{ type: 'smtp', address: 'contoso.mail.onmicrosoft.com', cost: 1 }],
    ]);
    expect(document.data.certificates[0]?.Services).toEqual(['IMAP', 'POP', 'IIS', 'SMTP']);
  });

  it('parses the Postfix version and postconf -n', () => {
    const document = parseInventoryDocument(fixture('postfix-3.5.json'));
    if (document.side !== 'postfix') throw new Error('wrong side');
    expect(document.data.version).toEqual({ major: 3, minor: 5, patch: 25 });
    expect(document.data.settings['smtp_tls_mandatory_protocols']).toBe('>=TLSv1.2');
  });

  it('accepts the byte order mark Windows PowerShell writes', () => {
    expect(parseInventoryDocument(`\uFEFF${fixture('postfix-3.5.json')}`).side).toBe('postfix');
  });

  it.each([
    ['', 'The file is empty'],
    ['{"format":"mailflow-inventory"', 'The file is not JSON'],
    ['[{"Name":"x"}]', 'not a Mailflow Assistant inventory document'],
    ['{"format":"mailflow-inventory","version":2,"side":"postfix","readAt":"2026-01-01T00:00:00Z","data":{}}', 'version 2; this assistant reads version 1'],
    ['{"format":"mailflow-inventory","version":1,"side":"sendmail","readAt":"2026-01-01T00:00:00Z","data":{}}', 'header is wrong: side:'],
    ['{"format":"mailflow-inventory","version":1,"side":"postfix","readAt":"yesterday","data":{}}', 'readAt: expected a date, got "yesterday"'],
  ])('refuses %j with a clear reason', (text, message) => {
    expect(() => parseInventoryDocument(text)).toThrow(InventoryImportError);
    expect(() => parseInventoryDocument(text)).toThrow(message);
  });

  it('names the field and value that are wrong, an enum written as a number included', () => {
    const raw = JSON.parse(fixture('exchange-online-wizard.json')) as { data: { outboundConnectors: Record<string, unknown>[] } };
    const connector = raw.data.outboundConnectors[0];
    if (connector === undefined) throw new Error('fixture changed');
    connector['TlsSettings'] = 2;
    connector['Enabled'] = 'maybe';
    let error: unknown;
    try {
      parseInventoryDocument(JSON.stringify(raw));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InventoryImportError);
    const message = (error as Error).message;
    expect(message).toContain('data.outboundConnectors[0].Enabled: expected true or false, got "maybe"');
    expect(message).toContain('data.outboundConnectors[0].TlsSettings: is the number 2, not a name');
  });
});

describe('withDocuments', () => {
  it('keeps one document per side, the later one winning', () => {
    const first = parseInventoryDocument(fixture('exchange-online-wizard.json'));
    const second = parseInventoryDocument(fixture('exchange-online-raw.json'));
    const postfix = parseInventoryDocument(fixture('postfix-3.5.json'));
    const inventory = withDocuments(EMPTY_INVENTORY, [first, postfix, second]);
    expect(inventory.exchangeOnline).toBe(second);
    expect(inventory.postfix).toBe(postfix);
    expect(inventory.exchangeServer).toBeNull();
  });
});
