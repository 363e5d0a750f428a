import { describe, expect, it } from 'vitest';
import { exchangeServerScript } from '../../../../main/core/scripts/exchange-server.js';
import type { ScriptInputs } from '../../../../main/core/scripts/types.js';
import { assertScriptInputs } from '../../../../main/core/scripts/validate-inputs.js';
import { baseScriptInputs } from '../../../fixtures/scripts/base-inputs.js';

const BASE: ScriptInputs = baseScriptInputs('exchange');

function script(input: ScriptInputs): string {
  return exchangeServerScript(assertScriptInputs(input)).content;
}

describe('exchangeServerScript', () => {
  it('sends to the tenant MX host over required, validated TLS', () => {
    const content = script(BASE);
    expect(content).toContain("SmartHosts               = @('contoso-com.mail.protection.outlook.com')");
    expect(content).toContain('RequireTLS               = $true');
    expect(content).toContain('DNSRoutingEnabled        = $false');
    expect(content).toContain("TlsAuthLevel             = 'CertificateValidation'");
    expect(content).toContain("Fqdn                     = 'mail.contoso.com'");
    expect(content).toMatch(/^New-SendConnector -Name 'To Office 365' @sendConnector$/m);
  });

  it('uses a given <I>..<S>.. string verbatim, quoted', () => {
    const content = script({ ...BASE, tlsCertificateName: "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com" });
    expect(content).toContain("-TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'");
    expect(content).not.toContain('Get-ExchangeCertificate');
  });

  it('doubles typographic quotes, which PowerShell also reads as quotes', () => {
    const content = script({ ...BASE, tlsCertificateName: '<I>CN=O\u2019Brien CA, O=Soci\u00e9t\u00e9<S>CN=mail.contoso.com' });
    expect(content).toContain("-TlsCertificateName '<I>CN=O\u2019\u2019Brien CA, O=Soci\u00e9t\u00e9<S>CN=mail.contoso.com'");
  });

  it('reads the certificate name from the server when it was not given', () => {
    const content = script(BASE);
    expect(content).toContain('Get-ExchangeCertificate');
    expect(content).toContain('$tlsCertificateName = "<I>$($certificate.Issuer)<S>$($certificate.Subject)"');
    expect(content).toContain('TlsCertificateName       = $tlsCertificateName');
  });

  it('presents no certificate on the send connector when Office 365 identifies the server by IP', () => {
    const content = script({ ...BASE, inboundBy: 'ip', senderIpAddresses: ['203.0.113.10'] });
    expect(content).not.toMatch(/^ {4}TlsCertificateName/m);
    expect(content).toContain('Set-ReceiveConnector -Identity "$env:COMPUTERNAME\\Default Frontend $env:COMPUTERNAME"');
  });

  it('changes the existing send connector in edit mode', () => {
    expect(script({ ...BASE, mode: 'edit' })).toMatch(/^Set-SendConnector -Identity 'To Office 365' @sendConnector$/m);
  });
});
