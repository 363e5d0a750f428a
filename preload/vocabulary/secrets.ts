/** The secrets the app keeps in the system keychain for an engagement (values never cross the contract). */
export const SECRET_KINDS = ['smtp-password', 'pfx-password', 'relay-certificate'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** The passwords a person types into the keychain panel; the relay certificate is kept only by choosing its file in the check settings. */
export const TYPED_SECRET_KINDS = ['smtp-password', 'pfx-password'] as const satisfies readonly SecretKind[];
export type TypedSecretKind = (typeof TYPED_SECRET_KINDS)[number];

/** Each secret's name as a person reads it (the keychain panel, the notes to enter it again after an import). */
export const SECRET_TITLES: Readonly<Record<SecretKind, string>> = {
  'smtp-password': 'SMTP password',
  'pfx-password': 'Certificate (PFX) password',
  'relay-certificate': 'Relay test certificate and key',
};
