/**
 * Inspecting a certificate file for an engagement: PEM and DER are read without the keychain; a
 * PFX with the password the user just gave, else the engagement's saved one; checked against its
 * smart host and domains, and the report saved into the engagement.
 */
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import { LIMITS } from '../../preload/vocabulary/limits.js';
import type { Json } from '../core/checks/types.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { Clock } from '../core/ports/clock.js';
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';
import { secretAccount } from '../core/secrets/accounts.js';
import { CertificateFileError, CertificatePasswordRequiredError, parseCertificateFile } from '../core/tls/certificate-file.js';
import { trustAnchors } from '../core/tls/chain.js';
import { inspectCertificateFile } from '../core/tls/inspection.js';

export interface CertificateDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
}

/**
 * Parses without a password first: PEM, DER and an unprotected PFX never touch the keychain. Only a
 * PFX that needs its password reads the saved one, unless the user has just given it. Without a
 * saved password (or without a keychain) the file's own error says a password is needed, which
 * the app answers by asking for it in place.
 */
async function parseWithPassword<T>(secrets: SecretStore, engagementId: string, given: string | null, parse: (password: string | null) => T): Promise<T> {
  if (given !== null) return parse(given);
  try {
    return parse(null);
  } catch (error) {
    if (!(error instanceof CertificatePasswordRequiredError)) throw error;
    let saved: string | null;
    try {
      saved = await secrets.get(secretAccount(engagementId, 'pfx-password'));
    } catch (keychainError) {
      if (keychainError instanceof SecretStoreUnavailableError) throw error;
      throw keychainError;
    }
    if (saved === null) throw error;
    return parse(saved);
  }
}

export async function inspectEngagementCertificate(
  deps: CertificateDependencies,
  engagementId: string,
  file: { readonly name: string; readonly bytes: Buffer },
  password: string | null = null,
): Promise<Engagement> {
  const engagement = deps.repository.get(engagementId);
  if (file.bytes.length > LIMITS.certificateFileBytes) {
    throw new CertificateFileError('too-large', `${file.name} is larger than ${String(LIMITS.certificateFileBytes / 1_000_000)} MB: choose the certificate file itself`);
  }
  const parsed = await parseWithPassword(deps.secrets, engagementId, password, (pfxPassword) => parseCertificateFile(file.bytes, pfxPassword, file.name));
  const report = await inspectCertificateFile(file.name, parsed, {
    host: engagement.smartHosts[0] ?? null,
    domains: engagement.domains,
    anchors: trustAnchors([]),
    now: deps.clock.now(),
  });
  return deps.repository.saveCertificateInspection(engagementId, {
    fileName: file.name,
    at: new Date(deps.clock.now()).toISOString(),
    report: JSON.parse(JSON.stringify(report)) as Record<string, Json>,
  });
}
