/** What the tenant expects, as read from Microsoft 365: the saved shape (an engagement keeps it as is). */
import { z } from 'zod';
import { CLOUD_NAMES } from './m365.js';

const recordCommon = { label: z.string(), service: z.string(), optional: z.boolean(), ttl: z.number() };

export const expectedRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('MX'), ...recordCommon, mailExchange: z.string(), preference: z.number() }),
  z.object({ type: z.literal('TXT'), ...recordCommon, text: z.string() }),
  z.object({ type: z.literal('CNAME'), ...recordCommon, canonicalName: z.string() }),
  z.object({ type: z.literal('SRV'), ...recordCommon, target: z.string(), port: z.number(), priority: z.number(), weight: z.number() }),
]);

export const tenantDomainSchema = z.object({
  id: z.string(),
  isVerified: z.boolean(),
  isDefault: z.boolean(),
  supportedServices: z.array(z.string()),
  /** Null when not read: the domain does not support Email, or the read failed (see errors). */
  records: z.array(expectedRecordSchema).nullable(),
});

export const acceptedDomainSchema = z.object({
  domainName: z.string(),
  domainType: z.string().nullable(),
  isDefault: z.boolean(),
});

export const tenantSnapshotErrorSchema = z.object({
  source: z.enum(['domains', 'records', 'accepted-domains']),
  domain: z.string().nullable(),
  kind: z.enum(['permission', 'consent', 'registration', 'sign-in-required', 'throttled', 'network', 'proxy', 'malformed', 'cancelled', 'service']),
  message: z.string(),
});

/** The saved shape (the engagement stores it as is). */
export const tenantSnapshotSchema = z.object({
  version: z.literal(1),
  readAt: z.iso.datetime(),
  cloud: z.enum(CLOUD_NAMES),
  tenantId: z.string(),
  /** The signed-in user's UPN. */
  account: z.string(),
  /** Null when the domain list could not be read. */
  domains: z.array(tenantDomainSchema).nullable(),
  /** Null when the Exchange Online Admin API could not be read. */
  acceptedDomains: z.array(acceptedDomainSchema).nullable(),
  errors: z.array(tenantSnapshotErrorSchema),
});

export type TenantSnapshot = z.infer<typeof tenantSnapshotSchema>;
export type TenantDomain = z.infer<typeof tenantDomainSchema>;
export type TenantSnapshotError = z.infer<typeof tenantSnapshotErrorSchema>;

