/**
 * What the on-premises Exchange inventory script reads (Get-ExchangeServer, Get-EdgeSubscription,
 * Get-SendConnector, Get-ReceiveConnector, Get-ExchangeCertificate), as the schema that imports it.
 */
import { z } from 'zod';
import { asArray, date, enumName, flag, list, objects, text } from './values.js';

export const TLS_AUTH_LEVELS = ['EncryptionOnly', 'CertificateValidation', 'DomainValidation'] as const;

const name = z.string().min(1, 'the name is empty');

/** "SMTP:*;1" as Exchange prints an address space, or the object the inventory script writes. */
export interface AddressSpace {
  readonly type: string;
  readonly address: string;
  readonly cost: number;
}

const ADDRESS_SPACE = /^(?:([^:;]+):)?([^;]+?)(?:;(\d+))?$/;

const addressSpace = z.union([
  z.string().transform((value, ctx): AddressSpace => {
    const match = ADDRESS_SPACE.exec(value.trim());
    if (match?.[2] === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected an address space like SMTP:*;1, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return { type: match[1] ?? 'SMTP', address: match[2], cost: match[3] === undefined ? 1 : Number(match[3]) };
  }),
  z
    .object({ Type: text, Address: z.string().min(1), Cost: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish() })
    .transform((value): AddressSpace => ({ type: value.Type ?? 'SMTP', address: value.Address, cost: value.Cost === null || value.Cost === undefined ? 1 : Number(value.Cost) })),
]);

const server = z
  .object({
    Name: name,
    AdminDisplayVersion: text,
    ServerRole: text,
    IsEdgeServer: flag,
  })
  .readonly();

const edgeSubscription = z.object({ Name: name, Site: text, Domain: text }).readonly();

const sendConnector = z
  .object({
    Identity: text,
    Name: name,
    AddressSpaces: z.preprocess(asArray, z.array(addressSpace)),
    Enabled: flag,
    SmartHosts: list,
    DNSRoutingEnabled: flag,
    SourceTransportServers: list,
    RequireTLS: flag,
    TlsAuthLevel: enumName(TLS_AUTH_LEVELS),
    TlsDomain: text,
    TlsCertificateName: text,
    CloudServicesMailEnabled: flag,
    Fqdn: text,
    IsScopedConnector: flag,
  })
  .readonly();

const receiveConnector = z
  .object({
    Identity: z.string().min(1, 'the identity is empty'),
    Name: name,
    Server: text,
    Bindings: list,
    RemoteIPRanges: list,
    TransportRole: text,
    TlsCertificateName: text,
    AuthMechanism: text,
    Enabled: flag,
    Fqdn: text,
  })
  .readonly();

const certificate = z
  .object({
    Thumbprint: z.string().min(1, 'the thumbprint is empty'),
    Server: text,
    /** Windows prints the flags as "IMAP, POP, IIS, SMTP"; kept as separate names. */
    Services: z.union([z.string(), z.array(z.string()), z.null()]).transform((value) =>
      value === null ? [] : (Array.isArray(value) ? value : value.split(',')).map((service) => service.trim()).filter((service) => service !== ''),
    ),
    CertificateDomains: list,
    Issuer: z.string(),
    Subject: z.string(),
    NotAfter: date,
    IsSelfSigned: flag,
  })
  .readonly();

export const exchangeServerData = z
  .object({
    servers: objects(server),
    edgeSubscriptions: objects(edgeSubscription),
    sendConnectors: objects(sendConnector),
    receiveConnectors: objects(receiveConnector),
    certificates: objects(certificate),
  })
  .readonly();

export type ExchangeServerData = z.output<typeof exchangeServerData>;
export type ExchangeServerState = z.output<typeof server>;
export type SendConnectorState = z.output<typeof sendConnector>;
export type ReceiveConnectorState = z.output<typeof receiveConnector>;
export type ExchangeCertificateState = z.output<typeof certificate>;
