import type { Diagnosis, StatusClass } from '../../../../../preload/contract';
import { CodeBlock } from '../../../ui/CodeBlock';
import { CopyButton } from '../../../ui/CopyButton';
import { sentence } from '../../../ui/sentence';
import { codeText } from './code-text';

const CLASS_TEXT: Readonly<Record<StatusClass, string>> = {
  permanent: 'Permanent failure',
  temporary: 'Temporary failure',
  success: 'Delivered',
};

const CLASS_TONE: Readonly<Record<StatusClass, string>> = { permanent: 'bad', temporary: 'warn', success: 'ok' };

function Commands({ commands }: { commands: readonly string[] }) {
  return (
    <ul className="ts-commands">
      {commands.map((command) => (
        <li key={command} className="ts-command">
          <CodeBlock label="Command" className="code-block ts-command-text">
            {command}
          </CodeBlock>
          <CopyButton text={command} />
        </li>
      ))}
    </ul>
  );
}

/** The bounce's main failure: its code, what it means, the likely cause and the fix. */
export function PrimaryDiagnosis({ diagnosis, reportingMta }: { diagnosis: Diagnosis; reportingMta: string | null }) {
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
