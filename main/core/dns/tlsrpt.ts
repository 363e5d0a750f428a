/**
 * SMTP TLS Reporting (RFC 8460) as the dns.tlsrpt check judges it, without I/O: the
 * `_smtp._tls.<domain>` TXT record that tells senders where to report TLS failures (MTA-STS, DANE).
 */
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsAnswer } from '../ports/dns.js';
import { parseEmail } from '../../../preload/vocabulary/validation/email.js';
import { extensionProblem, splitVersionedRecord, type RecordParse } from './mta-sts.js';

export interface TlsRptRecord {
  /** The report destinations, `mailto:` or `https:` URIs, in order. */
  readonly rua: readonly string[];
}

/** Whether a TXT string is meant as TLS-RPT at all, even if malformed (reported, not ignored). */
export function looksLikeTlsRptRecord(txt: string): boolean {
  return /^\s*v\s*=\s*tlsrptv1/i.test(txt);
}

/** What is wrong with one rua URI, or null (RFC 8460 section 3: mailto: or https:). */
export function ruaUriProblem(uri: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'mailto') {
    return parseEmail(uri.slice('mailto:'.length)).ok ? null : `"${uri}" is not a valid mailto: address (write mailto:tls-reports@example.com)`;
  }
  if (scheme === 'https') {
    if (!URL.canParse(uri)) return `"${uri}" is not a valid https: URL`;
    return new URL(uri).hostname === '' ? `"${uri}" names no host` : null;
  }
  return `"${uri}" must be a mailto: or https: URI`;
}

/** Parses one `_smtp._tls` TXT record: `v=TLSRPTv1; rua=<uri>[,<uri>...]`. */
export function parseTlsRptRecord(text: string): RecordParse<TlsRptRecord> {
  const split = splitVersionedRecord(text, 'TLSRPTv1');
  if (split.value === null) return { value: null, errors: split.errors };
  const errors: string[] = [];
  const ruaFields = split.value.filter((field) => field.name === 'rua');
  const first = ruaFields[0];
  if (first === undefined) errors.push('the required field rua= is missing');
  if (ruaFields.length > 1) errors.push('rua= appears more than once (list every destination in one rua=, separated by commas)');
  const rua = first === undefined ? [] : first.value.split(',').map((uri) => uri.trim());
  for (const uri of rua) {
    const problem = uri === '' ? 'rua= has an empty entry' : ruaUriProblem(uri);
    if (problem !== null) errors.push(problem);
  }
  for (const field of split.value.filter((candidate) => candidate.name !== 'rua')) {
    const problem = extensionProblem(field);
    if (problem !== null) errors.push(problem);
  }
  return errors.length > 0 ? { value: null, errors } : { value: { rua }, errors: [] };
}

export type TlsRptState = 'valid' | 'absent' | 'invalid' | 'multiple' | 'lookup-failed';

export interface TlsRptVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly state: TlsRptState;
  readonly summary: string;
  readonly advice?: string;
  /** The TXT records meant as TLS-RPT, valid or not. */
  readonly records: readonly string[];
  /** The parsed destinations; empty without a valid record. */
  readonly rua: readonly string[];
  /** The TXT record to publish at `_smtp._tls.<domain>`; null when the published one is valid. */
  readonly recordToPublish: string | null;
}

/**
 * The dns.tlsrpt verdict. TLS-RPT is optional, so a missing record warns; several records or an
 * invalid one fail, because senders then send no reports at all (RFC 8460 section 3).
 */
export function evaluateTlsRpt(domain: string, answer: DnsAnswer<string>): TlsRptVerdict {
  const normalised = domain.toLowerCase().replace(/\.$/, '');
  const name = `_smtp._tls.${normalised}`;
  const placeholder = `v=TLSRPTv1; rua=mailto:tls-reports@${normalised}`;
  const recordToPublish = `${name}. IN TXT "${placeholder}"`;
  const mailbox = `tls-reports@${normalised} is a placeholder: change it to a mailbox you read (or a reporting service's address) before publishing.`;
  const base = { records: [] as readonly string[], rua: [] as readonly string[], recordToPublish };
  if (!answer.ok && answer.failure !== 'NXDOMAIN' && answer.failure !== 'NODATA') {
    return { ...base, status: 'fail', state: 'lookup-failed', summary: `could not read ${name} (${answer.failure}): ${answer.message}`, advice: `Make the domain's DNS servers answer for ${name}; senders that cannot read it send no TLS reports.` };
  }
  const candidates = answer.ok ? answer.records.filter(looksLikeTlsRptRecord) : [];
  if (candidates.length === 0) {
    const why = answer.ok ? 'has TXT records but none is TLS-RPT' : `does not exist (${answer.failure})`;
    return {
      ...base,
      status: 'warn',
      state: 'absent',
      summary: `TLS reporting is not published: ${name} ${why}`,
      advice: `Publish ${recordToPublish} so that senders report TLS and MTA-STS failures delivering to ${normalised}. ${mailbox}`,
    };
  }
  const valid = candidates.filter((text) => text.startsWith('v=TLSRPTv1;'));
  if (valid.length > 1) {
    return { ...base, records: candidates, status: 'fail', state: 'multiple', summary: `${name} has ${valid.length} TLS-RPT records; senders then send no reports`, advice: `Keep exactly one TXT record at ${name}, listing every destination in one rua= separated by commas, e.g. ${placeholder}. ${mailbox}` };
  }
  const text = valid[0] ?? candidates[0] ?? '';
  const parsed = parseTlsRptRecord(text);
  if (parsed.value === null) {
    const kept = (/(?:^|;)\s*rua=([^;]*)/.exec(text)?.[1] ?? '').split(',').map((uri) => uri.trim()).filter((uri) => uri !== '' && ruaUriProblem(uri) === null);
    const fixed = kept.length > 0 ? `v=TLSRPTv1; rua=${kept.join(',')}` : placeholder;
    const fixedRecord = `${name}. IN TXT "${fixed}"`;
    return { ...base, records: candidates, recordToPublish: fixedRecord, status: 'fail', state: 'invalid', summary: `the TLS-RPT record at ${name} is invalid: ${parsed.errors.join('; ')}; senders send no reports`, advice: `Replace it with ${fixedRecord}.${kept.length > 0 ? '' : ` ${mailbox}`}` };
  }
  return { records: [text], rua: parsed.value.rua, recordToPublish: null, status: 'pass', state: 'valid', summary: `${name} has a valid TLS-RPT record: reports go to ${parsed.value.rua.join(', ')}` };
}
