/**
 * The read-only inventory scripts: run where the objects live, they print (and save) one
 * versioned JSON document the assistant imports. They only call Get-* cmdlets and `postconf`
 * without -e, and convert every value to text themselves (enum names, dates in ISO 8601, one array
 * per multi-valued property), so the document does not depend on the PowerShell version.
 */
import type { GeneratedScript } from '../scripts/types.js';
import { INVENTORY_FORMAT, INVENTORY_VERSION, type InventorySide } from './document.js';

/** Helpers every PowerShell inventory script starts with: values to text, never an enum number. */
const POWERSHELL_HELPERS = [
  'function ConvertTo-MailflowText($value) { if ($null -eq $value) { $null } else { $value.ToString() } }',
  'function ConvertTo-MailflowList($value) { ,@(@($value) | Where-Object { $null -ne $_ } | ForEach-Object { $_.ToString() }) }',
  "function ConvertTo-MailflowDate($value) { if ($null -eq $value) { $null } else { ([datetime]$value).ToUniversalTime().ToString('o') } }",
];

function powershellDocument(side: InventorySide, source: string, body: readonly string[]): string[] {
  return [
    `param([string]$Path = (Join-Path (Get-Location) 'mailflow-inventory-${side}.json'))`,
    "$ErrorActionPreference = 'Stop'",
    '',
    ...POWERSHELL_HELPERS,
    '',
    ...body,
    '',
    '$document = [ordered]@{',
    `    format  = '${INVENTORY_FORMAT}'`,
    `    version = ${INVENTORY_VERSION}`,
    `    side    = '${side}'`,
    "    readAt  = (Get-Date).ToUniversalTime().ToString('o')",
    `    source  = ${source}`,
    '    data    = $data',
    '}',
    '$json = $document | ConvertTo-Json -Depth 8',
    '# WriteAllText writes UTF-8 without a byte order mark on every PowerShell version.',
    '[System.IO.File]::WriteAllText($Path, $json)',
    '$json',
    'Write-Host "Saved to $Path: import this file in Mailflow Assistant."',
  ];
}

function exchangeOnline(): string[] {
  return [
    '#Requires -Modules ExchangeOnlineManagement',
    '# Mailflow Assistant: read-only inventory of the Exchange Online connectors, accepted domains and routing rules.',
    '# Run in PowerShell after Connect-ExchangeOnline (a View-Only Organization Management role is enough).',
    '# It changes nothing: it only reads with Get-* cmdlets and writes one JSON file.',
    ...powershellDocument('exchange-online', '(ConvertTo-MailflowText (Get-AcceptedDomain | Where-Object { $_.Default } | Select-Object -First 1).DomainName)', [
      '$data = [ordered]@{',
      '    outboundConnectors = @(Get-OutboundConnector | ForEach-Object {',
      '        [ordered]@{',
      '            Identity                      = ConvertTo-MailflowText $_.Identity',
      '            Name                          = $_.Name',
      '            Enabled                       = $_.Enabled',
      '            ConnectorType                 = ConvertTo-MailflowText $_.ConnectorType',
      '            ConnectorSource               = ConvertTo-MailflowText $_.ConnectorSource',
      '            SmartHosts                    = ConvertTo-MailflowList $_.SmartHosts',
      '            RecipientDomains              = ConvertTo-MailflowList $_.RecipientDomains',
      '            AllAcceptedDomains            = $_.AllAcceptedDomains',
      '            UseMXRecord                   = $_.UseMXRecord',
      '            TlsSettings                   = ConvertTo-MailflowText $_.TlsSettings',
      '            TlsDomain                     = ConvertTo-MailflowText $_.TlsDomain',
      '            IsTransportRuleScoped         = $_.IsTransportRuleScoped',
      '            RouteAllMessagesViaOnPremises = $_.RouteAllMessagesViaOnPremises',
      '            IsValidated                   = $_.IsValidated',
      '            LastValidationTimestamp       = ConvertTo-MailflowDate $_.LastValidationTimestamp',
      '            ValidationRecipients          = ConvertTo-MailflowList $_.ValidationRecipients',
      '            CloudServicesMailEnabled      = $_.CloudServicesMailEnabled',
      '            WhenChanged                   = ConvertTo-MailflowDate $_.WhenChanged',
      '        }',
      '    })',
      '    inboundConnectors = @(Get-InboundConnector | ForEach-Object {',
      '        [ordered]@{',
      '            Identity                     = ConvertTo-MailflowText $_.Identity',
      '            Name                         = $_.Name',
      '            Enabled                      = $_.Enabled',
      '            ConnectorType                = ConvertTo-MailflowText $_.ConnectorType',
      '            ConnectorSource              = ConvertTo-MailflowText $_.ConnectorSource',
      '            SenderDomains                = ConvertTo-MailflowList $_.SenderDomains',
      '            SenderIPAddresses            = ConvertTo-MailflowList $_.SenderIPAddresses',
      '            TlsSenderCertificateName     = ConvertTo-MailflowText $_.TlsSenderCertificateName',
      '            RequireTls                   = $_.RequireTls',
      '            RestrictDomainsToCertificate = $_.RestrictDomainsToCertificate',
      '            RestrictDomainsToIPAddresses = $_.RestrictDomainsToIPAddresses',
      '            CloudServicesMailEnabled     = $_.CloudServicesMailEnabled',
      '            WhenChanged                  = ConvertTo-MailflowDate $_.WhenChanged',
      '        }',
      '    })',
      '    acceptedDomains = @(Get-AcceptedDomain | ForEach-Object {',
      '        [ordered]@{',
      '            DomainName = ConvertTo-MailflowText $_.DomainName',
      '            DomainType = ConvertTo-MailflowText $_.DomainType',
      '            Default    = $_.Default',
      '        }',
      '    })',
      '    # Only the rules that route to a connector matter here.',
      '    transportRules = @(Get-TransportRule | Where-Object { $_.RouteMessageOutboundConnector } | ForEach-Object {',
      '        [ordered]@{',
      '            Name                          = $_.Name',
      '            State                         = ConvertTo-MailflowText $_.State',
      '            Priority                      = $_.Priority',
      '            RouteMessageOutboundConnector = ConvertTo-MailflowText $_.RouteMessageOutboundConnector',
      '            RecipientDomainIs             = ConvertTo-MailflowList $_.RecipientDomainIs',
      '        }',
      '    })',
      '}',
    ]),
  ];
}

function exchangeServer(): string[] {
  return [
    '# Mailflow Assistant: read-only inventory of the on-premises Exchange organisation: servers and roles,',
    '# Edge subscriptions, send and receive connectors, and the certificates of this server.',
    '# Run in the Exchange Management Shell on a Mailbox server (on an Edge server it sees the Edge only).',
    '# It changes nothing: it only reads with Get-* cmdlets and writes one JSON file.',
    ...powershellDocument('exchange-server', '$env:COMPUTERNAME', [
      '# Get-EdgeSubscription does not exist on an Edge server; there the list stays empty.',
      "$edgeSubscriptions = if (Get-Command Get-EdgeSubscription -ErrorAction SilentlyContinue) { @(Get-EdgeSubscription) } else { @() }",
      '$data = [ordered]@{',
      '    servers = @(Get-ExchangeServer | ForEach-Object {',
      '        [ordered]@{',
      '            Name                = $_.Name',
      '            AdminDisplayVersion = ConvertTo-MailflowText $_.AdminDisplayVersion',
      '            ServerRole          = ConvertTo-MailflowText $_.ServerRole',
      '            IsEdgeServer        = $_.IsEdgeServer',
      '        }',
      '    })',
      '    edgeSubscriptions = @($edgeSubscriptions | ForEach-Object {',
      '        [ordered]@{ Name = $_.Name; Site = ConvertTo-MailflowText $_.Site; Domain = ConvertTo-MailflowText $_.Domain }',
      '    })',
      '    sendConnectors = @(Get-SendConnector | ForEach-Object {',
      '        [ordered]@{',
      '            Identity                 = ConvertTo-MailflowText $_.Identity',
      '            Name                     = $_.Name',
      '            AddressSpaces            = @($_.AddressSpaces | ForEach-Object { [ordered]@{ Type = ConvertTo-MailflowText $_.Type; Address = ConvertTo-MailflowText $_.Address; Cost = $_.Cost } })',
      '            Enabled                  = $_.Enabled',
      '            SmartHosts               = ConvertTo-MailflowList $_.SmartHosts',
      '            DNSRoutingEnabled        = $_.DNSRoutingEnabled',
      '            SourceTransportServers   = ConvertTo-MailflowList $_.SourceTransportServers',
      '            RequireTLS               = $_.RequireTLS',
      '            TlsAuthLevel             = ConvertTo-MailflowText $_.TlsAuthLevel',
      '            TlsDomain                = ConvertTo-MailflowText $_.TlsDomain',
      '            TlsCertificateName       = ConvertTo-MailflowText $_.TlsCertificateName',
      '            CloudServicesMailEnabled = $_.CloudServicesMailEnabled',
      '            Fqdn                     = ConvertTo-MailflowText $_.Fqdn',
      '            IsScopedConnector        = $_.IsScopedConnector',
      '        }',
      '    })',
      '    receiveConnectors = @(Get-ReceiveConnector | ForEach-Object {',
      '        [ordered]@{',
      '            Identity           = ConvertTo-MailflowText $_.Identity',
      '            Name               = $_.Name',
      '            Server             = ConvertTo-MailflowText $_.Server',
      '            Bindings           = ConvertTo-MailflowList $_.Bindings',
      '            RemoteIPRanges     = ConvertTo-MailflowList $_.RemoteIPRanges',
      '            TransportRole      = ConvertTo-MailflowText $_.TransportRole',
      '            TlsCertificateName = ConvertTo-MailflowText $_.TlsCertificateName',
      '            AuthMechanism      = ConvertTo-MailflowText $_.AuthMechanism',
      '            Enabled            = $_.Enabled',
      '            Fqdn               = ConvertTo-MailflowText $_.Fqdn',
      '        }',
      '    })',
      '    certificates = @(Get-ExchangeCertificate | ForEach-Object {',
      '        [ordered]@{',
      '            Thumbprint         = $_.Thumbprint',
      '            Server             = $env:COMPUTERNAME',
      '            Services           = ConvertTo-MailflowText $_.Services',
      '            CertificateDomains = ConvertTo-MailflowList $_.CertificateDomains',
      '            Issuer             = $_.Issuer',
      '            Subject            = $_.Subject',
      '            NotAfter           = ConvertTo-MailflowDate $_.NotAfter',
      '            IsSelfSigned       = $_.IsSelfSigned',
      '        }',
      '    })',
      '}',
    ]),
  ];
}

function postfix(): string[] {
  return [
    '#!/bin/sh',
    '# Mailflow Assistant: read-only inventory of this Postfix server (its version and postconf -n).',
    '# Run on the Postfix server: sh mailflow-inventory-postfix.sh > mailflow-inventory-postfix.json',
    '# It changes nothing: it only reads with postconf and prints one JSON document.',
    'set -eu',
    '',
    '# JSON string of standard input: tabs to spaces, backslashes and quotes escaped, lines joined with \\n.',
    'json_string() {',
    String.raw`    tr '\t' ' ' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'BEGIN { printf "\"" } NR > 1 { printf "\\n" } { printf "%s", $0 } END { printf "\"" }'`,
    '}',
    '',
    '# Each postconf runs on its own first, so a failure stops the script (set -e) instead of printing empty values.',
    'mail_version=$(postconf -h mail_version)',
    'settings=$(postconf -n)',
    "read_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)",
    `printf '{"format":"${INVENTORY_FORMAT}","version":${INVENTORY_VERSION},"side":"postfix","readAt":"%s","source":%s,"data":{"mailVersion":%s,"postconf":%s}}\\n' \\`,
    String.raw`    "$read_at" "$(hostname | json_string)" "$(printf '%s\n' "$mail_version" | json_string)" "$(printf '%s\n' "$settings" | json_string)"`,
  ];
}

/** The inventory script for one side, ready to save and run. */
export function inventoryScript(side: InventorySide): GeneratedScript {
  switch (side) {
    case 'exchange-online':
      return script('Exchange Online PowerShell: read the connectors (read-only)', 'powershell', 'mailflow-inventory-exchange-online.ps1', exchangeOnline());
    case 'exchange-server':
      return script('Exchange Management Shell: read the server (read-only)', 'powershell', 'mailflow-inventory-exchange-server.ps1', exchangeServer());
    case 'postfix':
      return script('Postfix: read the version and settings (read-only)', 'shell', 'mailflow-inventory-postfix.sh', postfix());
  }
}

function script(title: string, language: GeneratedScript['language'], filename: string, lines: readonly string[]): GeneratedScript {
  return {
    title,
    language,
    filename,
    content: `${lines.join('\n')}\n`,
    parameters: [
      {
        name: language === 'powershell' ? '-Path' : 'standard output',
        explanation: language === 'powershell' ? 'Where the JSON document is saved (default: the current folder).' : 'The JSON document; redirect it to a file to import it.',
      },
    ],
  };
}
