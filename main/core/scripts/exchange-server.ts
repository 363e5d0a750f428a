import { powershellBackup } from './backup.js';
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
  const lines: string[] = [
    comment(`Mailflow Assistant: on-premises Exchange settings for ${fqdn} (${inputs.mode === 'new' ? 'create' : 'change'}).`),
    comment('Run in the Exchange Management Shell on a Mailbox server, Exchange 2013 or newer. Not for an Edge topology:'),
    comment('with an Edge subscription the send connector needs the Edge as source server and the Edge\u2019s own certificate.'),
    ...(inputs.targets.found.server.length > 0 ? [comment(`Targets what the imported inventory found: ${inputs.targets.found.server.join(', ')}.`)] : []),
    "$ErrorActionPreference = 'Stop'",
    '',
    ...topologyGuard(),
    '',
    ...powershellBackup([
      { command: 'Get-SendConnector', file: 'send-connectors.xml' },
      { command: 'Get-ReceiveConnector', file: 'receive-connectors.xml' },
    ]),
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

  // An edit creates the send connector when the inventory shows there is none to Office 365 yet
  // (a wizard-made one for the tenant's onmicrosoft domain only does not carry Internet mail).
  const sendMode = inputs.targets.sendConnectorExists === false ? 'new' : inputs.mode;
  const sendCmdlet = `${sendMode === 'new' ? 'New' : 'Set'}-SendConnector`;
  const sendTarget = nameParameter(sendMode, inputs.names.sendConnector, 'send connector');
  const send = sendConnectorParameters(inputs, fqdn, certificateValue);
  lines.push(comment(`Part 2: relay all outbound mail through Office 365 (${inputs.tenantMx}) over verified TLS.`));
  lines.push(...splattedCall('sendConnector', sendCmdlet, sendTarget, send), '');
  parameters.push(...describe(sendCmdlet, [sendTarget, ...send]));
  lines.push(...competingConnectorLines(inputs), '');

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

/** Refuses, before anything changes, the topologies the script is not right for. */
function topologyGuard(): string[] {
  return [
    comment('Stop on an Edge server, in an Edge topology, and on Exchange 2010 or older (no TlsCertificateName there).'),
    '$server = Get-ExchangeServer -Identity $env:COMPUTERNAME',
    `if ($server.IsEdgeServer) { throw ${psString('This is an Edge Transport server: run this script on a Mailbox server; the send connector is made in the organisation.')} }`,
    `if ($server.AdminDisplayVersion.Major -lt 15) { throw ${psString('Exchange 2010 or older is not supported: its connectors have no TlsCertificateName.')} }`,
    `if (@(Get-EdgeSubscription).Count -gt 0) { throw ${psString('This organisation sends through an Edge subscription, which this script does not support: use the Hybrid Configuration Wizard.')} }`,
  ];
}

/**
 * An existing "*" connector (often "Internet" or "EdgeSync - ... to Internet") wins over the new
 * one by lower cost or by its name, so it is disabled, not removed: it comes back with
 * Set-SendConnector -Enabled $true, and the backup above keeps its settings.
 */
function competingConnectorLines(inputs: ValidatedScriptInputs): string[] {
  const why = [
    comment('Exchange picks the most specific address space, then the lowest cost, then the alphanumerically lowest name,'),
    comment('so another enabled "*" send connector could keep carrying Internet mail: disable it (undo: Set-SendConnector -Enabled $true).'),
  ];
  const known = inputs.targets.competingSendConnectors;
  if (known === null) {
    return [
      ...why,
      'Get-SendConnector |',
      `    Where-Object { $_.Enabled -and $_.Name -ne ${psString(inputs.names.sendConnector)} -and @($_.AddressSpaces | Where-Object { $_.Address -eq '*' }).Count -gt 0 } |`,
      '    ForEach-Object { Write-Host "Disabling send connector $($_.Name)"; Set-SendConnector -Identity $_.Identity -Enabled $false }',
    ];
  }
  if (known.length === 0) return [comment('No other enabled "*" send connector exists (from the inventory): the new one carries Internet mail.')];
  return [...why, ...known.map((name) => `Set-SendConnector -Identity ${psString(name)} -Enabled $false`)];
}

function sendConnectorParameters(inputs: ValidatedScriptInputs, fqdn: string, certificateValue: string): PsParameter[] {
  const parameters: PsParameter[] = [
    {
      name: 'AddressSpaces',
      value: psArray(['SMTP:*;1']),
      explanation: 'Every external domain at cost 1 (the lowest): all outbound mail goes through Office 365.',
    },
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
    comment(`The CA-signed certificate Exchange uses for SMTP that names ${fqdn} (a wildcard for its parent counts); the newest if several.`),
    `$fqdn = ${name}`,
    '$certificate = Get-ExchangeCertificate |',
    '    Where-Object { $_.Services -match \'SMTP\' -and -not $_.IsSelfSigned -and $_.NotAfter -gt (Get-Date) } |',
    "    Where-Object { @($_.CertificateDomains | ForEach-Object { $_.ToString() } | Where-Object { $fqdn -like $_ -and $_.Split('.').Count -eq $fqdn.Split('.').Count }).Count -gt 0 } |",
    '    Sort-Object NotAfter -Descending | Select-Object -First 1',
    `if ($null -eq $certificate) { throw ${psString(`No CA-signed SMTP certificate on this server names ${fqdn}: enable one with Enable-ExchangeCertificate -Services SMTP, or give its <I>issuer<S>subject string.`)} }`,
    `${CERTIFICATE_VARIABLE} = "<I>$($certificate.Issuer)<S>$($certificate.Subject)"`,
  ];
}
