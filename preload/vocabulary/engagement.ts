/**
 * Engagements: one per customer. The zod schema is the single source of the saved shape; the
 * renderer sees the inferred types through the contract.
 */
import { z } from 'zod';
import { CHECK_STATUSES, COMMAND_PLACES, FIX_ACTIONS, FIX_SETTINGS, STEP_IDS, type Advice } from './checks.js';
import { jsonValue } from './json.js';
import { importedInventorySchema, officeProofSchema } from './imports.js';
import { TEST_EVIDENCE_LIMIT, testEvidenceSchema } from './test-evidence.js';
import { m365SettingsSchema } from './m365.js';
import { tenantSnapshotSchema } from './tenant.js';
import { CONNECTOR_SCOPES, INBOUND_IDENTIFICATIONS, OUTBOUND_TLS_SETTINGS, SCRIPT_MODES } from './connectors.js';
import { dnsServerSchema, domainSchema, emailSchema, hostSchema, senderIpSchema } from './validation/schemas.js';
import { SERVER_KINDS } from './server-kinds.js';
import { LIMITS } from './limits.js';
import { checkTimeoutSchema, FIREWALL_ALLOW_RULE, firewallAllowSchema } from './validation/limits.js';
import { runHistorySchema } from './run-history.js';

export { SERVER_KINDS, type ServerKind } from './server-kinds.js';
export { jsonValue } from './json.js';

const isoTimestamp = z.iso.datetime();

export const itemProgressSchema = z.object({
  done: z.boolean(),
  at: isoTimestamp,
});


const fixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setting'), setting: z.enum(FIX_SETTINGS) }),
  z.object({ kind: z.literal('action'), action: z.enum(FIX_ACTIONS) }),
  z.object({ kind: z.literal('command'), place: z.enum(COMMAND_PLACES), command: z.string() }),
]);

export const adviceSchema: z.ZodType<Advice> = z.object({ text: z.string(), fixes: z.array(fixSchema) });

export const savedResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  step: z.enum(STEP_IDS),
  target: z.string().nullable(),
  status: z.enum(CHECK_STATUSES),
  summary: z.string(),
  evidence: z.record(z.string(), jsonValue),
  advice: adviceSchema.optional(),
  durationMs: z.number(),
});

/**
 * A check's last result for one target, with when it ran (still shown offline) and the fingerprint
 * of the inputs it ran with (inputs-key.ts; absent for results saved before version 6).
 */
export const savedCheckResultSchema = savedResultSchema.extend({ ranAt: isoTimestamp, inputsKey: z.string().max(16).optional() });

/** How the checks reach the customer's server and DNS from this machine. */
export const checkSettingsSchema = z.object({
  smtpPort: z.number().int().min(1).max(65535),
  /** `IP` or `IP:PORT` of a DNS server to ask instead of the system's; null = system resolver. */
  dnsServer: z.string().max(100).nullable(),
  /** The tenant's Office 365 MX host; null = derived from the first domain. */
  tenantMx: z.string().max(253).nullable(),
  /** The firewall's allow list for port 25 (one IP or CIDR per line); empty = not compared. */
  firewallAllow: z.string().max(LIMITS.firewallAllowChars, FIREWALL_ALLOW_RULE),
  timeoutMs: checkTimeoutSchema,
  /** Extra trusted root certificates (PEM) for the checks, besides the system roots; empty = none. */
  extraCaPem: z.string().max(LIMITS.extraCaChars, `at most ${LIMITS.extraCaChars.toLocaleString('en')} characters of PEM`),
  /** An address outside the domains that eop.relay asks Office 365 to relay to (nothing is sent); null = not tested. Absent before it existed. */
  relayTo: z.string().max(254).nullable().default(null),
});

/** Settings as a person edits them; dnsServer and tenantMx validated, stored normalised. */
export const checkSettingsInputSchema = checkSettingsSchema.extend({
  firewallAllow: firewallAllowSchema,
  dnsServer: z.union([z.null(), dnsServerSchema.transform((server) => `${server.address.includes(':') ? `[${server.address}]` : server.address}:${server.port}`)]),
  tenantMx: z.union([z.null(), hostSchema]),
  relayTo: z.union([z.null(), emailSchema]).default(null),
});

/** The answers the scripts are generated from (the Part 1 and Part 2 choices of the guide). */
export const connectorChoicesSchema = z.object({
  /** Deliver mail for all accepted domains, or only what a mail flow rule selects. */
  scope: z.enum(CONNECTOR_SCOPES),
  /** How Office 365 recognises your server: its certificate, or its public IPv4 address(es). */
  inboundBy: z.enum(INBOUND_IDENTIFICATIONS),
  senderIpAddresses: z.array(senderIpSchema).max(100),
  /** The SMTP domain the certificate names, for TlsSenderCertificateName; null = the smart host. */
  certificateName: z.union([z.null(), domainSchema]),
  tlsSettings: z.enum(OUTBOUND_TLS_SETTINGS),
  /** Create new connectors, or edit existing ones (the old settings keep working until saved). */
  mode: z.enum(SCRIPT_MODES),
});

export const defaultConnectorChoices: ConnectorChoices = {
  scope: 'accepted-domains',
  inboundBy: 'certificate',
  senderIpAddresses: [],
  certificateName: null,
  tlsSettings: 'CertificateValidation',
  mode: 'new',
};

export const defaultCheckSettings: CheckSettings = { smtpPort: 25, dnsServer: null, tenantMx: null, firewallAllow: '', timeoutMs: 10_000, extraCaPem: '', relayTo: null };

/** The last certificate file inspected for this engagement (the report, never the file or a password). */
export const certificateInspectionSchema = z.object({
  fileName: z.string().max(500),
  at: isoTimestamp,
  report: z.record(z.string(), jsonValue),
});

/**
 * The certificate eop.relay presents to Office 365, as a person recognises it; the certificate and
 * its private key themselves live only in the keychain.
 */
export const relayCertificateSchema = z.object({
  fileName: z.string().max(500),
  subject: z.string().max(1000),
  /** The DNS names it holds (subject alternative names), which a certificate-based connector matches. */
  names: z.array(z.string().max(253)).max(200),
  notAfter: isoTimestamp,
  /** SHA-256 fingerprint (hex, colon separated), so a result knows which certificate it ran with. */
  sha256: z.string().max(100),
  chosenAt: isoTimestamp,
});

export const engagementSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  domains: z.array(z.string()),
  smartHosts: z.array(z.string()),
  serverKind: z.enum(SERVER_KINDS),
  testAddresses: z.array(z.string()),
  notes: z.string(),
  progress: z.record(z.string(), itemProgressSchema),
  checkSettings: checkSettingsSchema,
  connectorChoices: connectorChoicesSchema,
  checkResults: z.array(savedCheckResultSchema),
  certificateInspection: certificateInspectionSchema.nullable(),
  /** The certificate the relay test presents, chosen in the check settings; null = none. Absent before it existed. */
  relayCertificate: relayCertificateSchema.nullable().default(null),
  /** What the tenant expects, as read from Microsoft 365 (with its time); null until read. */
  tenantSnapshot: tenantSnapshotSchema.nullable(),
  /** The imported inventory documents, at most one per side (a newer import of a side replaces it). */
  inventory: z.array(importedInventorySchema).refine((documents) => new Set(documents.map((d) => d.side)).size === documents.length, {
    error: 'at most one inventory document per side',
  }),
  /** Microsoft's own proof, as read from the pasted cmdlet output. */
  officeProof: officeProofSchema,
  /** What the Test step proved: messages sent, headers read and bounces decoded, newest first. */
  testEvidence: z.array(testEvidenceSchema).max(TEST_EVIDENCE_LIMIT),
  /** The last runs of the checks (run-history.ts), newest first. */
  runHistory: runHistorySchema,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

export type Engagement = z.infer<typeof engagementSchema>;
export type ItemProgress = z.infer<typeof itemProgressSchema>;
export type SavedCheckResult = z.infer<typeof savedCheckResultSchema>;
export type CheckSettings = z.infer<typeof checkSettingsSchema>;
export type CertificateInspection = z.infer<typeof certificateInspectionSchema>;
export type RelayCertificate = z.infer<typeof relayCertificateSchema>;
export type ConnectorChoices = z.infer<typeof connectorChoicesSchema>;

export const CURRENT_SCHEMA_VERSION = 7;

export const settingsDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  preferences: z.object({ m365: m365SettingsSchema }),
  engagements: z.array(engagementSchema),
});

export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;

/** The fields a person edits; everything else is kept by the repository. */
export const engagementDetailsSchema = z.object({
  name: z.string().trim().min(1, 'Give the engagement a name.').max(200, 'Keep the name under 200 characters.'),
  domains: z.array(domainSchema).max(100),
  smartHosts: z.array(hostSchema).max(20),
  serverKind: z.enum(SERVER_KINDS),
  testAddresses: z.array(emailSchema).max(100),
  notes: z.string().max(20_000, 'Keep notes under 20,000 characters.'),
});

export type EngagementDetails = z.infer<typeof engagementDetailsSchema>;
