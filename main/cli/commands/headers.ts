/**
 * `mailflow headers FILE|-`: reads pasted message headers (or a whole message) from a file or
 * stdin and prints the path, TLS per hop, EOP passage, Exchange headers and SPF/DKIM/DMARC
 * verdicts with findings in plain words; --json prints the typed analysis instead.
 */
import { parseArgs } from 'node:util';
import { analyseHeaders, formatDuration, NoHeadersError } from '../../core/headers/analyse.js';
import type { AuthVerdict, Finding, HeaderAnalysis, Hop } from '../../core/headers/analyse.js';
import { LIMITS } from '../../../preload/vocabulary/limits.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { UsageError } from '../command.js';
import type { CliCommand, CliIo } from '../command.js';
import { readCliInput } from '../input.js';

const USAGE = `Usage: mailflow headers FILE|- [--json] [--mx-office365]

Reads the headers of a message that arrived (or the whole message) from FILE, or from stdin with
"-", and shows: every hop in order with its delay and TLS, whether the message passed through
Exchange Online Protection, the Exchange organisation headers explained, and the SPF, DKIM, DMARC
and composite authentication verdicts, followed by findings in plain words.

Options:
  --json          print the analysis as one JSON document
  --mx-office365  the recipient domain's MX already points to Office 365: a message that did
                  not pass through EOP is then reported as a problem

Exit codes: 0 analysed, 2 unreadable input or no headers in it.
`;

interface InputOptions {
  readonly json: boolean;
  readonly source: string;
}

/** Reads FILE (relative to io.cwd) or stdin ("-") as UTF-8, capped; a bad input is a UsageError. */
export async function readTextInput(source: string, io: CliIo, commandName: string): Promise<string> {
  return (await readCliInput(source, io, commandName, LIMITS.inputFileBytes)).toString('utf8');
}

function parseOptions(args: readonly string[]): InputOptions & { readonly mxOffice365: boolean } {
  let parsed: { values: { json?: boolean | undefined; 'mx-office365'?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, 'mx-office365': { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`headers: ${errorMessage(error)}`);
  }
  const [source, ...extra] = parsed.positionals;
  if (source === undefined) throw new UsageError('headers: give a file with the headers, or - to read them from stdin');
  if (extra.length > 0) throw new UsageError(`headers: one input only (got also "${extra.join(' ')}")`);
  return { source, json: parsed.values.json === true, mxOffice365: parsed.values['mx-office365'] === true };
}

const SEVERITY_ORDER: Readonly<Record<Finding['severity'], number>> = { problem: 0, warn: 1, info: 2 };

function tlsText(hop: Hop): string {
  switch (hop.tls.status) {
    case 'tls':
      return [hop.tls.protocol ?? 'TLS', hop.tls.cipher].filter((p) => p !== null).join(' ');
    case 'plain':
      return 'NO TLS';
    case 'local':
      return 'local hand-off';
    case 'unknown':
      return 'TLS not recorded';
  }
}

function hopLines(hop: Hop): string[] {
  const from = hop.fromAddress !== null && hop.from !== hop.fromAddress ? `${hop.from ?? '?'} [${hop.fromAddress}]` : (hop.from ?? '?');
  const delay = hop.delayMs === null ? '' : ` (${hop.delayMs < 0 ? '-' : '+'}${formatDuration(hop.delayMs)})`;
  const when = hop.date ?? (hop.dateText === null ? 'no date' : `unreadable date "${hop.dateText}"`);
  const details = [hop.with === null ? null : `with ${hop.with}`, hop.id === null ? null : `id ${hop.id}`, hop.for === null ? null : `for ${hop.for}`]
    .filter((d) => d !== null)
    .join(', ');
  return [
    `  ${hop.index}. ${from} → ${hop.by ?? '?'}${hop.microsoft ? '  [Microsoft]' : ''}`,
    `     ${when}${delay}; ${tlsText(hop)}${details === '' ? '' : `; ${details}`}`,
  ];
}

function verdictLine(name: string, verdict: AuthVerdict | null): string {
  if (verdict === null) return `  ${name}: not recorded`;
  const domain = verdict.domain === null ? '' : ` (${verdict.domain})`;
  return `  ${name}: ${verdict.result}${domain}, from ${verdict.source}`;
}

export function formatHeaderReport(analysis: HeaderAnalysis): string {
  const lines: string[] = [];
  lines.push(`Message: ${analysis.subject ?? '(no subject)'}`);
  if (analysis.from !== null) lines.push(`From: ${analysis.from}`);
  if (analysis.to !== null) lines.push(`To: ${analysis.to}`);
  if (analysis.date !== null) lines.push(`Date: ${analysis.date}`);
  lines.push('');
  const total = analysis.totalDelayMs === null ? '' : `, total ${formatDuration(analysis.totalDelayMs)}`;
  lines.push(`Path (${analysis.hops.length} hops, oldest first${total}):`);
  for (const hop of analysis.hops) lines.push(...hopLines(hop));
  lines.push('');
  lines.push(`Exchange Online Protection: ${analysis.eop.passed ? 'passed through' : 'not passed through'}`);
  for (const evidence of analysis.eop.evidence.slice(0, 4)) lines.push(`  - ${evidence}`);
  lines.push('');
  lines.push('Authentication:');
  lines.push(verdictLine('SPF', analysis.auth.spf), verdictLine('DKIM', analysis.auth.dkim), verdictLine('DMARC', analysis.auth.dmarc), verdictLine('compauth', analysis.auth.compauth));
  if (analysis.exchange.length > 0 || analysis.forefront !== null) {
    lines.push('', 'Exchange headers:');
    for (const header of analysis.exchange) lines.push(`  ${header.name}: ${header.value}`, `    ${header.explanation}`);
    if (analysis.forefront !== null) {
      lines.push('  X-Forefront-Antispam-Report:');
      for (const explanation of analysis.forefront.explanations) lines.push(`    ${explanation}`);
    }
  }
  lines.push('', 'Findings:');
  const findings = [...analysis.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  for (const finding of findings) lines.push(`  [${finding.severity}] ${finding.message}`);
  return `${lines.join('\n')}\n`;
}

export const command: CliCommand = {
  name: 'headers',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseOptions(args);
    const text = await readTextInput(options.source, io, 'headers');
    let analysis: HeaderAnalysis;
    try {
      analysis = analyseHeaders(text, { mxPointsToOffice365: options.mxOffice365 });
    } catch (error) {
      if (error instanceof NoHeadersError) throw new UsageError(`headers: ${error.message}`);
      throw error;
    }
    io.stdout.write(options.json ? `${JSON.stringify(analysis, null, 2)}\n` : formatHeaderReport(analysis));
    return 0;
  },
};
