import { powershellBackup } from './backup.js';
import { comment, describe, inlineCall, nameParameter, splattedCall, type PsParameter } from './powershell.js';
import { psArray, psBoolean, psString } from './quote.js';
import type { GeneratedScript, ScriptParameter, ValidatedScriptInputs } from './types.js';

/**
 * The Exchange Online side: the outbound connector that delivers your domains' mail to your server
 * (Part 1), the inbound connector that accepts mail your server relays through Office 365 (Part 2),
 * the accepted-domain type that lets mail reach users who only exist on your server, and
 * Validate-OutboundConnector to prove Part 1 from Microsoft's side.
 */
export function exchangeOnlineScript(inputs: ValidatedScriptInputs): GeneratedScript {
  const verb = inputs.mode === 'new' ? 'New' : 'Set';
  const lines: string[] = [
    '#Requires -Modules ExchangeOnlineManagement',
    comment(`Mailflow Assistant: Exchange Online connectors for ${inputs.domains.join(', ')} (${inputs.mode === 'new' ? 'create' : 'change'}).`),
    comment('Run in PowerShell as an Exchange administrator; every command stops the script if it fails.'),
    ...(inputs.targets.found.online.length > 0 ? [comment(`Targets what the imported inventory found: ${inputs.targets.found.online.join(', ')}.`)] : []),
    "$ErrorActionPreference = 'Stop'",
    '',
    'Connect-ExchangeOnline',
    '',
    ...powershellBackup([
      { command: 'Get-OutboundConnector', file: 'outbound-connectors.xml' },
      { command: 'Get-InboundConnector', file: 'inbound-connectors.xml' },
      { command: 'Get-TransportRule', file: 'transport-rules.xml' },
      { command: 'Get-AcceptedDomain', file: 'accepted-domains.xml' },
    ]),
    '',
  ];
  const parameters: ScriptParameter[] = [];

  const outboundCmdlet = `${verb}-OutboundConnector`;
  const outboundTarget = nameParameter(inputs.mode, inputs.names.outbound, 'outbound connector');
  const outbound = outboundParameters(inputs);
  const outboundLines = [
    comment(`Part 1: Office 365 delivers mail for your domains to ${inputs.smartHosts.join(', ')}.`),
    ...splattedCall('outboundConnector', outboundCmdlet, outboundTarget, outbound),
    '',
  ];
  const outboundParameterList = describe(outboundCmdlet, [outboundTarget, ...outbound]);

  if (inputs.scope === 'transport-rule') {
    const rule = ruleLines(inputs);
    if (inputs.mode === 'new') {
      lines.push(...outboundLines, ...rule.lines);
      parameters.push(...outboundParameterList, ...rule.parameters);
    } else {
      // The rule routes to the connector before the connector is switched to rule scope, so mail
      // keeps a route at every step (and a failing rule stops the script before the switch).
      lines.push(...rule.lines, ...outboundLines);
      parameters.push(...rule.parameters, ...outboundParameterList);
    }
  } else {
    lines.push(...outboundLines);
    parameters.push(...outboundParameterList);
  }

  const inboundCmdlet = `${verb}-InboundConnector`;
  const inboundTarget = nameParameter(inputs.mode, inputs.names.inbound, 'inbound connector');
  const inbound = inboundParameters(inputs);
  lines.push(comment('Part 2: Office 365 accepts the mail your server relays and sends it on to the Internet.'));
  lines.push(...splattedCall('inboundConnector', inboundCmdlet, inboundTarget, inbound), '');
  parameters.push(...describe(inboundCmdlet, [inboundTarget, ...inbound]));

  const accepted = acceptedDomainLines(inputs);
  lines.push(...accepted.lines);
  parameters.push(...accepted.parameters);

  const validate: readonly PsParameter[] = [
    { name: 'Identity', value: psString(inputs.names.outbound), explanation: 'The outbound connector to test.' },
    {
      name: 'Recipients',
      value: psArray(inputs.testAddresses),
      explanation:
        inputs.scope === 'transport-rule'
          ? 'Test addresses in the domains the mail flow rule routes to this connector, so the test message takes it.'
          : 'Test addresses in your domains: Office 365 connects to each smart host, then sends them a test message.',
    },
  ];
  lines.push(comment('Test: Office 365 connects to your server and sends a test message to each address.'));
  if (inputs.scope === 'transport-rule') lines.push(comment(`The recipients are in ${inputs.domains.join(', ')}, which the mail flow rule routes to this connector.`));
  lines.push(`$validation = ${inlineCall('Validate-OutboundConnector', validate)}`);
  lines.push('$validation | Format-List');
  lines.push(comment('Saved for Mailflow Assistant, which reads it as proof from Office 365 (results per smart host and stage).'));
  lines.push("$validation | ConvertTo-Json -Depth 6 | Out-File -Encoding utf8 -FilePath (Join-Path $backupFolder 'validate-outbound-connector.json')");
  parameters.push(...describe('Validate-OutboundConnector', validate));

  return {
    title: `Exchange Online PowerShell: ${inputs.mode === 'new' ? 'create' : 'change'} the connectors`,
    language: 'powershell',
    filename: inputs.mode === 'new' ? 'exchange-online.ps1' : 'exchange-online-edit.ps1',
    content: `${lines.join('\n')}\n`,
    parameters,
  };
}

function ruleLines(inputs: ValidatedScriptInputs): { readonly lines: string[]; readonly parameters: ScriptParameter[] } {
  const rule = ruleParameters(inputs);
  const heading = comment('The mail flow rule decides which messages use the outbound connector.');
  if (inputs.mode === 'new' || inputs.targets.ruleExists === false) {
    const target = nameParameter('new', inputs.names.transportRule, 'mail flow rule');
    return { lines: [heading, ...splattedCall('transportRule', 'New-TransportRule', target, rule), ''], parameters: describe('New-TransportRule', [target, ...rule]) };
  }
  const target = nameParameter('edit', inputs.names.transportRule, 'mail flow rule');
  if (inputs.targets.ruleExists === true) {
    return { lines: [heading, ...splattedCall('transportRule', 'Set-TransportRule', target, rule), ''], parameters: describe('Set-TransportRule', [target, ...rule]) };
  }
  const name = psString(inputs.names.transportRule);
  const width = Math.max(...rule.map((parameter) => parameter.name.length));
  return {
    lines: [
      heading,
      comment('Changed when it exists, created otherwise.'),
      '$transportRule = @{',
      ...rule.map((parameter) => `    ${parameter.name.padEnd(width)} = ${parameter.value}`),
      '}',
      `if (Get-TransportRule | Where-Object { $_.Name -eq ${name} }) {`,
      `    Set-TransportRule -Identity ${name} @transportRule`,
      '} else {',
      `    New-TransportRule -Name ${name} @transportRule`,
      '}',
      '',
    ],
    parameters: describe('Set-TransportRule', [target, ...rule]),
  };
}

/**
 * Authoritative domains make Office 365 reject recipients it does not know (550 5.4.1); with users
 * on both sides the domain must be InternalRelay so their mail goes through the connector.
 */
function acceptedDomainLines(inputs: ValidatedScriptInputs): { readonly lines: string[]; readonly parameters: ScriptParameter[] } {
  const why = [
    comment('Accepted domains: Authoritative makes Office 365 reject mail to recipients it does not know (550 5.4.1),'),
    comment('so after the MX change mail to users who only exist on your server would bounce. InternalRelay sends'),
    comment('it through the outbound connector instead. Keep Authoritative only if every user also exists in the tenant.'),
  ];
  const parameter: PsParameter = { name: 'DomainType', value: psString('InternalRelay'), explanation: 'InternalRelay: mail to recipients the tenant does not know goes through the connector to your server.' };
  const known = inputs.targets.authoritativeDomains;
  if (known !== null && known.length === 0) return { lines: [], parameters: [] };
  const body =
    known === null
      ? [
          `foreach ($domain in ${psArray(inputs.domains)}) {`,
          "    if ((Get-AcceptedDomain -Identity $domain).DomainType -eq 'Authoritative') { Set-AcceptedDomain -Identity $domain -DomainType 'InternalRelay' }",
          '}',
        ]
      : known.map((domain) => inlineCall('Set-AcceptedDomain', [{ name: 'Identity', value: psString(domain), explanation: '' }, parameter]));
  return { lines: [...why, ...body, ''], parameters: describe('Set-AcceptedDomain', [parameter]) };
}

function outboundParameters(inputs: ValidatedScriptInputs): PsParameter[] {
  const parameters: PsParameter[] = [
    {
      name: 'ConnectorType',
      value: psString('OnPremises'),
      explanation: 'OnPremises: the connector serves your own organisation\u2019s mail server, not a partner.',
    },
    {
      name: 'UseMXRecord',
      value: psBoolean(false),
      explanation: 'Deliver to the smart hosts below instead of looking up MX records (which point to Office 365 itself).',
    },
    { name: 'SmartHosts', value: psArray(inputs.smartHosts), explanation: 'Your server(s) that Office 365 delivers to, by name or IPv4 address.' },
    { name: 'TlsSettings', value: psString(inputs.tlsSettings), explanation: tlsSettingsExplanation(inputs.tlsSettings) },
  ];
  if (inputs.tlsDomain !== null) {
    parameters.push({
      name: 'TlsDomain',
      value: psString(inputs.tlsDomain),
      explanation: 'The name your server\u2019s certificate must hold (a leading *. covers one level of subdomains).',
    });
  } else if (inputs.mode === 'edit') {
    parameters.push({ name: 'TlsDomain', value: '$null', explanation: 'Cleared: a TLS domain is only used with DomainValidation.' });
  }
  if (inputs.scope === 'transport-rule') {
    parameters.push(
      { name: 'IsTransportRuleScoped', value: psBoolean(true), explanation: 'Only messages that a mail flow rule sends to this connector use it.' },
      ...(inputs.mode === 'edit'
        ? [{ name: 'RecipientDomains', value: '$null', explanation: 'Cleared: the mail flow rule, not a domain list, selects the messages.' }]
        : []),
    );
  } else {
    parameters.push(
      { name: 'IsTransportRuleScoped', value: psBoolean(false), explanation: 'The connector is chosen by recipient domain, not by a mail flow rule.' },
      { name: 'RecipientDomains', value: psArray(inputs.domains), explanation: 'Mail to these domains goes through the connector to your server.' },
    );
  }
  return parameters;
}

function ruleParameters(inputs: ValidatedScriptInputs): PsParameter[] {
  return [
    { name: 'RecipientDomainIs', value: psArray(inputs.domains), explanation: 'The rule applies to messages for recipients in these domains.' },
    {
      name: 'RouteMessageOutboundConnector',
      value: psString(inputs.names.outbound),
      explanation: 'Messages the rule matches are delivered through this outbound connector.',
    },
  ];
}

function inboundParameters(inputs: ValidatedScriptInputs): PsParameter[] {
  const parameters: PsParameter[] = [
    {
      name: 'ConnectorType',
      value: psString('OnPremises'),
      explanation: 'OnPremises: mail comes from your own organisation\u2019s server, so Office 365 may relay it to the Internet.',
    },
    {
      name: 'SenderDomains',
      value: psArray(['*']),
      explanation: 'Accept mail from any sender domain on this connector; Office 365 relays it when your server is identified below.',
    },
  ];
  if (inputs.inboundBy === 'certificate' && inputs.certificateName !== null) {
    parameters.push({
      name: 'TlsSenderCertificateName',
      value: psString(inputs.certificateName),
      explanation: 'Your server is recognised by the TLS certificate it presents, which must name this domain (one of your accepted domains).',
    });
  } else {
    parameters.push({
      name: 'SenderIPAddresses',
      value: psArray(inputs.senderIpAddresses),
      explanation: 'Your server is recognised by the public IPv4 address(es) it sends from (single addresses or /24 to /32 ranges).',
    });
  }
  return parameters;
}

function tlsSettingsExplanation(settings: ValidatedScriptInputs['tlsSettings']): string {
  switch (settings) {
    case 'EncryptionOnly':
      return 'EncryptionOnly: always encrypt, but do not check your server\u2019s certificate.';
    case 'CertificateValidation':
      return 'CertificateValidation: encrypt and require a certificate from a trusted CA that is valid and not revoked.';
    case 'DomainValidation':
      return 'DomainValidation: as CertificateValidation, and the certificate must also name the TLS domain below.';
  }
}
