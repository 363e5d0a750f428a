/**
 * What the imported state means for the engagement: which existing connectors already do the job
 * (so edit scripts target them and creation is refused), which were made by the Hybrid
 * Configuration Wizard, and which Exchange send connector wins for Internet mail. Shared by the
 * checks and the script generators, so both reach the same verdict.
 */
import { isOffice365MxHost } from '../dns/office365-mx.js';
import { wildcardMatches } from '../tls/name-match.js';
import type { ExchangeOnlineData, InboundConnectorState, OutboundConnectorState, TransportRuleState } from './exchange-online.js';
import type { AddressSpace, ExchangeCertificateState, ExchangeServerData, ReceiveConnectorState, SendConnectorState } from './exchange-server.js';

const normalise = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

/** "smtp:*;1" (how Get-InboundConnector prints SenderDomains) or "*.contoso.com" as the bare domain pattern. */
export function domainPattern(value: string): string {
  return normalise(value.replace(/^smtp:/i, '').replace(/;\d+$/, ''));
}

/** Whether a RecipientDomains/SenderDomains/AddressSpaces pattern covers a domain ("*", "*.x", or exact). */
export function patternCovers(pattern: string, domain: string): boolean {
  const spec = domainPattern(pattern);
  const name = normalise(domain);
  if (spec === '*') return true;
  if (spec.startsWith('*.')) return name === spec.slice(2) || name.endsWith(spec.slice(1));
  return spec === name;
}

/** Names the Hybrid Configuration Wizard gives: "Inbound from <GUID>", "Outbound to <GUID>". */
const WIZARD_NAME = /^(?:Inbound from|Outbound to)(?: Office 365 -)? [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isWizardMade(connector: { readonly Name: string; readonly ConnectorSource?: string | null }): boolean {
  return connector.ConnectorSource === 'HybridWizard' || WIZARD_NAME.test(connector.Name);
}

/** The rules that send messages for a domain to a given outbound connector. */
export function rulesRoutingTo(data: ExchangeOnlineData, connector: OutboundConnectorState): TransportRuleState[] {
  const names = [connector.Name, connector.Identity].filter((name): name is string => name !== null).map(normalise);
  return data.transportRules.filter((rule) => rule.RouteMessageOutboundConnector !== null && names.includes(normalise(rule.RouteMessageOutboundConnector)));
}

/** Whether an outbound connector routes mail for a domain: by its domains, all accepted domains, or a rule. */
export function outboundRoutes(data: ExchangeOnlineData, connector: OutboundConnectorState, domain: string): boolean {
  if (connector.IsTransportRuleScoped === true) {
    return rulesRoutingTo(data, connector).some((rule) => rule.RecipientDomainIs.length === 0 || rule.RecipientDomainIs.some((pattern) => patternCovers(pattern, domain)));
  }
  if (connector.AllAcceptedDomains === true) return data.acceptedDomains.some((accepted) => patternCovers(accepted.DomainName, domain));
  return connector.RecipientDomains.some((pattern) => patternCovers(pattern, domain));
}

/** The OnPremises outbound connectors that serve any of the domains (the ones an edit must change). */
export function outboundConnectorsFor(data: ExchangeOnlineData, domains: readonly string[]): OutboundConnectorState[] {
  return data.outboundConnectors.filter((connector) => connector.ConnectorType !== 'Partner' && domains.some((domain) => outboundRoutes(data, connector, domain)));
}

/** The OnPremises inbound connectors: Office 365 accepts relayed mail from your server through them. */
export function inboundConnectorsFor(data: ExchangeOnlineData, domains: readonly string[]): InboundConnectorState[] {
  return data.inboundConnectors.filter(
    (connector) => connector.ConnectorType === 'OnPremises' && domains.some((domain) => connector.SenderDomains.some((pattern) => patternCovers(pattern, domain))),
  );
}

const TLS_RANK = { EncryptionOnly: 1, CertificateValidation: 2, DomainValidation: 3 } as const;

/** Whether a connector's TLS setting checks less than the engagement's choice (null = not set = weakest). */
export function tlsWeakerThan(actual: string | null, wanted: keyof typeof TLS_RANK): boolean {
  const rank = actual !== null && actual in TLS_RANK ? TLS_RANK[actual as keyof typeof TLS_RANK] : 0;
  return rank < TLS_RANK[wanted];
}

/** The most specific SMTP address space of a connector that covers a domain, or null. */
function bestSpace(connector: SendConnectorState, domain: string): AddressSpace | null {
  const covering = connector.AddressSpaces.filter((space) => space.type.toLowerCase() === 'smtp' && patternCovers(space.address, domain));
  return covering.sort((a, b) => specificity(b.address) - specificity(a.address) || a.cost - b.cost)[0] ?? null;
}

/** "*" is the least specific; "*.contoso.com" less than "mail.contoso.com". */
function specificity(address: string): number {
  const spec = domainPattern(address);
  if (spec === '*') return 0;
  return spec.split('.').length * 2 + (spec.startsWith('*.') ? 0 : 1);
}

export interface SendConnectorChoice {
  readonly connector: SendConnectorState;
  readonly space: AddressSpace;
}

/**
 * The send connector Exchange picks for a recipient domain: among enabled connectors whose SMTP
 * address space covers it, the most specific address space, then the lowest cost, then the
 * alphanumerically lowest name. Returns every candidate in that order (the winner first).
 */
export function sendConnectorOrder(connectors: readonly SendConnectorState[], domain: string): SendConnectorChoice[] {
  const candidates: SendConnectorChoice[] = [];
  for (const connector of connectors) {
    if (connector.Enabled === false) continue;
    const space = bestSpace(connector, domain);
    if (space !== null) candidates.push({ connector, space });
  }
  return candidates.sort(
    (a, b) =>
      specificity(b.space.address) - specificity(a.space.address) ||
      a.space.cost - b.space.cost ||
      (a.connector.Name.toLowerCase() < b.connector.Name.toLowerCase() ? -1 : a.connector.Name.toLowerCase() > b.connector.Name.toLowerCase() ? 1 : 0),
  );
}

/** A send connector that relays to Office 365: it names an Office 365 MX host as smart host. */
export function isOffice365SendConnector(connector: SendConnectorState): boolean {
  return connector.DNSRoutingEnabled !== true && connector.SmartHosts.some((host) => isOffice365MxHost(host));
}

/** A domain no organisation owns, to ask "which connector carries Internet mail". */
export const INTERNET_DOMAIN = 'example.net';

/** Exchange 2010 (14.x) and older: no TlsCertificateName and no CloudServicesMailEnabled on connectors. */
export function exchangeMajorVersion(adminDisplayVersion: string | null): number | null {
  const match = /(?:Version\s+)?(\d+)\.(\d+)/i.exec(adminDisplayVersion ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}

export function oldestExchangeVersion(data: ExchangeServerData): number | null {
  const versions = data.servers.map((server) => exchangeMajorVersion(server.AdminDisplayVersion)).filter((version): version is number => version !== null);
  return versions.length === 0 ? null : Math.min(...versions);
}

/** An Edge topology: this is an Edge server, or the organisation has Edge subscriptions. */
export function edgeTopology(data: ExchangeServerData): { readonly isEdge: boolean; readonly subscriptions: readonly string[] } {
  return {
    isEdge: data.servers.some((server) => server.IsEdgeServer === true || /edge/i.test(server.ServerRole ?? '')),
    subscriptions: data.edgeSubscriptions.map((subscription) => subscription.Name),
  };
}

/** Whether a certificate name (SAN entry, possibly "*.contoso.com") covers a host. */
export function certificateNameCovers(name: string, host: string): boolean {
  const pattern = normalise(name);
  const target = normalise(host);
  return pattern === target || (pattern.startsWith('*.') && wildcardMatches(pattern, target));
}

/** The receive connector that takes anonymous Internet mail on port 25: Default Frontend (Mailbox) or Default internal receive connector (Edge). */
export function internetReceiveConnector(connectors: readonly ReceiveConnectorState[]): ReceiveConnectorState | null {
  const onPort25 = connectors.filter((connector) => connector.Enabled !== false && connector.Bindings.some((binding) => /:25$/.test(binding)));
  const preferred = onPort25.find((connector) => /^Default (?:Frontend|internal receive connector) /i.test(connector.Name));
  return preferred ?? onPort25.find((connector) => connector.TransportRole === 'FrontendTransport') ?? onPort25[0] ?? null;
}

const TLS_NAME = /^<I>(.+)<S>(.+)$/;

export function certificateOfName(certificates: readonly ExchangeCertificateState[], tlsCertificateName: string): ExchangeCertificateState | null {
  const match = TLS_NAME.exec(tlsCertificateName.trim());
  if (match === null) return null;
  const squash = (dn: string): string => dn.replace(/\s*,\s*/g, ',').toLowerCase();
  return certificates.find((certificate) => squash(certificate.Issuer) === squash(match[1] ?? '') && squash(certificate.Subject) === squash(match[2] ?? '')) ?? null;
}

/** SMTP certificates that name the host (wildcards included), from a CA, not expired; newest first. */
export function usableCertificates(certificates: readonly ExchangeCertificateState[], host: string, now: number): ExchangeCertificateState[] {
  return certificates
    .filter(
      (certificate) =>
        certificate.Services.some((service) => service.toUpperCase() === 'SMTP') &&
        certificate.IsSelfSigned !== true &&
        (certificate.NotAfter === null || Date.parse(certificate.NotAfter) > now) &&
        certificate.CertificateDomains.some((name) => certificateNameCovers(name, host)),
    )
    .sort((a, b) => Date.parse(b.NotAfter ?? '') - Date.parse(a.NotAfter ?? ''));
}
