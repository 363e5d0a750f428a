import type { StatusClass } from '../../../preload/contract';
import type { BounceAnalysis, Diagnosis, DsnRecipient } from '../../../preload/contract';
import { useTestStepStore } from '../stores/test-step';
import { CopyButton } from './CopyButton';
import { PasteInput } from './PasteInput';

const CLASS_TEXT: Readonly<Record<StatusClass, string>> = {
  permanent: 'Permanent failure',
  temporary: 'Temporary failure',
  success: 'Delivered',
};

const CLASS_TONE: Readonly<Record<StatusClass, string>> = { permanent: 'bad', temporary: 'warn', success: 'ok' };

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** "550 5.7.64", "5.7.64", or the failure's name when it was recognised by its words only. */
function codeText(diagnosis: Diagnosis): string {
  if (diagnosis.code === null) return 'No status code';
  return diagnosis.reply === null ? diagnosis.code : `${String(diagnosis.reply)} ${diagnosis.code}`;
}

function Commands({ commands }: { commands: readonly string[] }) {
  return (
    <ul className="ts-commands">
      {commands.map((command) => (
        <li key={command} className="ts-command">
          <pre className="code-block ts-command-text">{command}</pre>
          <CopyButton text={command} />
        </li>
      ))}
    </ul>
  );
}

function PrimaryDiagnosis({ diagnosis, reportingMta }: { diagnosis: Diagnosis; reportingMta: string | null }) {
  const { known } = diagnosis;
  return (
    <article className="ts-diagnosis" aria-label="What the bounce means">
      <div className="ts-diagnosis-head">
        <span className="ts-code">{codeText(diagnosis)}</span>
        {diagnosis.statusClass !== null && <span className={`ts-badge ${CLASS_TONE[diagnosis.statusClass]}`}>{CLASS_TEXT[diagnosis.statusClass]}</span>}
        <h3 className="ts-diagnosis-title">{known?.title ?? `Status ${diagnosis.code ?? 'unknown'}`}</h3>
      </div>
      <dl className="ts-facts">
        {diagnosis.line !== '' && (
          <>
            <dt>Server’s reply</dt>
            <dd>
              <code className="ts-value">{diagnosis.line}</code>
            </dd>
          </>
        )}
        <dt>Direction</dt>
        <dd>
          {known === null
            ? `Not known from this code alone${reportingMta === null ? '' : `; the bounce was written by ${reportingMta}`}.`
            : sentence(known.sideText)}
        </dd>
        <dt>Meaning</dt>
        <dd>
          {known === null ? (
            <>
              <span>This code has no specific advice here. What RFC 3463 says about it: </span>
              {diagnosis.generic === null ? 'nothing more is known.' : sentence(diagnosis.generic)}
            </>
          ) : (
            <>
              {known.meaning}
              {known.detail !== null && <span className="ts-detail"> This exact code: {known.detail}</span>}
            </>
          )}
        </dd>
        {known !== null && (
          <>
            {known.wrapper && (
              <>
                <dt>Note</dt>
                <dd>This bounce only wraps an earlier error; if another code is listed below, that one names the real cause.</dd>
              </>
            )}
            <dt>Likely cause</dt>
            <dd>{known.cause}</dd>
            <dt>Fix</dt>
            <dd className="ts-fix">{known.fix}</dd>
          </>
        )}
      </dl>
      {known !== null && known.commands.length > 0 && (
        <>
          <h4 className="ts-subheading">Commands to run</h4>
          <p className="small muted">Replace the parts in &lt;angle brackets&gt; with your own values.</p>
          <Commands commands={known.commands} />
        </>
      )}
    </article>
  );
}

function OtherDiagnoses({ diagnoses }: { diagnoses: readonly Diagnosis[] }) {
  if (diagnoses.length === 0) return null;
  return (
    <details className="ts-more">
      <summary>Also in this bounce ({diagnoses.length})</summary>
      <ul className="ts-other">
        {diagnoses.map((diagnosis, index) => (
          <li key={`${diagnosis.code ?? 'words'}-${String(index)}`}>
            <strong>{codeText(diagnosis)}</strong>
            {' — '}
            {diagnosis.known?.title ?? (diagnosis.generic === null ? '' : sentence(diagnosis.generic))}
            {diagnosis.line !== '' && <code className="ts-value ts-other-line">{diagnosis.line}</code>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Recipients({ recipients }: { recipients: readonly DsnRecipient[] }) {
  if (recipients.length === 0) return null;
  return (
    <table className="ts-recipients">
      <caption>Recipients in the report</caption>
      <thead>
        <tr>
          <th scope="col">Recipient</th>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Remote server</th>
        </tr>
      </thead>
      <tbody>
        {recipients.map((recipient, index) => (
          <tr key={`${recipient.finalRecipient ?? ''}-${String(index)}`}>
            <td>{recipient.finalRecipient ?? recipient.originalRecipient ?? '—'}</td>
            <td>{recipient.action ?? '—'}</td>
            <td>{recipient.status ?? '—'}</td>
            <td>{recipient.remoteMta ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BounceView({ bounce }: { bounce: BounceAnalysis }) {
  const others = bounce.diagnoses.filter((diagnosis) => diagnosis !== bounce.primary);
  return (
    <div className="ts-result" aria-label="Bounce analysis">
      <PrimaryDiagnosis diagnosis={bounce.primary} reportingMta={bounce.reportingMta} />
      <OtherDiagnoses diagnoses={others} />
      <Recipients recipients={bounce.recipients} />
      {bounce.reportingMta !== null && <p className="small muted">Reported by {bounce.reportingMta}.</p>}
    </div>
  );
}

/** Paste a bounce and learn what it means between Office 365 and your server, and what to change. */
export function BounceDecoder() {
  const bounce = useTestStepStore((state) => state.bounce.result);
  const decode = useTestStepStore((state) => state.decode);
  return (
    <div className="ts-tool">
      <PasteInput
        tool="bounce"
        label="Bounce message (non-delivery report)"
        hint="Paste the whole bounce, including the line with the error code (for example 550 5.7.64), or save it from your mail program."
        placeholder={'Remote server returned \'550 5.7.64 TenantAttribution; Relay Access Denied\''}
        actionLabel="Decode"
        fileLabel="Open a bounce file"
        onRun={decode}
      />
      {bounce !== null && <BounceView bounce={bounce} />}
    </div>
  );
}
