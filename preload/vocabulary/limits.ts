/**
 * The limits every face applies to what a person gives: the same numbers for the CLI's options,
 * the contract's argument validation and the app's forms, so a value accepted in one is accepted
 * in all.
 */
export const LIMITS = {
  /** Deadline of one check, in milliseconds. */
  checkTimeoutMs: { min: 500, max: 120_000, default: 10_000 },
  /** Deadline of one test message, in milliseconds. */
  testMessageTimeoutMs: { min: 500, max: 120_000, default: 30_000 },
  /** Pasted or read message headers and bounces, in characters (UTF-16 code units). */
  pastedTextChars: 2_000_000,
  /** A message, bounce or validation output read from a file or standard input, in bytes. */
  inputFileBytes: 4_000_000,
  /** A certificate file (PEM, DER or PFX), in bytes. */
  certificateFileBytes: 1_000_000,
  /** The firewall allow list, in characters, and its number of entries. */
  firewallAllowChars: 100_000,
  firewallAllowEntries: 5_000,
  /** Extra trusted CA certificates (PEM), in characters. */
  extraCaChars: 1_000_000,
  engagementName: 200,
  notes: 20_000,
  domains: 100,
  smartHosts: 20,
  testAddresses: 100,
  senderIpAddresses: 100,
  /** A secret saved in the keychain (an SMTP or PFX password), in characters. */
  secretChars: 4_096,
} as const;
