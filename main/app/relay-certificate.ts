/**
 * The certificate eop.relay presents to Office 365 when the inbound connector recognises the server
 * by certificate: chosen once in the check settings (a PFX, or a PEM certificate with its key),
 * opened there with its password, and kept with its private key in the keychain only. The
 * engagement keeps what it is (subject, names, expiry, fingerprint), never the key or a password.
 */
import { z } from 'zod';
import type { Engagement, RelayCertificate } from '../../preload/vocabulary/engagement.js';
import type { PreflightInputs } from '../core/checks/types.js';
import { LIMITS } from '../../preload/vocabulary/limits.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { Clock } from '../core/ports/clock.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import { secretAccount } from '../core/secrets/accounts.js';
import { parsePemCertificates } from '../core/tls/certificate.js';
import { CertificateFileError, readCertificateWithKey, type CertificateWithKey } from '../core/tls/certificate-file.js';
import { formatWindowsDn } from '../core/tls/exchange-names.js';

export interface RelayCertificateDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
}

export interface ChosenFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The engagement notes a relay certificate, but the keychain no longer holds it (removed, or another machine). */
export class RelayCertificateMissingError extends Error {
  override readonly name = 'RelayCertificateMissingError';
}

const storedSchema = z.strictObject({ certPem: z.string().min(1), keyPem: z.string().min(1) });

const account = (engagementId: string): string => secretAccount(engagementId, 'relay-certificate');

function refuseLarge(file: ChosenFile): void {
  if (file.bytes.length > LIMITS.certificateFileBytes) {
    throw new CertificateFileError('too-large', `${file.name} is larger than ${String(LIMITS.certificateFileBytes / 1_000_000)} MB: choose the certificate file itself`);
  }
}

/** What a person recognises the certificate by, from its leaf (the subject as Windows writes it). */
function describe(certPem: string, fileName: string, chosenAt: string): RelayCertificate {
  const [leaf] = parsePemCertificates(certPem);
  if (leaf === undefined) throw new CertificateFileError('no-certificate', `${fileName} holds no certificate`);
  return {
    fileName,
    subject: formatWindowsDn(leaf.subject),
    names: [...leaf.dnsNames],
    notAfter: leaf.notAfter.toISOString(),
    sha256: leaf.fingerprintSha256,
    chosenAt,
  };
}

/**
 * Opens the files (the password for a PFX or an encrypted key), checks that the key belongs to the
 * certificate, and keeps both in the keychain before the engagement notes it: a failure at any
 * point leaves the earlier choice as it was.
 */
export async function chooseRelayCertificate(
  deps: RelayCertificateDependencies,
  engagementId: string,
  certificate: ChosenFile,
  key: ChosenFile | null,
  password: string | null,
): Promise<Engagement> {
  deps.repository.get(engagementId);
  refuseLarge(certificate);
  if (key !== null) refuseLarge(key);
  const opened = readCertificateWithKey(certificate.bytes, key?.bytes ?? null, password, { cert: certificate.name, key: key?.name ?? certificate.name });
  const description = describe(opened.certPem, certificate.name, new Date(deps.clock.now()).toISOString());
  await deps.secrets.set(account(engagementId), JSON.stringify(opened));
  return deps.repository.saveRelayCertificate(engagementId, description);
}

export async function clearRelayCertificate(deps: RelayCertificateDependencies, engagementId: string): Promise<Engagement> {
  deps.repository.get(engagementId);
  await deps.secrets.delete(account(engagementId));
  return deps.repository.saveRelayCertificate(engagementId, null);
}

/** The certificate and key to present, or null when none was chosen. */
export async function relayCertificateOf(secrets: SecretStore, engagement: Engagement): Promise<CertificateWithKey | null> {
  const noted = engagement.relayCertificate;
  if (noted === null) return null;
  const missing = `The certificate for the relay test (${noted.fileName}) is no longer in this computer's keychain: choose it again in the check settings, or remove it there to test without one.`;
  const saved = await secrets.get(account(engagement.id));
  if (saved === null) throw new RelayCertificateMissingError(missing);
  let parsed: unknown;
  try {
    parsed = JSON.parse(saved);
  } catch {
    /* A damaged entry is the same to the user as a missing one: choose the file again. */
    throw new RelayCertificateMissingError(missing);
  }
  const stored = storedSchema.safeParse(parsed);
  if (!stored.success) throw new RelayCertificateMissingError(missing);
  return stored.data;
}

/** The run's inputs with the relay test presenting the chosen certificate, when the engagement names one. */
export async function withRelayCertificate(secrets: SecretStore, engagement: Engagement, inputs: PreflightInputs): Promise<PreflightInputs> {
  const clientCertificate = await relayCertificateOf(secrets, engagement);
  return clientCertificate === null || inputs.relay == null ? inputs : { ...inputs, relay: { ...inputs.relay, clientCertificate } };
}
