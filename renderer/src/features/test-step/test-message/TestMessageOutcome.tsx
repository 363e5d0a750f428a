import type { TestMessageErrorKind, TestMessageOutcome, TestMessageResult, TranscriptLine } from '../../../../../preload/contract';
import { CodeBlock } from '../../../ui/CodeBlock';
import { CopyButton } from '../../../ui/CopyButton';
import { sentence } from '../../../ui/sentence';

const KIND_TEXT: Readonly<Record<TestMessageErrorKind, string>> = {
  connection: 'Could not connect',
  tls: 'Encryption (TLS) problem',
  auth: 'Login problem',
  rejected: 'Refused by the server',
  timeout: 'No answer in time',
  'no-password': 'Password missing',
  protocol: 'Unexpected answer from the server',
};


function Transcript({ lines }: { lines: readonly TranscriptLine[] }) {
  if (lines.length === 0) return null;
  return (
    <details className="ts-more">
      <summary>SMTP conversation ({lines.length} lines, passwords removed)</summary>
      <CodeBlock label="SMTP conversation" className="code-block ts-transcript">
        {lines.map((line) => `${line.direction === 'client' ? 'C:' : 'S:'} ${line.text}`).join('\n')}
      </CodeBlock>
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

/** What the server did with the test message: accepted (with the facts to find it) or refused and why. */
export function TestMessageOutcomeView({ outcome }: { outcome: TestMessageOutcome }) {
  return outcome.ok ? <ResultView result={outcome.result} /> : <FailureView outcome={outcome} />;
}
