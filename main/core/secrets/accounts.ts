/**
 * Which secrets the app keeps, and under which keychain account. Secrets live only in the
 * SecretStore: never in the settings file, a log line or a report.
 */
import type { SecretKind } from '../../../preload/vocabulary/secrets.js';

export { SECRET_KINDS, type SecretKind } from '../../../preload/vocabulary/secrets.js';

export const secretAccount = (engagementId: string, kind: SecretKind): string => `engagement/${engagementId}/${kind}`;
