/** The secrets the app keeps in the system keychain for an engagement (values never cross the contract). */
export const SECRET_KINDS = ['smtp-password', 'pfx-password'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Each secret's name as a person reads it (the keychain panel, the notes to enter it again after an import). */
export const SECRET_TITLES: Readonly<Record<SecretKind, string>> = {
  'smtp-password': 'SMTP password',
  'pfx-password': 'Certificate (PFX) password',
};
