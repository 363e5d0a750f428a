import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import type { Engagement } from '../../../preload/contract';
import type { TestMessageRequestInput, TestMessageSecurity } from '../../../preload/contract';
import type { TestMessageErrorKind, TestMessageResult, TranscriptLine } from '../../../preload/contract';
import type { TestMessageOutcome } from '../../../preload/contract';
import { useAppStore } from '../stores/app';
import { useEngagementsStore } from '../stores/engagements';
import { CopyButton } from './CopyButton';

const SECURITY: Readonly<Record<TestMessageSecurity, { readonly label: string; readonly hint: string; readonly port: number }>> = {
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

const KIND_TEXT: Readonly<Record<TestMessageErrorKind, string>> = {
  connection: 'Could not connect',
  tls: 'Encryption (TLS) problem',
  auth: 'Login problem',
  rejected: 'Refused by the server',
  timeout: 'No answer in time',
  'no-password': 'Password missing',
  protocol: 'Unexpected answer from the server',
};

/** The ports a person would not have chosen on purpose: switching security may replace them. */
const DEFAULT_PORTS = new Set(['25', '465', '587', '']);

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const splitAddresses = (text: string): string[] => text.split(/[\s,;]+/).filter((part) => part !== '');

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface FormValues {
  readonly server: string;
  readonly port: string;
  readonly security: TestMessageSecurity;
  readonly from: string;
  readonly to: string;
  readonly username: string;
}

type TextField = Exclude<keyof FormValues, 'security'>;

const INITIAL_SECURITY: TestMessageSecurity = 'starttls-required';

/** What is plainly wrong before asking the core, which checks everything again. */
function formProblem(values: FormValues): string | null {
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

function requestOf(engagementId: string, values: FormValues): TestMessageRequestInput {
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

function Transcript({ lines }: { lines: readonly TranscriptLine[] }) {
  if (lines.length === 0) return null;
  return (
    <details className="ts-more">
      <summary>SMTP conversation ({lines.length} lines, passwords removed)</summary>
      <pre className="code-block ts-transcript">{lines.map((line) => `${line.direction === 'client' ? 'C:' : 'S:'} ${line.text}`).join('\n')}</pre>
    </details>
  );
}

function ResultView({ result }: { result: TestMessageResult }) {
  const refused = result.rejectedReplies.length > 0;
  const tlsDetail = [result.tls.protocol, result.tls.cipher].filter((part): part is string => part !== undefined).join(', ');
  return (
    <div className={`ts-callout ${refused ? 'warn' : 'ok'}`} role="status" aria-label="Test message result">
      <p className="ts-callout-title">
        {refused ? 'Accepted for some recipients' : 'Accepted'} by {result.server.host}
        {result.server.host === result.server.address ? `:${String(result.server.port)}` : ` (${result.server.address}:${String(result.server.port)})`}
      </p>
      <dl className="ts-facts">
        <dt>Server’s answer</dt>
        <dd>
          <code className="ts-value">{result.response}</code>
        </dd>
        <dt>Accepted</dt>
        <dd>{result.accepted.length > 0 ? result.accepted.join(', ') : 'nobody'}</dd>
        {refused && (
          <>
            <dt>Refused</dt>
            <dd>
              <ul className="ts-evidence">
                {result.rejectedReplies.map((reply) => (
                  <li key={reply.address}>
                    {reply.address}: <code className="ts-value">{reply.reply}</code>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Encryption</dt>
        <dd>{result.tls.used ? `TLS${tlsDetail === '' ? '' : ` (${tlsDetail})`}` : 'None: the message crossed the network unencrypted.'}</dd>
        <dt>Login</dt>
        <dd>{result.authenticated ? 'Logged in with the saved password.' : 'No login.'}</dd>
        <dt>Subject</dt>
        <dd>{result.subject}</dd>
        <dt>Message-ID</dt>
        <dd className="ts-copyable">
          <code className="ts-value">{result.messageId}</code>
          <CopyButton text={result.messageId} />
        </dd>
        <dt>Test id</dt>
        <dd className="ts-copyable">
          <code className="ts-value">{result.testId}</code>
          <CopyButton text={result.testId} />
        </dd>
      </dl>
      <p className="small muted">
        Find the message with its subject, or search for the test id in the X-Mailflow-Test header or in the Office 365 message trace; then paste its headers above to see its path.
      </p>
      {result.warnings.length > 0 && (
        <ul className="ts-findings">
          {result.warnings.map((warning) => (
            <li key={warning} className="ts-finding warn">
              <span className="ts-finding-label">Check</span>
              <span>{sentence(warning)}</span>
            </li>
          ))}
        </ul>
      )}
      <Transcript lines={result.transcript} />
    </div>
  );
}

function FailureView({ outcome }: { outcome: Extract<TestMessageOutcome, { ok: false }> }) {
  return (
    <div className="ts-callout bad" role="alert" aria-label="Test message result">
      <p className="ts-callout-title">Not sent: {KIND_TEXT[outcome.kind]}</p>
      <p>{sentence(outcome.message)}</p>
      {outcome.serverResponse !== null && (
        <p>
          The server answered: <code className="ts-value">{outcome.serverResponse}</code>
        </p>
      )}
      <Transcript lines={outcome.transcript} />
    </div>
  );
}

/** A labelled control with an optional hint; the control names `${id}-hint` in aria-describedby. */
function Field({ id, label, hint, className, children }: { id: string; label: string; hint?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`field${className === undefined ? '' : ` ${className}`}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** Opens the Prerequisites step, where the Details card holds the Passwords panel. */
function showPasswords(): void {
  useEngagementsStore.getState().showStep('prerequisites');
  window.requestAnimationFrame(() => document.querySelector('.keychain')?.scrollIntoView({ block: 'center' }));
}

/**
 * Sends a real test message through a server, with the security a connector will insist on, and
 * shows what the server answered. The password never passes through here: main reads it from the
 * keychain.
 */
export function TestMessageForm({ engagement }: { engagement: Engagement }) {
  const [values, setValues] = useState<FormValues>({
    server: engagement.smartHosts[0] ?? '',
    port: String(SECURITY[INITIAL_SECURITY].port),
    security: INITIAL_SECURITY,
    from: '',
    to: engagement.testAddresses.join(', '),
    username: '',
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestMessageOutcome | null>(null);
  const id = useId();
  const field = (name: keyof FormValues): string => `${id}-${name}`;
  const change = (name: TextField, value: string): void => setValues((current) => ({ ...current, [name]: value }));
  const changeSecurity = (security: TestMessageSecurity): void =>
    setValues((current) => ({ ...current, security, port: DEFAULT_PORTS.has(current.port.trim()) ? String(SECURITY[security].port) : current.port }));

  const send = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const invalid = formProblem(values);
    setProblem(invalid);
    if (invalid !== null) return;
    const api = useAppStore.getState().api;
    if (api === null) {
      setProblem('The app is still starting; try again in a moment.');
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await api.sendTestMessage(requestOf(engagement.id, values)));
    } catch (error) {
      setProblem(message(error));
    } finally {
      setBusy(false);
    }
  };

  const domain = engagement.domains[0] ?? 'contoso.com';
  return (
    <div className="ts-tool">
      <form className="ts-send-form" onSubmit={(event) => void send(event)} noValidate aria-label="Send a test message">
        <Field id={field('server')} label="Server" className="ts-span-3">
          <input id={field('server')} value={values.server} autoComplete="off" spellCheck={false} placeholder="mail.contoso.com" onChange={(event) => change('server', event.target.value)} />
        </Field>
        <Field id={field('port')} label="Port">
          <input id={field('port')} value={values.port} inputMode="numeric" autoComplete="off" onChange={(event) => change('port', event.target.value)} />
        </Field>
        <Field id={field('security')} label="Security" className="ts-span-4" hint={SECURITY[values.security].hint}>
          <select id={field('security')} aria-describedby={`${field('security')}-hint`} value={values.security} onChange={(event) => changeSecurity(event.target.value as TestMessageSecurity)}>
            {(Object.keys(SECURITY) as TestMessageSecurity[]).map((security) => (
              <option key={security} value={security}>
                {SECURITY[security].label}
              </option>
            ))}
          </select>
        </Field>
        {values.security === 'none' && (
          <p className="inline-problem ts-span-4" role="note">
            Without encryption the message crosses the network readable by anyone on the way, and a connector that requires TLS refuses it.
          </p>
        )}
        <Field id={field('from')} label="From" className="ts-span-2">
          <input id={field('from')} type="email" value={values.from} autoComplete="off" placeholder={`test@${domain}`} onChange={(event) => change('from', event.target.value)} />
        </Field>
        <Field id={field('to')} label="To" className="ts-span-2" hint="One or more addresses, separated by commas.">
          <input id={field('to')} aria-describedby={`${field('to')}-hint`} value={values.to} autoComplete="off" placeholder="someone@outside.example" onChange={(event) => change('to', event.target.value)} />
        </Field>
        <Field id={field('username')} label="User name (optional)" className="ts-span-2">
          <input id={field('username')} aria-describedby={`${id}-password-note`} value={values.username} autoComplete="off" spellCheck={false} onChange={(event) => change('username', event.target.value)} />
        </Field>
        <p id={`${id}-password-note`} className="field-hint ts-span-2 ts-password-note">
          Only when the server asks for a login. The password is never typed here: it is read from the system keychain, where you save it as the SMTP password under{' '}
          <button type="button" className="link-button" onClick={showPasswords}>
            Passwords in Details
          </button>
          .
        </p>
        {problem !== null && (
          <p className="inline-problem ts-span-4" role="alert">
            {problem}
          </p>
        )}
        <div className="ts-paste-actions ts-span-4">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send test message'}
          </button>
          {busy && <span className="muted small">Waiting for the server’s answer…</span>}
        </div>
      </form>
      {outcome !== null && (outcome.ok ? <ResultView result={outcome.result} /> : <FailureView outcome={outcome} />)}
    </div>
  );
}
