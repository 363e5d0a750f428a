/**
 * Microsoft's own proof, pasted back: the output of `Validate-OutboundConnector … | ConvertTo-Json`,
 * of `Get-OutboundConnector` (IsValidated, LastValidationTimestamp) and of `Get-MessageTraceV2`
 * (and Get-MessageTraceDetailV2). Microsoft documents the message trace properties but not the
 * shape of Validate-OutboundConnector's result objects, so those are read by meaning: a smart host,
 * a step (Resolve, Connection, TLS/EHLO, Send), a success flag or status, and a detail text.
 */
import { asArray, date, flag, list, text } from '../inventory/values.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import type { ConnectorValidationState, StageResult, StageStatus, TraceEntry, ValidationStage } from '../../../preload/vocabulary/imports.js';

export interface ValidationImport {
  readonly stages: readonly StageResult[];
  readonly connectors: readonly ConnectorValidationState[];
  readonly trace: readonly TraceEntry[];
}

export class ValidationImportError extends Error {
  override readonly name = 'ValidationImportError';
}

const FIXES: Readonly<Record<ValidationStage, string>> = {
  Resolve: 'The smart host name has no A or MX record, or it is mistyped: fix the DNS record or the name on the outbound connector.',
  Connection: 'Office 365 cannot reach TCP port 25 of the smart host: open port 25 on the firewall to the Exchange Online Protection ranges.',
  'TLS/EHLO':
    'The smart host did not answer as a mail server with STARTTLS: turn off SMTP inspection ("fixup") on the firewall, and bind a CA-signed certificate that names the smart host to SMTP.',
  Send: 'The test message was not accepted: check that the test recipients exist on your server and that it accepts mail for their domain.',
};

function stageOf(value: string): ValidationStage | null {
  const words = value.toLowerCase();
  if (/resolv|dns|lookup/.test(words)) return 'Resolve';
  if (/tls|ehlo|helo|starttls|certificate/.test(words)) return 'TLS/EHLO';
  if (/connect|port|tcp|socket/.test(words)) return 'Connection';
  if (/send|message|deliver|mail|recipient/.test(words)) return 'Send';
  return null;
}

function statusOf(value: unknown): StageStatus {
  if (typeof value === 'boolean') return value ? 'pass' : 'fail';
  if (typeof value === 'string') {
    const words = value.toLowerCase();
    if (/fail|error|false|denied|refused|timed? ?out|unable/.test(words)) return 'fail';
    if (/succe|pass|^ok$|true|complete/.test(words)) return 'pass';
  }
  return 'unknown';
}

type Row = Readonly<Record<string, unknown>>;

const first = (row: Row, keys: readonly string[]): unknown => {
  for (const key of keys) {
    const found = Object.keys(row).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (found !== undefined && row[found] !== null && row[found] !== undefined && row[found] !== '') return row[found];
  }
  return undefined;
};

const asText = (value: unknown): string | null => {
  const parsed = text.safeParse(typeof value === 'object' ? JSON.stringify(value) : value);
  return parsed.success ? parsed.data : null;
};

function stageRow(row: Row): StageResult {
  const stageText = asText(first(row, ['Stage', 'Step', 'TaskName', 'TestName', 'Test', 'Phase', 'Name'])) ?? '';
  const detail = asText(first(row, ['Details', 'Detail', 'ErrorMessage', 'Error', 'Message', 'Description', 'Reason'])) ?? '';
  const statusValue = first(row, ['IsSuccess', 'Success', 'Succeeded', 'Passed', 'Status', 'Result', 'Outcome']);
  const status = statusOf(statusValue);
  const stage = stageOf(stageText) ?? stageOf(detail);
  return {
    smartHost: asText(first(row, ['SmartHost', 'Host', 'Target', 'Endpoint', 'Server', 'RemoteHost', 'Fqdn'])),
    stage,
    status,
    detail: detail === '' ? stageText : detail,
    fix: status === 'fail' && stage !== null ? FIXES[stage] : status === 'fail' ? 'Read the detail: Office 365 could not complete this step.' : null,
  };
}

/** The rows of a pasted document: ConvertTo-Json gives one object, an array, or an object wrapping "value". */
function rowsOf(raw: unknown): Row[] {
  const wrapped = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'value' in raw && Array.isArray((raw).value) ? (raw).value : raw;
  return asArray(wrapped).map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ValidationImportError(`Item ${index + 1} is not an object: paste the output of ConvertTo-Json`);
    return row as Row;
  });
}

const has = (row: Row, key: string): boolean => Object.keys(row).some((candidate) => candidate.toLowerCase() === key.toLowerCase());

/** Reads one pasted JSON document (any mix of the three cmdlets' objects). */
export function parseValidationOutput(input: string): ValidationImport {
  const trimmed = input.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new ValidationImportError('Nothing to read: paste the output of Validate-OutboundConnector … | ConvertTo-Json');
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed) as unknown;
  } catch (error) {
    throw new ValidationImportError(
      `This is not JSON (${errorMessage(error)}): run the cmdlet with | ConvertTo-Json -Depth 6 and paste all of its output`,
    );
  }
  const stages: StageResult[] = [];
  const connectors: ConnectorValidationState[] = [];
  const traces: TraceEntry[] = [];
  const events: { readonly recipient: string | null; readonly event: string; readonly detail: string | null; readonly date: string | null }[] = [];
  for (const row of rowsOf(raw)) {
    if (has(row, 'IsValidated') || has(row, 'LastValidationTimestamp')) {
      const validated = flag.safeParse(first(row, ['IsValidated']));
      const when = date.safeParse(first(row, ['LastValidationTimestamp']));
      connectors.push({
        name: asText(first(row, ['Name', 'Identity'])) ?? '(unnamed connector)',
        isValidated: validated.success ? validated.data : null,
        lastValidationTimestamp: when.success ? when.data : null,
        validationRecipients: list.safeParse(first(row, ['ValidationRecipients'])).data ?? [],
        smartHosts: list.safeParse(first(row, ['SmartHosts'])).data ?? [],
      });
    } else if (has(row, 'Event') && !has(row, 'Stage')) {
      const when = date.safeParse(first(row, ['Date']));
      events.push({ recipient: asText(first(row, ['RecipientAddress'])), event: asText(first(row, ['Event'])) ?? '', detail: asText(first(row, ['Detail', 'Action'])), date: when.success ? when.data : null });
    } else if (has(row, 'RecipientAddress') && has(row, 'Status')) {
      const status = asText(first(row, ['Status'])) ?? '';
      const received = date.safeParse(first(row, ['Received']));
      traces.push({
        recipient: asText(first(row, ['RecipientAddress'])) ?? '',
        sender: asText(first(row, ['SenderAddress'])),
        subject: asText(first(row, ['Subject'])),
        status,
        received: received.success ? received.data : null,
        delivered: status.toLowerCase() === 'delivered',
        events: [],
      });
    } else {
      stages.push(stageRow(row));
    }
  }
  const trace = traces.map((entry) => ({
    ...entry,
    events: events.filter((event) => event.recipient === null || event.recipient.toLowerCase() === entry.recipient.toLowerCase()).map(({ event, detail, date: when }) => ({ event, detail, date: when })),
  }));
  if (stages.length === 0 && connectors.length === 0 && trace.length === 0) {
    throw new ValidationImportError('Nothing recognisable: paste the output of Validate-OutboundConnector, Get-OutboundConnector or Get-MessageTraceV2 as JSON');
  }
  return { stages, connectors, trace };
}

/** Whether the import proves, from Office 365's side, that it delivers to the server over TLS. */
export function provesDelivery(result: ValidationImport): boolean {
  const stagesPass = result.stages.length > 0 && result.stages.every((stage) => stage.status === 'pass');
  const connectorValidated = result.connectors.length > 0 && result.connectors.every((connector) => connector.isValidated === true);
  return (stagesPass || connectorValidated) && !result.stages.some((stage) => stage.status === 'fail');
}
