/**
 * What a person asks for when sending a test message, validated the same way for IPC and code
 * callers. The SMTP password is deliberately absent: it is read from the keychain at send time, so
 * it never crosses IPC or lands in a saved document.
 */
import { z } from 'zod';
import { domainSchema, emailSchema, hostSchema, portSchema } from './validation/schemas.js';

/**
 * How the connection is protected. `starttls-required` refuses to send in clear text;
 * `starttls-opportunistic` upgrades when offered; `implicit-tls` speaks TLS from the first byte
 * (port 465); `none` never encrypts and is reported with a warning.
 */
export const TEST_MESSAGE_SECURITY = ['starttls-required', 'starttls-opportunistic', 'implicit-tls', 'none'] as const;
export type TestMessageSecurity = (typeof TEST_MESSAGE_SECURITY)[number];

export const DEFAULT_TEST_MESSAGE_TIMEOUT_MS = 30_000;
export const MAX_TEST_RECIPIENTS = 10;

/** Header values and user names must stay on one line: a CR or LF would forge another header or command. */
const singleLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is empty`)
    .max(max, `${label} is longer than ${max} characters`)
    .refine((value) => !/[\p{Cc}]/u.test(value), `${label} cannot contain line breaks or control characters`);

export const testMessageRequestSchema = z
  .object({
    engagementId: z.string().min(1).max(100),
    /** Host name or IP address of the SMTP server to hand the message to. */
    server: hostSchema,
    /** 25 for server-to-server, 587 for submission with a login, 465 for implicit TLS. */
    port: portSchema.default(25),
    security: z.enum(TEST_MESSAGE_SECURITY).default('starttls-required'),
    from: emailSchema,
    to: z
      .array(emailSchema)
      .min(1, 'add at least one recipient')
      .max(MAX_TEST_RECIPIENTS, `send a test to at most ${MAX_TEST_RECIPIENTS} recipients`),
    /** Defaults to "Mailflow Assistant test <time>" when left out. */
    subject: singleLine('the subject', 200).optional(),
    /** Log in as this user; the password comes from the keychain (secret kind `smtp-password`). */
    username: singleLine('the user name', 256).optional(),
    /** The name announced in EHLO; nodemailer derives one from this machine when left out. */
    ehloName: domainSchema.optional(),
    timeoutMs: z.number().int().min(500).max(120_000).default(DEFAULT_TEST_MESSAGE_TIMEOUT_MS),
  })
  .refine((request) => request.username === undefined || request.security !== 'none', {
    error: 'a password is never sent unencrypted: choose STARTTLS or implicit TLS, or leave the user name empty',
    path: ['username'],
  });

export type TestMessageRequest = z.output<typeof testMessageRequestSchema>;
export type TestMessageRequestInput = z.input<typeof testMessageRequestSchema>;
