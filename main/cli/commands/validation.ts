/**
 * `mailflow validation FILE|-`: reads Microsoft's own proof (Validate-OutboundConnector,
 * Get-OutboundConnector, Get-MessageTraceV2 output as JSON) and prints the result per smart host
 * and stage with the fix, and each traced test message. A passing validation proves, from Office
 * 365's side, that port 25 is reachable from the Internet and that Office 365 delivers over TLS.
 */
import { parseArgs } from 'node:util';
import { parseValidationOutput, provesDelivery, ValidationImportError, type ValidationImport } from '../../core/validation-import/parse.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { readTextInput } from './headers.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

const USAGE = `Usage: mailflow validation FILE|- [--json]

Reads the JSON output of Validate-OutboundConnector (… | ConvertTo-Json -Depth 6), of
Get-OutboundConnector (IsValidated, LastValidationTimestamp) and of Get-MessageTraceV2 /
Get-MessageTraceDetailV2, from FILE or stdin ("-"), and prints the result per smart host and stage
(Resolve, Connection, TLS/EHLO, Send) with the fix, and the status of each traced test message.

Options:
  --json   print the parsed results as one JSON document

Exit codes: 0 everything passed or was delivered, 1 a stage failed or a message was not
delivered, 2 unreadable input.
`;

const LABEL = { pass: 'PASS', fail: 'FAIL', unknown: '????' } as const;

export function formatValidation(result: ValidationImport): string {
  const lines: string[] = [];
  if (result.stages.length > 0) lines.push('Validate-OutboundConnector (proof from Office 365):');
  for (const stage of result.stages) {
    lines.push(`  ${LABEL[stage.status]} ${stage.smartHost ?? '(smart host not named)'}  ${stage.stage ?? '(stage not recognised)'}${stage.detail === '' ? '' : `: ${stage.detail}`}`);
    if (stage.fix !== null) lines.push(`       → ${stage.fix}`);
  }
  for (const connector of result.connectors) {
    const when = connector.lastValidationTimestamp === null ? 'never validated' : `last validated ${connector.lastValidationTimestamp}`;
    lines.push(`Connector "${connector.name}": ${connector.isValidated === true ? 'validated' : 'not validated'} (${when})`);
  }
  if (result.trace.length > 0) lines.push('Message trace (Get-MessageTraceV2):');
  for (const entry of result.trace) {
    lines.push(`  ${entry.delivered ? 'PASS' : 'FAIL'} ${entry.recipient}: ${entry.status}${entry.subject === null ? '' : ` (${entry.subject})`}${entry.received === null ? '' : ` received ${entry.received}`}`);
    for (const event of entry.events) lines.push(`       ${event.event}${event.detail === null ? '' : `: ${event.detail}`}`);
  }
  lines.push(provesDelivery(result) ? 'Office 365 proved that it reaches your server on port 25 and delivers to it.' : 'No proof from Office 365 yet that it delivers to your server.');
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: { values: { json?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`validation: ${errorMessage(error)}`);
  }
  const [source, ...extra] = parsed.positionals;
  if (source === undefined) throw new UsageError('validation: give a file with the cmdlet output, or - to read it from stdin');
  if (extra.length > 0) throw new UsageError(`validation: one input only (got also "${extra.join(' ')}")`);
  const text = await readTextInput(source, io, 'validation');
  let result: ValidationImport;
  try {
    result = parseValidationOutput(text);
  } catch (error) {
    if (error instanceof ValidationImportError) throw new UsageError(`validation: ${error.message}`);
    throw error;
  }
  io.stdout.write(parsed.values.json === true ? `${JSON.stringify({ version: 1, ...result, provesDelivery: provesDelivery(result) }, null, 2)}\n` : formatValidation(result));
  const failed = result.stages.some((stage) => stage.status === 'fail') || result.trace.some((entry) => !entry.delivered) || result.connectors.some((connector) => connector.isValidated !== true);
  return failed ? 1 : 0;
}

export const command: CliCommand = { name: 'validation', usage: USAGE, run };
