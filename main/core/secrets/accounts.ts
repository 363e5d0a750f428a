/**
 * Which secrets the app keeps, and under which keychain account. Secrets live only in the
 * SecretStore: never in the settings file, a log line or a report.
 */
export const SECRET_KINDS = ['smtp-password', 'pfx-password'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const secretAccount = (engagementId: string, kind: SecretKind): string => `engagement/${engagementId}/${kind}`;
