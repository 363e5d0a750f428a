/** The secrets the app keeps in the system keychain for an engagement (values never cross the contract). */
export const SECRET_KINDS = ['smtp-password', 'pfx-password'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];
