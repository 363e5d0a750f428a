/**
 * The bounces people meet when connecting Office 365 with their own mail server, each with its
 * meaning, its likely cause in that setup, the fix (with the cmdlet or setting to change) and the
 * direction of mail it concerns. Ranges are matched by number, so 5.7.612 needs no entry of its own.
 */
import type { EnhancedStatus } from './enhanced-status.js';

/** Which mail direction a failure concerns. */
export type BounceSide = 'office365-to-server' | 'server-to-office365' | 'either';

export const SIDE_TEXT: Readonly<Record<BounceSide, string>> = {
  'office365-to-server': 'Office 365 → your server (outbound connector, your receive side)',
  'server-to-office365': 'your server → Office 365 (inbound connector, your send side)',
  either: 'either direction',
};

export interface CodeRange {
  readonly klass: 2 | 4 | 5;
  readonly subject: number;
  readonly min: number;
  readonly max: number;
}

export interface KnownFailure {
  readonly id: string;
  readonly title: string;
  readonly codes: readonly CodeRange[];
  /** Words that identify this failure, with or without a code (e.g. "NoCredentials"). */
  readonly text?: RegExp;
  /** A code match counts only when `text` appears too: the code alone usually means something else. */
  readonly codeNeedsText?: boolean;
  /** What the bounce means, in plain words. */
  readonly meaning: string;
  /** The likely cause when Office 365 and your own server are connected by connectors. */
  readonly cause: string;
  readonly fix: string;
  /** Commands or settings to run or change, copy-paste ready where possible. */
  readonly commands: readonly string[];
  readonly side: BounceSide;
  /**
   * The bounce only wraps an earlier error (e.g. "message expired"): another recognised code in the
   * same bounce names the real cause and is the one to act on.
   */
  readonly wrapper?: boolean;
  /** Meanings of single codes inside a range. */
  readonly details?: Readonly<Record<string, string>>;
}

function code(text: string): CodeRange {
  return range(text, text);
}

function range(low: string, high: string): CodeRange {
  const [k, s, min] = low.split('.').map(Number);
  const max = Number(high.split('.')[2]);
  if ((k !== 2 && k !== 4 && k !== 5) || s === undefined || min === undefined) throw new Error(`Bad status code range ${low}-${high}`);
  return { klass: k, subject: s, min, max };
}

export function inRange(status: EnhancedStatus, r: CodeRange): boolean {
  return status.klass === r.klass && status.subject === r.subject && status.detail >= r.min && status.detail <= r.max;
}

export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    id: 'eop-cannot-connect-tls',
    title: 'Office 365 cannot connect to your server (TLS set-up failed)',
    codes: [code('4.4.317')],
    meaning: 'Exchange Online reached your smart host but could not finish the connection, usually because TLS could not be set up.',
    cause: 'Your server\'s certificate changed (typically a renewal) and the receive connector still names the old one, or your server stopped offering STARTTLS while the outbound connector requires TLS.',
    fix: 'Bind the current certificate to the receive connector that accepts mail from Office 365, then run the connector validation again.',
    commands: [
      'mailflow cert <certificate.pem|.pfx> --host <smart host>   # prints the exact TlsCertificateName value',
      'Set-ReceiveConnector "SERVER\\Default Frontend SERVER" -TlsCertificateName "<I>ISSUER<S>SUBJECT"',
      'Validate-OutboundConnector -Identity "<outbound connector>" -Recipients <test address>',
    ],
    side: 'office365-to-server',
  },
  {
    id: 'starttls-required',
    title: 'STARTTLS is required',
    codes: [code('5.7.3')],
    text: /STARTTLS is required|must issue a STARTTLS command first/i,
    meaning: 'The sending side insists on encryption, and the receiving side did not offer or accept STARTTLS.',
    cause: 'The outbound connector in Office 365 requires TLS (TlsSettings), but your server does not advertise STARTTLS: no certificate is enabled for SMTP, or a firewall with SMTP inspection removes STARTTLS from the EHLO reply.',
    fix: 'Enable STARTTLS with a CA-signed certificate on your server, and turn off SMTP inspection ("fixup") on the firewall in front of it.',
    commands: [
      'Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP',
      'postconf -e "smtpd_tls_security_level = may" "smtpd_tls_chain_files = /etc/ssl/private/mail.pem" && postfix reload',
      'mailflow preflight --domain <domain> --smart-host <host>   # smtp.starttls shows whether STARTTLS is offered',
    ],
    side: 'office365-to-server',
  },
  {
    id: 'certificate-validation',
    title: 'TLS certificate validation failed',
    codes: [code('4.7.5')],
    text: /certificate validation fail|NoCredentials/i,
    meaning: 'TLS started, but one side could not validate the other\'s certificate, or had no certificate to present ("NoCredentials").',
    cause: 'The certificate was renewed or replaced and is not bound to SMTP, it expired or was revoked, its intermediate certificate is missing, or the server\'s trusted roots are out of date. NoCredentials on your Exchange server means its send connector found no certificate to use.',
    fix: 'Bind the current certificate to SMTP, update the connectors that name it, serve the full chain and update the root certificates.',
    commands: [
      'Get-ExchangeCertificate | Format-List Thumbprint,Subject,Services,NotAfter',
      'Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP',
      'Set-SendConnector "To Office 365" -TlsCertificateName "<I>ISSUER<S>SUBJECT"',
      'Set-InboundConnector "<inbound connector>" -TlsSenderCertificateName <name on the certificate>',
    ],
    side: 'either',
  },
  {
    id: 'eop-connection-refused',
    title: 'Office 365 cannot reach your server (connection refused)',
    codes: [code('4.4.316')],
    meaning: 'Exchange Online tried to connect to your smart host on port 25 and the connection was refused.',
    cause: 'Nothing listens on port 25 at the smart host address, or a firewall rejects the Exchange Online Protection addresses.',
    fix: 'Make sure the mail service runs and listens on port 25, and open port 25 to every EOP range.',
    commands: [
      'mailflow ranges --format nftables   # or iptables / windows: the EOP ranges to allow on port 25',
      'Validate-OutboundConnector -Identity "<outbound connector>" -Recipients <test address>',
    ],
    side: 'office365-to-server',
  },
  {
    id: 'eop-connection-timeout',
    title: 'Office 365 cannot reach your server (timed out)',
    codes: [code('4.4.1')],
    meaning: 'The connection to the destination server timed out: nothing answered.',
    cause: 'A firewall silently drops port 25 from the Exchange Online Protection ranges, the smart host name points at a wrong address, or the server is down.',
    fix: 'Check that the smart host resolves to the right public address and open port 25 to every EOP range.',
    commands: [
      'mailflow ranges --format nftables',
      'mailflow preflight --domain <domain> --smart-host <host>',
      'Get-OutboundConnector | Format-List Name,SmartHosts,TlsSettings',
    ],
    side: 'office365-to-server',
  },
  {
    id: 'tenant-attribution',
    title: 'Office 365 no longer recognises your server (TenantAttribution)',
    codes: [code('5.7.64')],
    text: /TenantAttribution/i,
    meaning: 'Exchange Online rejected relaying because the message could not be matched to your organisation\'s inbound connector.',
    cause: 'Your server\'s public IP address or its certificate changed, so it no longer matches the inbound connector (SenderIPAddresses or TlsSenderCertificateName).',
    fix: 'Update the inbound connector with the current public IP address or the name on the current certificate.',
    commands: [
      'Set-InboundConnector "<inbound connector>" -SenderIPAddresses <your public IP>',
      'Set-InboundConnector "<inbound connector>" -TlsSenderCertificateName <name on the certificate>',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'dane-tls-enforcement',
    title: 'DANE / TLS enforcement failure',
    codes: [range('4.7.321', '4.7.325')],
    meaning: 'Office 365 enforces secure TLS (DANE or MTA-STS) towards the destination, and the destination failed a check.',
    cause: 'The outbound connector or the domain requires authenticated TLS, and your server\'s certificate, TLSA record or DNSSEC chain does not satisfy it.',
    fix: 'Fix what the code names: renew the certificate, update the TLSA record after a key change, repair DNSSEC, or make the certificate name the host. Until then you can relax the connector\'s SmtpDaneMode.',
    commands: [
      'Set-OutboundConnector "<outbound connector>" -SmtpDaneMode Opportunistic',
      'mailflow cert <certificate> --host <smart host>',
    ],
    side: 'office365-to-server',
    details: {
      '4.7.321': 'starttls-not-supported: your server does not offer STARTTLS',
      '4.7.322': 'certificate-expired: your server\'s certificate has expired',
      '4.7.323': 'tlsa-invalid: the TLSA record does not match the certificate',
      '4.7.324': 'dnssec-invalid: DNSSEC validation of your zone failed',
      '4.7.325': 'certificate-host-mismatch: the certificate does not name the host',
    },
  },
  {
    id: 'banned-sending-ip',
    title: 'Your sending IP address is blocked by Office 365',
    codes: [range('5.7.606', '5.7.649')],
    meaning: 'Exchange Online refused the connection because the sending IP address is on its block list.',
    cause: 'The address sent spam (an open relay or a compromised account), or it is a new address with no reputation, and the mail is not attributed to your organisation by an inbound connector.',
    fix: 'Stop any open relay or compromised sender, request delisting, and send through an inbound connector that identifies your server.',
    commands: [
      'Delisting portal: https://sender.office.com',
      'New-InboundConnector -Name "From on-premises" -ConnectorType OnPremises -SenderDomains * -TlsSenderCertificateName <name on the certificate>',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'ip-not-accepted',
    title: 'Office 365 does not accept traffic from this IP address',
    codes: [code('5.7.708')],
    meaning: 'Exchange Online refuses mail from the sending IP address (often a new tenant or an address with poor reputation).',
    cause: 'Your server sends to Office 365 from an address that is not matched by an inbound connector, so it is treated as an unknown Internet sender.',
    fix: 'Create or correct the inbound connector so your server is identified by certificate or IP address.',
    commands: [
      'Get-InboundConnector | Format-List Name,SenderIPAddresses,TlsSenderCertificateName,Enabled',
      'Set-InboundConnector "<inbound connector>" -SenderIPAddresses <your public IP>',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'throttled-unexpected-volume',
    title: 'Office 365 throttles your server (try again later)',
    codes: [range('4.7.500', '4.7.699')],
    meaning: 'Exchange Online temporarily refuses mail from the sending IP address: the volume is unexpected for an unknown sender (throttling / greylisting).',
    cause: 'Your server relays a lot of mail to Office 365 without an inbound connector that identifies it, so Office 365 rates it like an unknown Internet server.',
    fix: 'Create an inbound connector that matches your server (certificate or IP address). Mail still queued goes through once the connector matches; send again any message that already bounced.',
    commands: [
      'New-InboundConnector -Name "From on-premises" -ConnectorType OnPremises -SenderDomains * -SenderIPAddresses <your public IP> -RestrictDomainsToIPAddresses $false',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'client-not-authenticated',
    title: 'Client was not authenticated to send anonymous mail',
    codes: [code('5.7.57')],
    meaning: 'The sender connected to the client submission endpoint (smtp.office365.com, port 587) without signing in.',
    cause: 'A device or application (scanner, line-of-business app, your server) points at smtp.office365.com:587 instead of relaying through a connector to the MX endpoint.',
    fix: 'Point the device at your tenant\'s MX host (<domain>.mail.protection.outlook.com) on port 25 with an inbound connector, or configure it to authenticate with a mailbox.',
    commands: [
      'Set-SendConnector "To Office 365" -SmartHosts <tenant>.mail.protection.outlook.com',
      'Set-InboundConnector "<inbound connector>" -SenderIPAddresses <your public IP>',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'cannot-reach-office365',
    title: 'Your server cannot reach Office 365 (port 25 blocked)',
    codes: [code('4.4.0'), code('4.2.1')],
    text: /Unable to connect/i,
    codeNeedsText: true,
    meaning: 'Your server could not open an SMTP connection to Office 365 and keeps the mail in its queue.',
    cause: 'Outbound port 25 is blocked (very often by the Internet provider), DNS cannot resolve the tenant MX host, or TLS to Office 365 fails.',
    fix: 'Test port 25 to the tenant MX host from the server; ask the provider to unblock port 25, or fix DNS / the send connector.',
    commands: [
      'mailflow preflight --domain <domain> --smart-host <host>   # eop.smtp tests port 25 to the tenant MX',
      'Test-NetConnection <tenant>.mail.protection.outlook.com -Port 25',
      'Get-Queue | Format-List Identity,LastError',
    ],
    side: 'server-to-office365',
  },
  {
    id: 'user-unknown',
    title: 'Recipient mailbox does not exist',
    codes: [code('5.1.1')],
    meaning: 'The receiving server does not know the recipient address.',
    cause: 'A typo, or a mailbox that lives on the other side: with a domain shared between Office 365 and your server, Office 365 rejects addresses that are not in its directory unless the domain is an internal relay, and your server rejects users it does not host.',
    fix: 'Check the address. For a shared domain, make the accepted domain an internal relay in Office 365 (and route unknown users to the other side on your server), or create mail contacts / mail users.',
    commands: [
      'Set-AcceptedDomain -Identity <domain> -DomainType InternalRelay',
      'Get-Recipient <address>',
    ],
    side: 'either',
  },
  {
    id: 'recipient-not-found',
    title: 'Recipient not found by address lookup',
    codes: [code('5.1.10')],
    meaning: 'Exchange Online looked the recipient address up in its directory and found nothing.',
    cause: 'The recipient does not exist in the tenant: it lives on your server but the accepted domain is authoritative, or directory synchronisation has not created it yet.',
    fix: 'Create the recipient (or sync it), or make the accepted domain an internal relay with an outbound connector to your server.',
    commands: ['Set-AcceptedDomain -Identity <domain> -DomainType InternalRelay', 'Get-Recipient <address>'],
    side: 'either',
  },
  {
    id: 'recipient-access-denied',
    title: 'Recipient address rejected / relay access denied',
    codes: [code('5.4.1')],
    text: /Recipient address rejected: Access denied|Relay Access Denied/i,
    // RFC 3463 gives X.4.1 another meaning (no answer from host); Office 365's use shows in the words.
    codeNeedsText: true,
    meaning: 'Office 365 refused the recipient at the edge: the address is not in the tenant\'s directory (directory-based edge blocking), or the domain is not one the tenant accepts mail for.',
    cause: 'The MX points to Office 365 while some mailboxes still live on your server, and the domain is authoritative in Office 365, so unknown recipients are refused before the connector to your server is even considered.',
    fix: 'Make the domain an internal relay and route it to your server with an outbound connector, or create mail users / contacts for the on-premises recipients.',
    commands: [
      'Set-AcceptedDomain -Identity <domain> -DomainType InternalRelay',
      'New-OutboundConnector -Name "To on-premises" -ConnectorType OnPremises -UseMXRecord $false -SmartHosts <smart host> -RecipientDomains <domain> -TlsSettings DomainValidation -TlsDomain <smart host>',
    ],
    side: 'either',
  },
  {
    id: 'unable-to-relay',
    title: 'Unable to relay',
    codes: [code('5.7.1')],
    text: /unable to relay|relay access denied|relaying denied|relay not permitted/i,
    // 5.7.1 is any policy refusal; only the relay wording makes it this failure.
    codeNeedsText: true,
    meaning: 'The receiving server refused to pass the message on to a domain it is not responsible for.',
    cause: 'Your server refuses mail that Office 365 forwards to it for a domain it does not treat as local or relay (Postfix relay_domains, Exchange accepted domains), or Office 365 refuses relaying from your server because no inbound connector identifies it.',
    fix: 'On your server, accept the domain (Exchange: accepted domain; Postfix: relay_domains / mydestination). In Office 365, create the inbound connector and make sure sender domains are accepted domains or the certificate names one.',
    commands: [
      'postconf -e "relay_domains = <domain>" && postfix reload',
      'New-AcceptedDomain -Name <domain> -DomainName <domain> -DomainType Authoritative',
      'Get-InboundConnector | Format-List Name,SenderIPAddresses,TlsSenderCertificateName',
    ],
    side: 'either',
  },
  {
    id: 'mailbox-full',
    title: 'Mailbox full',
    codes: [code('5.2.2'), code('4.2.2')],
    meaning: 'The recipient\'s mailbox is over its storage limit.',
    cause: 'Not a connector problem: the mailbox itself is full.',
    fix: 'The recipient must free space, or an administrator raises the quota.',
    commands: ['Set-Mailbox <address> -ProhibitSendReceiveQuota <size>'],
    side: 'either',
  },
  {
    id: 'message-expired',
    title: 'Message expired in the queue',
    codes: [code('4.4.7'), code('5.4.7'), code('5.4.300')],
    wrapper: true,
    meaning: 'The sending server retried for too long without delivering and gave up.',
    cause: 'An earlier temporary failure never cleared: the other side was unreachable (port 25 blocked, wrong smart host) or kept refusing TLS. The bounce\'s diagnostic text names the last error.',
    fix: 'Fix the underlying connection problem (see the other codes in this bounce), then resend.',
    commands: ['Get-Queue | Format-List Identity,LastError', 'postqueue -p'],
    side: 'either',
  },
  {
    id: 'mail-loop',
    title: 'Hop count exceeded: a mail loop',
    codes: [code('5.4.14'), code('5.4.6'), code('4.4.6')],
    text: /hop count exceeded|mail loop|loops back to myself|too many hops/i,
    meaning: 'The message went back and forth between servers until the hop limit was reached.',
    cause: 'Office 365 and your server both think the other one is responsible for the domain: an internal-relay domain in Office 365 routes to your server, and your server sends the same addresses back to Office 365.',
    fix: 'Make exactly one side authoritative for each recipient: scope the outbound connector\'s RecipientDomains, and on your server deliver (or reject) the domain locally instead of forwarding it.',
    commands: [
      'Get-AcceptedDomain | Format-List Name,DomainType',
      'Set-OutboundConnector "<outbound connector>" -RecipientDomains <domain>',
    ],
    side: 'either',
  },
  {
    id: 'spf-violation',
    title: 'Rejected because of an SPF violation',
    codes: [code('5.7.23')],
    meaning: 'The receiving server checked SPF for the sender\'s domain and the sending IP address is not allowed.',
    cause: 'Mail now leaves through Office 365 but the SPF record lacks include:spf.protection.outlook.com, or your server still sends directly and its address is not in the record.',
    fix: 'Publish one SPF record that allows every real sender.',
    commands: [
      'DNS TXT at <domain>: v=spf1 ip4:<your public IP> include:spf.protection.outlook.com -all',
      'mailflow preflight --domain <domain> --smart-host <host>   # dns.spf checks the record',
    ],
    side: 'either',
  },
  {
    id: 'dmarc-reject',
    title: 'Rejected by DMARC policy',
    codes: [code('5.7.509')],
    meaning: 'The sender\'s domain publishes DMARC p=reject, and the message passed neither SPF nor DKIM for that domain.',
    cause: 'Mail relayed through Office 365 (or sent directly by your server) is not covered by SPF and not DKIM-signed with the From domain.',
    fix: 'Add Office 365 and your server to SPF and enable DKIM signing in Office 365; relax the DMARC policy to p=none while you fix it.',
    commands: [
      'Set-DkimSigningConfig -Identity <domain> -Enabled $true',
      'DNS TXT at _dmarc.<domain>: v=DMARC1; p=none; rua=mailto:<reports address>',
    ],
    side: 'either',
  },
  {
    id: 'unregistered-domain',
    title: 'Client blocked from sending from unregistered domains',
    codes: [code('5.7.750')],
    meaning: 'Office 365 refused to relay mail whose sender domain is not an accepted domain of your tenant.',
    cause: 'Your server relays mail through the inbound connector for sender domains that are not added and verified in Office 365.',
    fix: 'Add and verify every sender domain as an accepted domain, or stop relaying mail for foreign domains through the connector.',
    commands: ['Get-AcceptedDomain', 'New-AcceptedDomain -Name <domain> -DomainName <domain> -DomainType Authoritative'],
    side: 'server-to-office365',
  },
  {
    id: 'validation-resolve',
    title: 'Connector validation failed at "Resolve"',
    codes: [],
    text: /\bResolve\b[^\n]{0,40}\bfail|\bfail[^\n]{0,40}\bResolve\b/i,
    meaning: 'Office 365 could not look up the smart host named in the outbound connector.',
    cause: 'The smart host has no A (or MX) record, or its name in the connector has a typo.',
    fix: 'Publish the A record for the smart host, or correct the name in the connector.',
    commands: ['Set-OutboundConnector "<outbound connector>" -SmartHosts <smart host>', 'mailflow preflight --domain <domain> --smart-host <host>   # dns.smarthost.resolve'],
    side: 'office365-to-server',
  },
  {
    id: 'validation-ehlo',
    title: 'Connector validation failed at "SMTP EHLO"',
    codes: [],
    text: /SMTP EHLO[^\n]{0,40}\bfail|\bfail[^\n]{0,40}SMTP EHLO/i,
    meaning: 'Office 365 connected, but the EHLO exchange failed.',
    cause: 'The address is not a mail server, or a firewall with SMTP inspection ("fixup") alters the conversation and strips STARTTLS.',
    fix: 'Point the connector at the real mail server and turn off SMTP inspection on the firewall.',
    commands: ['mailflow preflight --domain <domain> --smart-host <host>   # smtp.ehlo and smtp.starttls'],
    side: 'office365-to-server',
  },
];

function matching(status: EnhancedStatus, text: string, singleCodesOnly: boolean): KnownFailure[] {
  return KNOWN_FAILURES.filter((f) => f.codes.some((r) => (!singleCodesOnly || r.min === r.max) && inRange(status, r)))
    .filter((f) => f.codeNeedsText !== true || (f.text?.test(text) ?? false))
    .sort((a, b) => Number(b.text?.test(text) ?? false) - Number(a.text?.test(text) ?? false));
}

/**
 * The known failures a status code belongs to, best first (those whose text also appears lead).
 * Microsoft's own codes (detail 10 and up) keep their meaning when a server turns the temporary
 * form into a permanent one on giving up ("Status: 5.4.316" for 4.4.316), so the other class is
 * tried too — for single codes only: the 4.7.5xx and 5.7.6xx ranges mean different things.
 */
export function knownFailuresFor(status: EnhancedStatus, text: string): KnownFailure[] {
  const direct = matching(status, text, false);
  if (direct.length > 0 || status.klass === 2 || status.detail < 10) return direct;
  return matching({ ...status, klass: status.klass === 4 ? 5 : 4 }, text, true);
}

/**
 * Known failures recognised by their words alone (no code needed). Failures whose words only
 * confirm a code (codeNeedsText) are left out: "Relay Access Denied" alone also ends a 5.7.64.
 */
export function knownFailuresByText(text: string): KnownFailure[] {
  return KNOWN_FAILURES.filter((f) => f.codeNeedsText !== true && (f.text?.test(text) ?? false));
}
