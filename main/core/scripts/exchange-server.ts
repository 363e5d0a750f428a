import { comment, describe, inlineCall, nameParameter, splattedCall, type PsParameter } from './powershell.js';
import { psArray, psBoolean, psString } from './quote.js';
import type { GeneratedScript, ScriptParameter, ValidatedScriptInputs } from './types.js';

/** Variable the script fills with the "<I>issuer<S>subject" string when it was not given. */
const CERTIFICATE_VARIABLE = '$tlsCertificateName';
/** The receive connector Office 365 reaches on a default install: the Front End Transport one. */
const DEFAULT_RECEIVE_CONNECTOR = '"$env:COMPUTERNAME\\Default Frontend $env:COMPUTERNAME"';

/**
 * The on-premises Exchange side (Exchange Management Shell): a send connector that relays all
 * outbound mail through the tenant's Office 365 MX host over verified TLS (Part 2), and the receive
 * connector's certificate that Office 365 checks when it delivers to you (Part 1).
 */
export function exchangeServerScript(inputs: ValidatedScriptInputs): GeneratedScript {
  const fqdn = inputs.onPremFqdn;
  if (fqdn === null) throw new Error('The on-premises FQDN is missing; validate the inputs before generating.');
  const verb = inputs.mode === 'new' ? 'New' : 'Set';
  const lines: string[] = [
    comment(`Mailflow Assistant: on-premises Exchange settings for ${fqdn} (${inputs.mode === 'new' ? 'create' : 'change'}).`),
    comment('Run in the Exchange Management Shell on your Exchange server (Mailbox or Edge role).'),
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  const parameters: ScriptParameter[] = [];

  let certificateValue: string;
  if (inputs.tlsCertificateName !== null) {
    certificateValue = psString(inputs.tlsCertificateName);
  } else {
    certificateValue = CERTIFICATE_VARIABLE;
    lines.push(...certificateLookup(fqdn), '');
    parameters.push({
      name: CERTIFICATE_VARIABLE,
      explanation: `Read from this server's newest SMTP certificate that names ${fqdn}, as "<I>issuer<S>subject".`,
    });
  }

  const sendCmdlet = `${verb}-SendConnector`;
  const sendTarget = nameParameter(inputs.mode, inputs.names.sendConnector, 'send connector');
  const send = sendConnectorParameters(inputs, fqdn, certificateValue);
  lines.push(comment(`Part 2: relay all outbound mail through Office 365 (${inputs.tenantMx}) over verified TLS.`));
  lines.push(...splattedCall('sendConnector', sendCmdlet, sendTarget, send), '');
  parameters.push(...describe(sendCmdlet, [sendTarget, ...send]));

  const receive: readonly PsParameter[] = [
    {
      name: 'Identity',
      value: inputs.receiveConnectorIdentity === null ? DEFAULT_RECEIVE_CONNECTOR : psString(inputs.receiveConnectorIdentity),
      explanation: 'The receive connector Office 365 delivers to (by default the Front End Transport connector of this server).',
    },
    {
      name: 'TlsCertificateName',
      value: certificateValue,
      explanation: 'The certificate this connector offers in STARTTLS; Office 365 checks its name and chain.',
    },
  ];
  lines.push(comment('Part 1: the receive connector presents the certificate Office 365 validates when it delivers to you.'));
  lines.push(inlineCall('Set-ReceiveConnector', receive));
  parameters.push(...describe('Set-ReceiveConnector', receive));

  return {
    title: `Exchange Management Shell: ${inputs.mode === 'new' ? 'create' : 'change'} the send connector and set the certificate`,
    language: 'powershell',
    filename: inputs.mode === 'new' ? 'exchange-server.ps1' : 'exchange-server-edit.ps1',
    content: `${lines.join('\n')}\n`,
    parameters,
  };
}

function sendConnectorParameters(inputs: ValidatedScriptInputs, fqdn: string, certificateValue: string): PsParameter[] {
  const parameters: PsParameter[] = [
    { name: 'AddressSpaces', value: psArray(['*']), explanation: 'Every external domain: all outbound mail goes through Office 365.' },
    {
      name: 'CloudServicesMailEnabled',
      value: psBoolean(true),
      explanation: 'Keep Exchange\u2019s cross-premises headers so Office 365 treats the mail as coming from your organisation.',
    },
    { name: 'Fqdn', value: psString(fqdn), explanation: 'The name your server announces in EHLO; it should match its certificate.' },
    { name: 'RequireTLS', value: psBoolean(true), explanation: 'Never send to Office 365 without TLS.' },
    { name: 'DNSRoutingEnabled', value: psBoolean(false), explanation: 'Send to the smart host below instead of looking up each domain\u2019s MX record.' },
    { name: 'SmartHosts', value: psArray([inputs.tenantMx]), explanation: 'Your tenant\u2019s Office 365 MX host.' },
    {
      name: 'TlsAuthLevel',
      value: psString('CertificateValidation'),
      explanation: 'Check that Office 365\u2019s certificate is valid and from a trusted CA before sending.',
    },
  ];
  if (inputs.inboundBy === 'certificate') {
    parameters.push({
      name: 'TlsCertificateName',
      value: certificateValue,
      explanation: 'The certificate this connector presents; Office 365\u2019s inbound connector recognises your server by it.',
    });
  }
  return parameters;
}

/**
 * When the "<I>issuer<S>subject" string was not computed beforehand, the script reads it from the
 * server's own certificate store, which formats the names exactly as Exchange expects them.
 */
function certificateLookup(fqdn: string): string[] {
  const name = psString(fqdn);
  return [
    comment(`The certificate Exchange uses for SMTP that names ${fqdn}; the newest one if there are several.`),
    '$certificate = Get-ExchangeCertificate |',
    `    Where-Object { $_.Services -match 'SMTP' -and (@($_.CertificateDomains | ForEach-Object { $_.ToString() }) -contains ${name}) } |`,
    '    Sort-Object NotAfter -Descending | Select-Object -First 1',
    `if ($null -eq $certificate) { throw ${psString(`No SMTP certificate on this server names ${fqdn}: enable one with Enable-ExchangeCertificate -Services SMTP, or give its <I>issuer<S>subject string.`)} }`,
    `${CERTIFICATE_VARIABLE} = "<I>$($certificate.Issuer)<S>$($certificate.Subject)"`,
  ];
}
