/** The test message form's rules, DOM-free: defaults, the port a security choice implies, what is plainly wrong, the request. */
import type { Engagement, TestMessageRequestInput, TestMessageSecurity } from '../../../../../preload/contract';

/** Each security choice in words, with the port it usually goes with. */
export const SECURITY: Readonly<Record<TestMessageSecurity, { readonly label: string; readonly hint: string; readonly port: number }>> = {
  'starttls-required': {
    label: 'STARTTLS, required (recommended)',
    hint: 'Sends only over an encrypted connection, as the Office 365 connectors expect. Usually port 25, or 587 with a login.',
    port: 25,
  },
  'starttls-opportunistic': {
    label: 'STARTTLS if the server offers it',
    hint: 'Encrypts when the server offers STARTTLS and sends in clear text when it does not: the report says which happened.',
    port: 25,
  },
  'implicit-tls': { label: 'Implicit TLS', hint: 'TLS from the first byte, usually on port 465.', port: 465 },
  none: { label: 'None (no encryption)', hint: 'Plain SMTP, only to rule out encryption as the cause.', port: 25 },
};

/** The ports a person would not have chosen on purpose: switching security may replace them. */
const DEFAULT_PORTS = new Set(['25', '465', '587', '']);

const splitAddresses = (text: string): string[] => text.split(/[\s,;]+/).filter((part) => part !== '');

export interface FormValues {
  readonly server: string;
  readonly port: string;
  readonly security: TestMessageSecurity;
  readonly from: string;
  readonly to: string;
  readonly username: string;
}

export type TextField = Exclude<keyof FormValues, 'security'>;

const INITIAL_SECURITY: TestMessageSecurity = 'starttls-required';

/** What is plainly wrong before asking the core, which checks everything again. */
export function formProblem(values: FormValues): string | null {
  if (values.server.trim() === '') return 'Enter the server to hand the message to (host name or IP address).';
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port.trim()) || port < 1 || port > 65535) return 'The port is a number from 1 to 65535 (25, 587 or 465).';
  if (!values.from.includes('@')) return 'Enter the sender address (From), e.g. an address in the customer’s domain.';
  if (splitAddresses(values.to).length === 0) return 'Enter at least one recipient (To).';
  if (values.username.trim() !== '' && values.security === 'none') {
    return 'A password is never sent unencrypted: choose STARTTLS or implicit TLS, or leave the user name empty.';
  }
  return null;
}

/** The request the core is sent: trimmed, the recipients split, no empty user name. */
export function requestOf(engagementId: string, values: FormValues): TestMessageRequestInput {
  const username = values.username.trim();
  return {
    engagementId,
    server: values.server.trim(),
    port: Number(values.port),
    security: values.security,
    from: values.from.trim(),
    to: splitAddresses(values.to),
    ...(username === '' ? {} : { username }),
  };
}

/** The form as it opens: the engagement's first smart host and its test addresses. */
export function initialValues(engagement: Engagement): FormValues {
  return {
    server: engagement.smartHosts[0] ?? '',
    port: String(SECURITY[INITIAL_SECURITY].port),
    security: INITIAL_SECURITY,
    from: '',
    to: engagement.testAddresses.join(', '),
    username: '',
  };
}

/** Another security choice; a port nobody chose on purpose follows it. */
export function withSecurity(values: FormValues, security: TestMessageSecurity): FormValues {
  return { ...values, security, port: DEFAULT_PORTS.has(values.port.trim()) ? String(SECURITY[security].port) : values.port };
}
