import { describe, expect, it } from 'vitest';
import { exchangeOnlineScript } from '../../../../main/core/scripts/exchange-online.js';
import type { ScriptInputs } from '../../../../main/core/scripts/types.js';
import { assertScriptInputs } from '../../../../main/core/scripts/validate-inputs.js';
import { baseScriptInputs } from '../../../fixtures/scripts/base-inputs.js';

const BASE: ScriptInputs = baseScriptInputs('postfix');

const QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/**
 * Reads a PowerShell verbatim string starting at `start` the way PowerShell's tokenizer does:
 * any single-quote character ends it unless the next character is also a single quote.
 */
function readVerbatim(text: string, start: number): { readonly value: string; readonly end: number } {
  expect(QUOTES.has(text.charAt(start))).toBe(true);
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (QUOTES.has(char)) {
      if (QUOTES.has(text.charAt(index + 1))) {
        value += char;
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  throw new Error('unterminated string');
}

function script(input: ScriptInputs): string {
  return exchangeOnlineScript(assertScriptInputs(input)).content;
}

describe('exchangeOnlineScript', () => {
  it('scopes by recipient domains', () => {
    const content = script(BASE);
    expect(content).toContain("RecipientDomains      = @('contoso.com')");
    expect(content).toContain('IsTransportRuleScoped = $false');
    expect(content).not.toContain('New-TransportRule');
  });

  it('scopes by a mail flow rule that points at the connector', () => {
    const content = script({ ...BASE, scope: 'transport-rule' });
    expect(content).toContain('IsTransportRuleScoped = $true');
    expect(content).not.toContain('RecipientDomains ');
    expect(content).toContain("New-TransportRule -Name 'Route to on-premises mail server' @transportRule");
    expect(content).toContain("RouteMessageOutboundConnector = 'Office 365 to on-premises mail server'");
  });

  it('identifies the on-premises server by certificate or by IP', () => {
    expect(script({ ...BASE, certificateName: '*.contoso.com' })).toContain("TlsSenderCertificateName = '*.contoso.com'");
    const byIp = script({ ...BASE, inboundBy: 'ip', senderIpAddresses: ['203.0.113.0/24'] });
    expect(byIp).toContain("SenderIPAddresses = @('203.0.113.0/24')");
    expect(byIp).not.toContain('TlsSenderCertificateName');
  });

  it('uses the Set- forms in edit mode, and creates or updates the rule before switching the connector to it', () => {
    const content = script({ ...BASE, mode: 'edit', scope: 'transport-rule' });
    expect(content).toMatch(/^Set-OutboundConnector -Identity '.+' @outboundConnector$/m);
    expect(content).toMatch(/^ {4}Set-TransportRule -Identity '.+' @transportRule$/m);
    expect(content).toMatch(/^ {4}New-TransportRule -Name '.+' @transportRule$/m);
    expect(content).toMatch(/^Set-InboundConnector -Identity '.+' @inboundConnector$/m);
    expect(content).not.toMatch(/^New-(?!Item)/m);
    expect(content.indexOf('Set-TransportRule')).toBeLessThan(content.indexOf('Set-OutboundConnector -Identity'));
  });

  it('saves the current settings before changing anything, into a new folder per run', () => {
    const content = script({ ...BASE, mode: 'edit' });
    expect(content).toContain("New-Item -ItemType Directory -Path $backupFolder | Out-Null");
    expect(content).toContain("Get-OutboundConnector | Export-Clixml -Path (Join-Path $backupFolder 'outbound-connectors.xml')");
    expect(content.indexOf('Export-Clixml')).toBeLessThan(content.indexOf('Set-OutboundConnector'));
  });

  it('makes Authoritative domains InternalRelay, checking at run time without an inventory', () => {
    const content = script(BASE);
    expect(content).toContain("if ((Get-AcceptedDomain -Identity $domain).DomainType -eq 'Authoritative') { Set-AcceptedDomain -Identity $domain -DomainType 'InternalRelay' }");
    expect(content).toContain('550 5.4.1');
  });

  it.each([
    "Bob's connector",
    "x'; Remove-Item -Recurse C:\\; '",
    'x$(Stop-Computer)',
    'x`n`r @splat ${env:PATH}',
    'x" ; calc ; "',
    'semi;colon|pipe&amp',
  ])('keeps the hostile connector name %j one literal string', (name) => {
    const content = script({ ...BASE, connectorNames: { outbound: name, inbound: name } });
    for (const line of content.split('\n')) {
      const match = /^(New-OutboundConnector|New-InboundConnector) -Name /.exec(line);
      if (match === null) continue;
      const parsed = readVerbatim(line, match[0].length);
      expect(parsed.value).toBe(name);
      expect(line.slice(parsed.end)).toMatch(/^ @(outbound|inbound)Connector$/);
    }
    const validate = content.split('\n').find((line) => line.startsWith('$validation = Validate-OutboundConnector -Identity '));
    expect(validate).toBeDefined();
    const parsed = readVerbatim(validate ?? '', '$validation = Validate-OutboundConnector -Identity '.length);
    expect(parsed.value).toBe(name);
  });
});
