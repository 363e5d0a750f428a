import type { Engagement, OfficeProof } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useOwnError } from '../../api/errors';
import { CodeBlock } from '../../ui/CodeBlock';
import { formatTime } from '../../ui/format-time';
import { PasteInput } from '../../ui/PasteInput';
import { StatusPill } from '../../ui/StatusPill';
import { textKey, useImportsStore } from './imports-store';

const JSON_FILES = { words: 'a .json file with that output (up to 4 MB)', accept: '.json,application/json,text/plain' } as const;

type Validation = NonNullable<OfficeProof['validation']>;
type Trace = NonNullable<OfficeProof['trace']>;

const from = (part: { readonly importedAt: string; readonly fileName: string | null }): string =>
  `Imported ${formatTime(part.importedAt)}${part.fileName === null ? ' (pasted)' : ` from ${part.fileName}`}`;

function PartHeader({ title, onClear }: { title: string; onClear: () => void }) {
  return (
    <div className="card-header">
      <h3>{title}</h3>
      <button type="button" className="button small" aria-label={`Remove the ${title.toLowerCase()}`} onClick={onClear}>
        Remove
      </button>
    </div>
  );
}

function ValidationView({ validation, onClear }: { validation: Validation; onClear: () => void }) {
  return (
    <div className="office-proof-part">
      <PartHeader title="Connector validation" onClear={onClear} />
      <p className="muted small">{from(validation)}</p>
      {validation.stages.length > 0 && (
        <table className="office-proof-table">
          <thead>
            <tr>
              <th scope="col">Smart host</th>
              <th scope="col">Stage</th>
              <th scope="col">Result</th>
              <th scope="col">Detail and fix</th>
            </tr>
          </thead>
          <tbody>
            {validation.stages.map((stage, index) => (
              <tr key={`${stage.smartHost ?? ''}|${stage.stage ?? ''}|${String(index)}`}>
                <td>{stage.smartHost ?? 'not named'}</td>
                <td>{stage.stage ?? 'not recognised'}</td>
                <td>
                  <StatusPill status={stage.status === 'unknown' ? 'warn' : stage.status} />
                </td>
                <td>
                  {stage.detail}
                  {stage.fix !== null && <p className="check-advice">{stage.fix}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {validation.connectors.length > 0 && (
        <ul className="list small">
          {validation.connectors.map((connector) => (
            <li key={connector.name}>
              “{connector.name}”: {connector.isValidated === true ? 'validated' : 'not validated'}
              {connector.lastValidationTimestamp === null ? ' (never validated)' : ` (last validated ${formatTime(connector.lastValidationTimestamp)})`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TraceView({ trace, onClear }: { trace: Trace; onClear: () => void }) {
  return (
    <div className="office-proof-part">
      <PartHeader title="Message trace" onClear={onClear} />
      <p className="muted small">{from(trace)}</p>
      <ul className="list">
        {trace.entries.map((entry, index) => (
          <li key={`${entry.recipient}|${String(index)}`} className="item-check">
            <StatusPill status={entry.delivered ? 'pass' : entry.status.toLowerCase() === 'pending' ? 'warn' : 'fail'} />
            <span>
              {entry.recipient}: {entry.status}
              {entry.subject === null ? '' : ` (“${entry.subject}”)`}
              {entry.received === null ? '' : `, received ${formatTime(entry.received)}`}
              {entry.events.length > 0 && ` · ${entry.events.map((event) => event.event).join(' → ')}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The commands whose output the box reads, for this engagement. */
function commands(engagement: Engagement, focus: 'validation' | 'trace'): string {
  const recipient = engagement.testAddresses[0] ?? `postmaster@${engagement.domains[0] ?? 'contoso.com'}`;
  const validation = [
    '# The connector script saves this as validate-outbound-connector.json beside its backup; or run:',
    `Validate-OutboundConnector -Identity "<your outbound connector>" -Recipients ${recipient} | ConvertTo-Json -Depth 6`,
    'Get-OutboundConnector | Select-Object Name,IsValidated,LastValidationTimestamp,ValidationRecipients,SmartHosts | ConvertTo-Json -Depth 4',
  ];
  const trace = [
    '# After sending the test messages (give Office 365 a few minutes): the one from outside to you, then yours to outside.',
    `Get-MessageTraceV2 -RecipientAddress ${recipient} -StartDate (Get-Date).AddHours(-2) -EndDate (Get-Date) | ConvertTo-Json -Depth 4`,
    `Get-MessageTraceV2 -SenderAddress ${recipient} -StartDate (Get-Date).AddHours(-2) -EndDate (Get-Date) | ConvertTo-Json -Depth 4`,
  ];
  return (focus === 'validation' ? [...validation, '', ...trace] : [...trace, '', ...validation]).join('\n');
}

/**
 * Microsoft's own proof pasted back: a passing Validate-OutboundConnector shows, from Office 365's
 * side, that port 25 is reachable from the Internet and that it delivers over TLS; a message trace
 * shows where each test message went. Shown on the checklist apart from this computer's checks.
 */
export function OfficeProofPanel({ engagement, focus }: { engagement: Engagement; focus: 'validation' | 'trace' }) {
  const { texts, setText, importText, importFile, clearText, clearOfficeProof } = useImportsStore();
  const busy = useBusy('importOfficeProof');
  const error = useOwnError('office-proof');
  const { validation, trace } = engagement.officeProof;
  return (
    <section className="card section-card" aria-labelledby={`office-proof-heading-${focus}`}>
      <h2 id={`office-proof-heading-${focus}`}>Proof from Office 365</h2>
      <p className="muted">
        {focus === 'validation'
          ? 'This computer’s checks connect from the inside. Only Office 365 can prove that it reaches your server from the Internet: run the connector’s validation and paste its output here.'
          : 'Trace the test messages in Exchange Online and paste the result: it shows, in each direction, whether Office 365 delivered them.'}
      </p>
      <div className="office-proof-commands">
        <CodeBlock label="PowerShell commands whose output this reads">{commands(engagement, focus)}</CodeBlock>
      </div>
      <PasteInput
        label="Paste the cmdlet output (JSON)"
        hint="Validate-OutboundConnector, Get-OutboundConnector and Get-MessageTraceV2 output are each recognised; a new paste replaces only its own kind."
        placeholder='[ { "SmartHost": "mail.contoso.com", "Step": "Connection", "Status": "Succeeded" }, … ]'
        actionLabel="Read the proof"
        fileLabel="Open a file with the cmdlet output"
        fileKinds={JSON_FILES}
        text={texts[textKey('office-proof', engagement.id)] ?? ''}
        error={error?.message ?? null}
        busy={busy}
        hasResult={false}
        onText={(value) => setText('office-proof', engagement.id, value)}
        onRun={() => void importText('office-proof', engagement.id)}
        onFile={(file) => void importFile('office-proof', engagement.id, file)}
        onClear={() => clearText('office-proof', engagement.id)}
      />
      {validation !== null && <ValidationView validation={validation} onClear={() => void clearOfficeProof(engagement.id, 'validation')} />}
      {trace !== null && <TraceView trace={trace} onClear={() => void clearOfficeProof(engagement.id, 'trace')} />}
    </section>
  );
}
