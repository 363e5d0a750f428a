/**
 * The evidence of each check, typed: one schema per check id, so the renderer (and any reader of
 * `--json`) reads named, typed fields instead of `evidence.someKey` by string. Keys present in
 * every outcome of a check are required; keys of some outcomes only are optional; a check may add
 * more keys (the schemas keep them). A result the runner made itself (skipped behind a failed
 * dependency, cancelled, or a check that threw) carries the runner's evidence instead.
 */
import { z } from 'zod';
import type { CheckResult } from './checks.js';
import { jsonValue } from './json.js';

const open = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(jsonValue);
const strings = z.array(z.string()).readonly();
const records = z.array(jsonValue).readonly();

/** The SMTP probe of the smart host, shared by smtp.* and tls.handshake (also eop.smtp's probe). */
const probe = {
  host: z.string(),
  address: z.string(),
  port: z.number(),
  totalMs: z.number(),
  stages: records,
  banner: z.string().nullable(),
  capabilities: strings,
  // Absent when TLS did not start; never `undefined`, which JSON evidence cannot hold.
  capabilitiesAfterTls: strings.exactOptional(),
  tls: jsonValue,
  transcript: strings,
};

/** A probe of the tenant's Office 365 MX host (eop.*): its lookup, then the probe when it got that far. */
const tenantMxProbe = {
  tenantMx: z.string().optional(),
  resolver: z.string().optional(),
  cnameChain: strings.optional(),
  failure: z.string().optional(),
  addresses: strings.optional(),
  ...Object.fromEntries(Object.entries(probe).map(([key, schema]) => [key, schema.optional()])),
};

/** The certificate checks: the certificate and chain, or (skipped/failed before) where the probe went. */
const certificate = open({
  certificate: jsonValue.optional(),
  chain: records.optional(),
  /** Whether `chain` is exactly as the server sent it, and where it was read. */
  chainSource: z.string().optional(),
  tlsCertificateName: z.string().optional(),
  setReceiveConnectorCommand: z.string().optional(),
  host: z.string().optional(),
  address: z.string().optional(),
  port: z.number().optional(),
});

/** What every tenant.* check records about the snapshot it compared with (absent without one). */
const tenant = {
  tenantId: z.string().optional(),
  readAt: z.string().optional(),
  account: z.string().optional(),
  domain: z.string().optional(),
  resolver: z.string().optional(),
};

export const evidenceSchemas = {
  'dns.smarthost.resolve': open({
    host: z.string(),
    resolver: z.string(),
    addresses: strings.optional(),
    literal: z.boolean().optional(),
    failure: z.string().optional(),
    message: z.string().optional(),
  }),
  'dns.smarthost.ptr': open({ host: z.string(), resolver: z.string().optional(), addresses: records.optional(), failure: z.string().optional() }),
  /** One entry per address: skipped (why) or its listing on each list (zone, state, return codes, TXT reason, removal page). */
  'dns.blocklist': open({ host: z.string(), resolver: z.string(), addresses: records, failure: z.string().optional() }),
  'smtp.connect': open(probe),
  'smtp.banner': open(probe),
  'smtp.ehlo': open(probe),
  'smtp.starttls': open(probe),
  'tls.handshake': open(probe),
  'tls.protocols': open({ host: z.string(), address: z.string(), port: z.number(), accepted: strings, attempts: jsonValue }),
  'tls.certificate.trusted': certificate,
  'tls.certificate.name': certificate,
  'tls.certificate.validity': certificate,
  'tls.certificate.strength': certificate,
  'tls.certificate.accepted-domain': certificate,
  'firewall.eop-ranges': open({
    endpointsVersion: z.string().optional(),
    takenAt: z.string().optional(),
    origin: z.string().optional(),
    eopRanges: strings.optional(),
    allowEntries: z.number().optional(),
    notes: strings.optional(),
    uncovered: records.optional(),
    badEntry: z.string().optional(),
  }),
  'dns.mx': open({
    domain: z.string(),
    state: z.string(),
    records,
    expected: strings,
    recordToPublish: z.string(),
    resolver: z.string(),
    failure: z.string().optional(),
    message: z.string().optional(),
  }),
  /** One entry per MX host: its form (mx.microsoft, classic, other), TLSA records with their problems, the AD bit, findings. */
  'dns.dane': open({ domain: z.string(), state: z.string(), hosts: records, resolver: z.string(), failure: z.string().optional() }),
  'dns.spf': open({
    domain: z.string(),
    records: strings,
    lookupCount: z.number(),
    lookupCountIsMinimum: z.boolean(),
    voidLookupCount: z.number(),
    office365Authorised: z.boolean(),
    serverAddresses: records,
    findings: records,
    /** Null when no record within the lookup limits can be suggested: see reductions. */
    recordToPublish: z.string().nullable(),
    dropped: records,
    reductions: records,
    reducedRecord: z.string().nullable(),
    resolver: z.string(),
  }),
  'dns.dmarc': open({
    domain: z.string(),
    state: z.string(),
    effect: z.string(),
    records: strings,
    policy: jsonValue,
    recordToPublish: z.string(),
    resolver: z.string(),
    failure: z.string().optional(),
  }),
  'dns.dkim': open({ domain: z.string(), selectors: records, resolver: z.string() }),
  'dns.mta-sts': open({
    domain: z.string(),
    state: z.string(),
    records: strings,
    id: z.string().nullable(),
    policyUrl: z.string(),
    /** Null when the policy was not fetched, or the fetch failed before an HTTP answer. */
    httpStatus: z.number().nullable(),
    /** mode, maxAge and the mx patterns; null without a valid policy. */
    policy: jsonValue,
    matchedPattern: z.string().nullable(),
    postCutoverMx: z.string(),
    /** Where postCutoverMx came from: the tenant read, the tenant MX setting, or derived from the domain. */
    postCutoverMxSource: z.enum(['tenant', 'setting', 'derived']),
    currentMx: strings.nullable(),
    uncoveredCurrentMx: strings,
    recordToPublish: z.string(),
    policyToPublish: z.string().nullable(),
    resolver: z.string(),
    failure: z.string().optional(),
    contentType: z.string().nullable().optional(),
    policyAddress: z.string().optional(),
    tlsProtocol: z.string().nullable().optional(),
    fetchFailure: z.string().optional(),
    fetchError: z.string().optional(),
  }),
  'dns.tlsrpt': open({ domain: z.string(), state: z.string(), records: strings, rua: strings, recordToPublish: z.string().nullable(), resolver: z.string(), failure: z.string().optional() }),
  'eop.smtp': open(tenantMxProbe),
  'eop.relay': open({
    ...tenantMxProbe,
    relayFrom: z.string().optional(),
    relayTo: z.string().optional(),
    /** Subject, issuer, SHA-256 fingerprint, DNS names and end of validity of the certificate offered; null when none was given. */
    certificatePresented: jsonValue.optional(),
  }),
  'tenant.domains': open({ ...tenant, tenantDomains: strings.optional(), isVerified: z.boolean().optional(), isDefault: z.boolean().optional(), supportedServices: strings.optional() }),
  'tenant.mx': open({ ...tenant, expected: z.string().optional(), recordToPublish: z.string().optional(), records: records.optional(), failure: z.string().optional() }),
  'tenant.accepted-domains': open({ ...tenant, domains: strings.optional(), accepted: strings.optional(), notAccepted: strings.optional(), certificateNames: strings.optional() }),
  'tenant.spf': open({ ...tenant, expected: z.string().optional(), records: strings.optional(), missing: strings.optional(), failure: z.string().optional() }),
  'tenant.cnames': open({ ...tenant, records: records.optional() }),
  'tenant.connectors': open({ readAt: z.string().optional(), outbound: records.optional(), inbound: records.optional(), wizardMade: strings.optional(), findings: strings.optional() }),
  'tenant.accepted-domain-type': open({ domain: z.string().optional(), readAt: z.string().optional(), domainType: z.string().nullable().optional(), command: z.string().optional() }),
  'onprem.send-connector': open({
    readAt: z.string().optional(),
    order: records.optional(),
    edgeSubscriptions: strings.optional(),
    isEdge: z.boolean().optional(),
    exchangeMajorVersion: z.number().nullable().optional(),
    tenantMx: z.string().optional(),
  }),
  'onprem.receive-certificate': open({
    readAt: z.string().optional(),
    receiveConnector: z.string().nullable().optional(),
    tlsCertificateName: z.string().nullable().optional(),
    usableCertificates: strings.optional(),
    presentedTlsCertificateName: z.string().nullable().optional(),
    suggestedTlsCertificateName: z.string().nullable().optional(),
    edge: z.boolean().optional(),
  }),
  'onprem.postfix': open({ readAt: z.string().optional(), mailVersion: z.string().optional(), relayhost: z.string().optional(), smtpTlsSecurityLevel: z.string().optional(), findings: strings.optional() }),
} as const;

/** The stable check ids, as the evidence schemas list them (the registry orders them). */
export type CheckId = keyof typeof evidenceSchemas;
export const CHECK_ID_SET: ReadonlySet<string> = new Set(Object.keys(evidenceSchemas));
export const isCheckId = (id: string): id is CheckId => CHECK_ID_SET.has(id);

/** The evidence a check's own run returns. */
export type EvidenceOf<Id extends CheckId> = z.infer<(typeof evidenceSchemas)[Id]>;

/** The evidence of a result the runner made itself, not the check. */
export const runnerEvidenceSchema = z.union([
  z.object({ blockedBy: z.string(), rootCause: z.string() }),
  z.object({ cancelled: z.literal(true) }),
  z.object({ offline: z.literal(true) }),
  z.object({ error: z.string() }),
]);
export type RunnerEvidence = z.infer<typeof runnerEvidenceSchema>;

/**
 * The typed evidence of a result: its check's own evidence, or null when the runner made the result
 * (or the id is not a known check, or the evidence does not have the check's shape).
 */
export function evidenceOf<Id extends CheckId>(result: Pick<CheckResult, 'id' | 'evidence'>, id: Id): EvidenceOf<Id> | null {
  if (result.id !== id || runnerEvidenceSchema.safeParse(result.evidence).success) return null;
  const schema: z.ZodType = (evidenceSchemas as Readonly<Record<CheckId, z.ZodType>>)[id];
  const parsed = schema.safeParse(result.evidence);
  return parsed.success ? (parsed.data as EvidenceOf<Id>) : null;
}

/** The DNS record a result says to publish (dns.mx, dns.spf, dns.dmarc, tenant.mx), if any. */
export function recordToPublishOf(result: Pick<CheckResult, 'id' | 'evidence'>): string | null {
  const record =
    evidenceOf(result, 'dns.mx')?.recordToPublish ??
    evidenceOf(result, 'dns.spf')?.recordToPublish ??
    evidenceOf(result, 'dns.dmarc')?.recordToPublish ??
    evidenceOf(result, 'tenant.mx')?.recordToPublish ??
    null;
  return record === null || record === '' ? null : record;
}

/** Why a result's evidence has neither its check's shape nor the runner's, or null when it has one. */
export function evidenceProblem(result: { readonly id: string; readonly evidence: unknown }): string | null {
  if (!isCheckId(result.id)) return `${result.id} is not a check id`;
  if (runnerEvidenceSchema.safeParse(result.evidence).success) return null;
  const schema: z.ZodType = (evidenceSchemas as Readonly<Record<CheckId, z.ZodType>>)[result.id];
  const parsed = schema.safeParse(result.evidence);
  return parsed.success ? null : `${result.id}: ${parsed.error.message}`;
}
