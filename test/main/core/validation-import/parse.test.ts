import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseValidationOutput, provesDelivery, ValidationImportError } from '../../../../main/core/validation-import/parse.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../fixtures/validation/${name}`, import.meta.url)), 'utf8');

describe('parseValidationOutput', () => {
  it('turns a failed validation into results per smart host and stage, with the fix', () => {
    const result = parseValidationOutput(fixture('validate-failed-connection.json'));
    expect(result.stages.map((stage) => [stage.smartHost, stage.stage, stage.status])).toEqual([
      ['mail.contoso.com', 'Resolve', 'pass'],
      ['mail.contoso.com', 'Connection', 'fail'],
      ['mail2.contoso.com', 'Resolve', 'fail'],
    ]);
    expect(result.stages[1]?.fix).toContain('open port 25 on the firewall to the Exchange Online Protection ranges');
    expect(result.stages[2]?.fix).toContain('no A or MX record');
    expect(provesDelivery(result)).toBe(false);
  });

  it('takes a validation where every stage passed as proof from Office 365', () => {
    const result = parseValidationOutput(fixture('validate-passed.json'));
    expect(result.stages.map((stage) => stage.stage)).toEqual(['Resolve', 'Connection', 'TLS/EHLO', 'Send']);
    expect(provesDelivery(result)).toBe(true);
  });

  it('reads IsValidated and LastValidationTimestamp from Get-OutboundConnector', () => {
    const result = parseValidationOutput(fixture('get-outbound-connector.json'));
    expect(result.connectors).toEqual([
      {
        name: 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90',
        isValidated: true,
        lastValidationTimestamp: '2025-11-29T09:12:44.000Z',
        validationRecipients: ['postmaster@contoso.com'],
        smartHosts: ['mail.contoso.com'],
      },
    ]);
    expect(provesDelivery(result)).toBe(true);
  });

  it('reads Get-MessageTraceV2 rows with their detail events', () => {
    const result = parseValidationOutput(fixture('message-trace.json'));
    expect(result.trace.map((entry) => [entry.recipient, entry.status, entry.delivered])).toEqual([
      ['postmaster@contoso.com', 'Delivered', true],
      ['bob@contoso.com', 'Failed', false],
    ]);
    expect(result.trace[1]?.events[0]?.detail).toContain('550 5.4.1');
    expect(result.trace[0]?.events).toEqual([]);
  });

  it.each([
    ['', 'Nothing to read'],
    ['Validate-OutboundConnector : The term is not recognized', 'This is not JSON'],
    ['[1, 2]', 'Item 1 is not an object'],
    ['[]', 'Nothing recognisable'],
  ])('refuses %j clearly', (input, message) => {
    expect(() => parseValidationOutput(input)).toThrow(ValidationImportError);
    expect(() => parseValidationOutput(input)).toThrow(message);
  });
});
