/**
 * What the Exchange Online inventory script reads (Get-OutboundConnector, Get-InboundConnector,
 * Get-AcceptedDomain, Get-TransportRule), as the schema that imports it. Property names are the
 * cmdlets' own, so a document made with `Get-OutboundConnector | ConvertTo-Json` by hand fits too.
 */
import { z } from 'zod';
import { date, enumName, flag, list, objects, text } from './values.js';

export const CONNECTOR_TYPES = ['OnPremises', 'Partner'] as const;
export const CONNECTOR_SOURCES = ['Default', 'Migrated', 'HybridWizard', 'AdminUI'] as const;
export const TLS_SETTINGS = ['EncryptionOnly', 'CertificateValidation', 'DomainValidation'] as const;
export const ACCEPTED_DOMAIN_TYPES = ['Authoritative', 'InternalRelay', 'ExternalRelay'] as const;

const name = z.string().min(1, 'the name is empty');

const outboundConnector = z
  .object({
    Identity: text,
    Name: name,
    Enabled: flag,
    ConnectorType: enumName(CONNECTOR_TYPES),
    ConnectorSource: enumName(CONNECTOR_SOURCES, true),
    SmartHosts: list,
    RecipientDomains: list,
    AllAcceptedDomains: flag,
    UseMXRecord: flag,
    TlsSettings: enumName(TLS_SETTINGS),
    TlsDomain: text,
    IsTransportRuleScoped: flag,
    RouteAllMessagesViaOnPremises: flag,
    IsValidated: flag,
    LastValidationTimestamp: date,
    ValidationRecipients: list,
    CloudServicesMailEnabled: flag,
    WhenChanged: date,
  })
  .readonly();

const inboundConnector = z
  .object({
    Identity: text,
    Name: name,
    Enabled: flag,
    ConnectorType: enumName(CONNECTOR_TYPES),
    ConnectorSource: enumName(CONNECTOR_SOURCES, true),
    SenderDomains: list,
    SenderIPAddresses: list,
    TlsSenderCertificateName: text,
    RequireTls: flag,
    RestrictDomainsToCertificate: flag,
    RestrictDomainsToIPAddresses: flag,
    CloudServicesMailEnabled: flag,
    WhenChanged: date,
  })
  .readonly();

const acceptedDomain = z
  .object({
    DomainName: name,
    DomainType: enumName(ACCEPTED_DOMAIN_TYPES),
    Default: flag,
  })
  .readonly();

const transportRule = z
  .object({
    Name: name,
    State: text,
    Priority: text,
    RouteMessageOutboundConnector: text,
    RecipientDomainIs: list,
  })
  .readonly();

export const exchangeOnlineData = z
  .object({
    outboundConnectors: objects(outboundConnector),
    inboundConnectors: objects(inboundConnector),
    acceptedDomains: objects(acceptedDomain),
    transportRules: objects(transportRule),
  })
  .readonly();

export type ExchangeOnlineData = z.output<typeof exchangeOnlineData>;
export type OutboundConnectorState = z.output<typeof outboundConnector>;
export type InboundConnectorState = z.output<typeof inboundConnector>;
export type AcceptedDomainState = z.output<typeof acceptedDomain>;
export type TransportRuleState = z.output<typeof transportRule>;
