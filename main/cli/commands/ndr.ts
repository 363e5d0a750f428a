/**
 * `mailflow ndr FILE|-`: decodes a pasted bounce (plain text or a full DSN message) and prints,
 * for each status code in it, the meaning, the likely cause between Office 365 and your server,
 * the fix and the mail direction it concerns; --json prints the typed analysis instead.
 */
import { parseArgs } from 'node:util';
import { decodeBounce, NoBounceError } from '../../core/ndr/decode.js';
import type { BounceAnalysis, Diagnosis } from '../../core/ndr/decode.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { UsageError } from '../command.js';
import type { CliCommand, CliIo } from '../command.js';
import { readTextInput } from './headers.js';

const USAGE = `Usage: mailflow ndr FILE|- [--json]

Decodes a bounce (non-delivery report) from FILE, or from stdin with "-": a pasted plain-text
NDR, or the whole bounce message (multipart/report with a delivery-status part). For every status
code in it: what it means, the likely cause when Office 365 and your own server are connected,
the fix with the cmdlet or setting to change, and which direction of mail it concerns.

Options:
  --json   print the analysis as one JSON document

Exit codes: 0 decoded, 2 unreadable input or no recognisable bounce in it.
`;

function parseOptions(args: readonly string[]): { readonly source: string; readonly json: boolean } {
  let parsed: { values: { json?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`ndr: ${errorMessage(error)}`);
  }
  const [source, ...extra] = parsed.positionals;
  if (source === undefined) throw new UsageError('ndr: give a file with the bounce, or - to read it from stdin');
  if (extra.length > 0) throw new UsageError(`ndr: one input only (got also "${extra.join(' ')}")`);
  return { source, json: parsed.values.json === true };
}

function diagnosisLines(diagnosis: Diagnosis, primary: boolean): string[] {
  const reply = diagnosis.reply === null ? '' : `${diagnosis.reply} `;
  const head = diagnosis.code === null ? '(recognised by its wording)' : `${reply}${diagnosis.code}`;
  const lines = [`${primary ? '>>' : '--'} ${head}${diagnosis.known === null ? '' : `: ${diagnosis.known.title}`}`];
  if (diagnosis.line !== '') lines.push(`   seen in: ${diagnosis.line}`);
  const known = diagnosis.known;
  if (known !== null) {
    if (known.detail !== null) lines.push(`   code:    ${known.detail}`);
    lines.push(`   meaning: ${known.meaning}`, `   cause:   ${known.cause}`, `   fix:     ${known.fix}`, `   side:    ${known.sideText}`);
    for (const command of known.commands) lines.push(`     ${command}`);
  }
  if (diagnosis.generic !== null) lines.push(`   class:   ${diagnosis.generic}`);
  return lines;
}

export function formatBounceReport(analysis: BounceAnalysis): string {
  const lines: string[] = [];
  lines.push(`Bounce (${analysis.form === 'dsn' ? 'delivery status notification' : 'plain text'})${analysis.subject === null ? '' : `: ${analysis.subject}`}`);
  if (analysis.reportingMta !== null) lines.push(`Reported by: ${analysis.reportingMta}`);
  for (const recipient of analysis.recipients) {
    const remote = recipient.remoteMta === null ? '' : ` at ${recipient.remoteMta}`;
    lines.push(`Recipient: ${recipient.finalRecipient ?? '?'}: ${recipient.action ?? '?'}, status ${recipient.status ?? '?'}${remote}`);
  }
  lines.push('');
  const ordered = [analysis.primary, ...analysis.diagnoses.filter((d) => d !== analysis.primary)];
  ordered.forEach((diagnosis, i) => {
    if (i > 0) lines.push('');
    lines.push(...diagnosisLines(diagnosis, i === 0));
  });
  return `${lines.join('\n')}\n`;
}

export const command: CliCommand = {
  name: 'ndr',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseOptions(args);
    const text = await readTextInput(options.source, io, 'ndr');
    let analysis: BounceAnalysis;
    try {
      analysis = decodeBounce(text);
    } catch (error) {
      if (error instanceof NoBounceError) throw new UsageError(`ndr: ${error.message}`);
      throw error;
    }
    io.stdout.write(options.json ? `${JSON.stringify(analysis, null, 2)}\n` : formatBounceReport(analysis));
    return 0;
  },
};
