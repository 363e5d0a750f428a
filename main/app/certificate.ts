/**
 * Inspecting a certificate file for an engagement: opened with the engagement's saved PFX password,
 * checked against its smart host and domains, and the report saved into the engagement.
 */
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import { LIMITS } from '../../preload/vocabulary/limits.js';
import type { Json } from '../core/checks/types.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { Clock } from '../core/ports/clock.js';
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';
import { secretAccount } from '../core/secrets/accounts.js';
import { CertificateFileError, parseCertificateFile } from '../core/tls/certificate-file.js';
import { trustAnchors } from '../core/tls/chain.js';
import { inspectCertificateFile } from '../core/tls/inspection.js';

export interface CertificateDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
}

/**
 * Parses with the saved PFX password. With no keychain on this machine a PEM or DER file (or a PFX
 * without a password) is still read; only a PFX that needs its password reports the keychain's fix.
 */
async function withSavedPfxPassword<T>(secrets: SecretStore, engagementId: string, parse: (password: string | null) => T): Promise<T> {
  let password: string | null;
  try {
    password = await secrets.get(secretAccount(engagementId, 'pfx-password'));
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    try {
      return parse(null);
    } catch (parseError) {
      if (parseError instanceof CertificateFileError && parseError.kind === 'password-required') throw error;
      throw parseError;
    }
  }
  return parse(password);
}

export async function inspectEngagementCertificate(
  deps: CertificateDependencies,
  engagementId: string,
  file: { readonly name: string; readonly bytes: Buffer },
): Promise<Engagement> {
  const engagement = deps.repository.get(engagementId);
  if (file.bytes.length > LIMITS.certificateFileBytes) {
    throw new CertificateFileError('too-large', `${file.name} is larger than ${String(LIMITS.certificateFileBytes / 1_000_000)} MB: choose the certificate file itself`);
  }
  const parsed = await withSavedPfxPassword(deps.secrets, engagementId, (password) => parseCertificateFile(file.bytes, password, file.name));
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
