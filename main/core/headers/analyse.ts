/**
 * Message header analysis for the Test step: where the message went (hops, delays, TLS), whether
 * it passed through Exchange Online Protection, what Exchange recorded about it, and how SPF, DKIM,
 * DMARC and composite authentication judged it — each turned into findings in plain words.
 */
import { fieldValue, isMessageFieldName, nameIs, readHeaderBlock } from './header-block.js';
import type { HeaderField } from './header-block.js';
import { parseMailDate } from './mail-date.js';
import { parseReceived } from './received.js';
import type { HopTls } from './received.js';
import { parseAuthenticationResults, parseReceivedSpf } from './auth-results.js';
import type { AuthResult } from './auth-results.js';
import { DEFAULT_BULK_THRESHOLD, exchangeHeaders, isEopHeader, isMicrosoftHost, parseForefrontReport, parseMicrosoftAntispam } from './exchange.js';
import type { ExchangeHeader, ForefrontReport, MicrosoftAntispam } from './exchange.js';

export type FindingSeverity = 'info' | 'warn' | 'problem';

export interface Finding {
  /** Stable id, e.g. "hop.no-tls", "auth.spf.fail". */
  readonly id: string;
  readonly severity: FindingSeverity;
  /** One sentence a person can read. */
  readonly message: string;
  /** Hop number (1 = oldest) when the finding is about one hop. */
  readonly hop?: number;
}

export interface Hop {
  /** 1 = the oldest hop (the first server that received the message). */
  readonly index: number;
  readonly from: string | null;
  readonly fromAddress: string | null;
  readonly by: string | null;
  readonly with: string | null;
  readonly id: string | null;
  readonly for: string | null;
  readonly dateText: string | null;
  /** ISO 8601 UTC; null when the date is missing or unreadable. */
  readonly date: string | null;
  readonly dateNotes: readonly string[];
  /** Time since the previous hop with a date; null for the first hop or without dates. */
  readonly delayMs: number | null;
  readonly tls: HopTls;
  /** The receiving server ("by") belongs to Exchange Online / EOP. */
  readonly microsoft: boolean;
  /**
   * The connector this hop crossed, when the direction is known (connector-hops.ts): `outbound` is
   * Office 365 handing the message to your server, `inbound` is your server handing it to Office 365.
   */
  readonly connector: 'outbound' | 'inbound' | null;
  readonly raw: string;
}

export interface EopPassage {
  readonly passed: boolean;
  /** Why we think so: hop hosts and header names. */
  readonly evidence: readonly string[];
  /** First hop received by Microsoft, or null. */
  readonly firstHop: number | null;
}

export interface AuthVerdict {
  readonly result: string;
  /** The domain the verdict is about (smtp.mailfrom, header.d, header.from). */
  readonly domain: string | null;
  readonly source: AuthResult['source'];
  readonly comments: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
}

export interface AuthSummary {
  readonly spf: AuthVerdict | null;
  readonly dkim: AuthVerdict | null;
  readonly dmarc: AuthVerdict | null;
  readonly compauth: AuthVerdict | null;
  /** Every result read, newest header first. */
  readonly all: readonly AuthResult[];
}

export interface HeaderAnalysis {
  readonly subject: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly messageId: string | null;
  readonly date: string | null;
  readonly hops: readonly Hop[];
  /** From the first to the last dated hop; null with fewer than two dates. */
  readonly totalDelayMs: number | null;
  readonly eop: EopPassage;
  readonly exchange: readonly ExchangeHeader[];
  readonly forefront: ForefrontReport | null;
  /** X-Microsoft-Antispam (bulk complaint level), read beside X-Forefront-Antispam-Report. */
  readonly microsoftAntispam: MicrosoftAntispam | null;
  readonly auth: AuthSummary;
  readonly findings: readonly Finding[];
  readonly fieldCount: number;
}

export interface AnalyseOptions {
  /**
   * True when the recipient domain's MX points to Office 365 (the caller knows from dns.mx): then
   * a message that never touched EOP is a problem, not just a fact.
   */
  readonly mxPointsToOffice365?: boolean;
  /** Delays above this are flagged (default 10 minutes). */
  readonly slowHopMs?: number;
}

/** The pasted text holds no message header fields (random bytes, prose, a note with a colon): an outcome, not a fault. */
export class NoHeadersError extends Error {
  override readonly name = 'NoHeadersError';
  constructor() {
    super('No message headers found: paste the full headers (they start with lines such as "Received:" or "From:").');
  }
}

/** Shared, never mutated: the notes of a hop without a readable date. */
const NO_DATE_NOTES: readonly string[] = Object.freeze([]);

/** One hop per Received field, oldest first (the fields list them newest first). */
function buildHops(fields: readonly HeaderField[]): Hop[] {
  const hops: Hop[] = [];
  let previous: number | null = null;
  for (let f = fields.length - 1; f >= 0; f -= 1) {
    const field = fields[f];
    if (field === undefined || !nameIs(field.name, 'received')) continue;
    const r = parseReceived(field.value);
    const at = r.date?.epochMs ?? null;
    const delayMs = at !== null && previous !== null ? at - previous : null;
    if (at !== null) previous = at;
    hops.push({
      index: hops.length + 1,
      from: r.from,
      fromAddress: r.fromAddress,
      by: r.by,
      with: r.with,
      id: r.id,
      for: r.for,
      dateText: r.dateText,
      date: r.date?.iso ?? null,
      dateNotes: r.date?.notes ?? NO_DATE_NOTES,
      delayMs,
      tls: r.tls,
      microsoft: isMicrosoftHost(r.by),
      connector: null,
      raw: r.raw,
    });
  }
  return hops;
}

function totalDelay(hops: readonly Hop[]): number | null {
  const dated = hops.filter((h) => h.date !== null);
  const first = dated[0]?.date;
  const last = dated[dated.length - 1]?.date;
  return dated.length >= 2 && first !== undefined && last !== undefined && first !== null && last !== null ? Date.parse(last) - Date.parse(first) : null;
}

function eopPassage(fields: readonly HeaderField[], hops: readonly Hop[]): EopPassage {
  const evidence: string[] = [];
  const microsoftHops = hops.filter((h) => h.microsoft);
  for (const hop of microsoftHops) evidence.push(`hop ${hop.index} received by ${hop.by ?? ''}`);
  const names = [...new Set(fields.filter((f) => isEopHeader(f.name)).map((f) => f.name))];
  for (const name of names) evidence.push(`header ${name}`);
  return { passed: evidence.length > 0, evidence, firstHop: microsoftHops[0]?.index ?? null };
}

function readAuth(fields: readonly HeaderField[]): AuthResult[] {
  const results: AuthResult[] = [];
  fields.forEach((field, index) => {
    const { name } = field;
    if (nameIs(name, 'authentication-results')) results.push(...parseAuthenticationResults(field.value, 'Authentication-Results', index));
    else if (nameIs(name, 'arc-authentication-results')) results.push(...parseAuthenticationResults(field.value, 'ARC-Authentication-Results', index));
    else if (nameIs(name, 'received-spf')) {
      const spf = parseReceivedSpf(field.value, index);
      if (spf !== null) results.push(spf);
    }
  });
  return results;
}

const SOURCE_RANK: Readonly<Record<AuthResult['source'], number>> = {
  'Authentication-Results': 0,
  'Received-SPF': 1,
  'ARC-Authentication-Results': 2,
};

function domainOf(result: AuthResult): string | null {
  const p = result.properties;
  const raw = p['smtp.mailfrom'] ?? p['header.d'] ?? p['header.i'] ?? p['header.from'] ?? p['envelope-from'] ?? p['smtp.helo'] ?? p.helo ?? null;
  if (raw === null) return null;
  const at = raw.lastIndexOf('@');
  return (at >= 0 ? raw.slice(at + 1) : raw).replace(/[<>]/g, '');
}

/** The verdict the final receiver recorded: the newest Authentication-Results, then Received-SPF, then ARC. */
function pick(results: readonly AuthResult[], method: string): AuthVerdict | null {
  const candidates = results
    .filter((r) => r.method === method)
    .sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || a.fieldIndex - b.fieldIndex);
  const best = candidates[0];
  if (best === undefined) return null;
  return { result: best.result, domain: domainOf(best), source: best.source, comments: best.comments, properties: best.properties };
}

function senderIp(verdict: AuthVerdict, hops: readonly Hop[]): string | null {
  for (const comment of verdict.comments) {
    const match = /(?:sender IP is|designates|does not designate)\s+([0-9a-fA-F:.]+)/i.exec(comment);
    if (match?.[1] !== undefined) return match[1].replace(/\.$/, '');
  }
  const clientIp = verdict.properties['client-ip'];
  if (clientIp !== undefined) return clientIp;
  return hops.find((h) => h.fromAddress !== null && !/^(127\.|::1$|10\.|192\.168\.)/.test(h.fromAddress))?.fromAddress ?? null;
}

function spfFindings(spf: AuthVerdict | null, hops: readonly Hop[], findings: Finding[]): void {
  if (spf === null) {
    findings.push({ id: 'auth.spf.missing', severity: 'info', message: 'No SPF result was recorded in these headers.' });
    return;
  }
  const domain = spf.domain ?? 'the sender domain';
  const ip = senderIp(spf, hops);
  const ipText = ip === null ? 'the sending IP' : `the sending IP ${ip}`;
  switch (spf.result) {
    case 'pass':
      findings.push({ id: 'auth.spf.pass', severity: 'info', message: `SPF passed for ${domain}: ${ipText} is allowed by its SPF record.` });
      break;
    case 'fail':
      findings.push({ id: 'auth.spf.fail', severity: 'problem', message: `SPF failed for ${domain}: ${ipText} is not in the SPF record. Add it (ip4:) or, when mail now leaves through Office 365, include:spf.protection.outlook.com.` });
      break;
    case 'softfail':
      findings.push({ id: 'auth.spf.softfail', severity: 'warn', message: `SPF soft-failed for ${domain}: ${ipText} is not in the SPF record, which ends in ~all. Add the address or include:spf.protection.outlook.com.` });
      break;
    case 'neutral':
      findings.push({ id: 'auth.spf.neutral', severity: 'warn', message: `SPF was neutral for ${domain}: the record neither allows nor forbids ${ipText} (?all). Receivers treat this like no SPF.` });
      break;
    case 'none':
      findings.push({ id: 'auth.spf.none', severity: 'warn', message: `${domain} has no SPF record, so receivers cannot tell which servers may send for it. Publish one (v=spf1 include:spf.protection.outlook.com -all plus your own server while it still sends directly).` });
      break;
    case 'temperror':
      findings.push({ id: 'auth.spf.temperror', severity: 'warn', message: `SPF could not be checked for ${domain} because of a temporary DNS error at the receiver.` });
      break;
    case 'permerror':
      findings.push({ id: 'auth.spf.permerror', severity: 'problem', message: `The SPF record of ${domain} is broken (syntax error, several records or more than 10 DNS lookups): fix the record.` });
      break;
    default:
      findings.push({ id: 'auth.spf.other', severity: 'info', message: `SPF result for ${domain}: ${spf.result}.` });
  }
}

function dkimFindings(dkim: AuthVerdict | null, findings: Finding[]): void {
  if (dkim === null) return;
  const domain = dkim.domain ?? 'the signing domain';
  if (dkim.result === 'pass') {
    findings.push({ id: 'auth.dkim.pass', severity: 'info', message: `DKIM passed: the message was signed by ${domain} and not changed on the way.` });
  } else if (dkim.result === 'none') {
    findings.push({ id: 'auth.dkim.none', severity: 'warn', message: 'The message was not DKIM-signed. Turn on DKIM signing (in Office 365: the selector1/selector2 CNAMEs, then enable DKIM for the domain).' });
  } else if (dkim.result === 'fail' || dkim.result === 'permerror' || dkim.result === 'neutral' || dkim.result === 'policy') {
    findings.push({ id: 'auth.dkim.fail', severity: 'problem', message: `DKIM failed for ${domain}: the signature did not verify (message changed on the way, e.g. by a footer or a gateway, or the public key in DNS does not match).` });
  } else {
    findings.push({ id: 'auth.dkim.other', severity: 'warn', message: `DKIM result for ${domain}: ${dkim.result}.` });
  }
}

function dmarcFindings(dmarc: AuthVerdict | null, findings: Finding[]): void {
  if (dmarc === null) return;
  const domain = dmarc.domain ?? 'the sender domain';
  const policy = /\bp=([a-z]+)/i.exec(dmarc.comments.join(' '))?.[1]?.toLowerCase();
  const action = dmarc.properties.action ?? policy;
  if (dmarc.result === 'pass' || dmarc.result === 'bestguesspass') {
    const best = dmarc.result === 'bestguesspass' ? ' (best guess: the domain has no DMARC record; publish one at _dmarc)' : '';
    findings.push({ id: 'auth.dmarc.pass', severity: dmarc.result === 'pass' ? 'info' : 'warn', message: `DMARC passed for ${domain}${best}.` });
  } else if (dmarc.result === 'none') {
    findings.push({ id: 'auth.dmarc.none', severity: 'warn', message: `${domain} has no DMARC record: publish v=DMARC1; p=none at _dmarc.${domain} to start with.` });
  } else if (dmarc.result === 'fail') {
    const actionText = action === undefined ? '' : ` The receiver's action: ${action}.`;
    findings.push({ id: 'auth.dmarc.fail', severity: 'problem', message: `DMARC failed for ${domain}: neither SPF nor DKIM passed for a domain aligned with the From address.${actionText}` });
  } else {
    findings.push({ id: 'auth.dmarc.other', severity: 'warn', message: `DMARC result for ${domain}: ${dmarc.result}.` });
  }
}

function explainCompauthReason(reason: string | undefined): string {
  if (reason === undefined) return '';
  const code = Number.parseInt(reason, 10);
  if (reason === '000') return ' (reason 000: the domain\'s DMARC check failed explicitly)';
  if (reason === '001') return ' (reason 001: implicit authentication failed: SPF/DKIM did not vouch for the From domain)';
  const band = Math.floor(code / 100);
  if (band === 1 || band === 7) return ` (reason ${reason}: passed thanks to SPF/DKIM/DMARC)`;
  if (band === 2) return ` (reason ${reason}: soft pass from implicit authentication)`;
  if (band === 3) return ` (reason ${reason}: not checked)`;
  if (band === 4 || band === 9) return ` (reason ${reason}: check bypassed, e.g. by an allow entry)`;
  if (band === 6) return ` (reason ${reason}: implicit authentication failed for one of your own accepted domains)`;
  return ` (reason ${reason})`;
}

function compauthFindings(compauth: AuthVerdict | null, findings: Finding[]): void {
  if (compauth === null) return;
  const reason = explainCompauthReason(compauth.properties.reason);
  if (compauth.result === 'pass') {
    findings.push({ id: 'auth.compauth.pass', severity: 'info', message: `Office 365 composite authentication passed${reason}.` });
  } else if (compauth.result === 'fail') {
    findings.push({ id: 'auth.compauth.fail', severity: 'problem', message: `Office 365 composite authentication failed${reason}: the message is treated as spoofed. Fix SPF/DKIM/DMARC for the sender domain, or send through an inbound connector.` });
  } else {
    findings.push({ id: 'auth.compauth.other', severity: 'warn', message: `Office 365 composite authentication: ${compauth.result}${reason}.` });
  }
}

function hopName(hop: Hop): string {
  return `hop ${hop.index} (${hop.from ?? 'unknown'} → ${hop.by ?? 'unknown'})`;
}

function hopFindings(hops: readonly Hop[], slowHopMs: number, findings: Finding[]): void {
  if (hops.length === 0) {
    findings.push({ id: 'hops.none', severity: 'warn', message: 'There is no Received header, so the path cannot be traced: paste the full headers, not only From/To/Subject.' });
    return;
  }
  for (const hop of hops) {
    if (hop.dateText === null) {
      findings.push({ id: 'hop.date.missing', severity: 'warn', message: `${hopName(hop)} has no date, so its delay is unknown.`, hop: hop.index });
    } else if (hop.date === null) {
      findings.push({ id: 'hop.date.unreadable', severity: 'warn', message: `${hopName(hop)} has a date that cannot be read ("${hop.dateText}"), so its delay is unknown.`, hop: hop.index });
    } else if (hop.dateNotes.some((n) => n !== 'no weekday' && n !== 'no seconds')) {
      findings.push({ id: 'hop.date.odd', severity: 'info', message: `${hopName(hop)} has an unusual date ("${hop.dateText}"): ${hop.dateNotes.join(', ')}.`, hop: hop.index });
    }
    if (hop.delayMs !== null && hop.delayMs < -60_000) {
      findings.push({ id: 'hop.clock-skew', severity: 'warn', message: `${hopName(hop)} is dated ${formatDuration(-hop.delayMs)} before the previous hop: one of the two servers has a wrong clock or time zone.`, hop: hop.index });
    } else if (hop.delayMs !== null && hop.delayMs > slowHopMs) {
      findings.push({ id: 'hop.slow', severity: 'warn', message: `${hopName(hop)} took ${formatDuration(hop.delayMs)}: the message waited in the previous server's queue (retries, throttling or a connection problem).`, hop: hop.index });
    }
    if (hop.tls.status === 'plain') {
      const intoMicrosoft = hop.microsoft ? ' This is the hop into Office 365: a connector that requires TLS would refuse it.' : '';
      findings.push({ id: 'hop.no-tls', severity: 'warn', message: `${hopName(hop)} had no TLS (${hop.tls.evidence ?? 'plain SMTP'}): the message crossed this link unencrypted.${intoMicrosoft}`, hop: hop.index });
    } else if (hop.tls.status === 'tls' && hop.tls.protocol !== null && /^(SSL|TLS 1\.[01])/.test(hop.tls.protocol)) {
      findings.push({ id: 'hop.old-tls', severity: 'warn', message: `${hopName(hop)} used ${hop.tls.protocol}, which is outdated: enable TLS 1.2 or newer on both servers.`, hop: hop.index });
    }
  }
  const firstMicrosoft = hops.findIndex((h) => h.microsoft);
  const firstAfter = firstMicrosoft < 0 ? undefined : hops.slice(firstMicrosoft + 1).find((h) => !h.microsoft);
  if (firstAfter?.tls.status === 'plain') {
    findings.push({ id: 'eop.delivery-no-tls', severity: 'problem', message: `Office 365 delivered to your server without TLS (${hopName(firstAfter)}): set the outbound connector's TlsSettings and make sure your server offers STARTTLS with a valid certificate.`, hop: firstAfter.index });
  }
}

function eopFindings(eop: EopPassage, options: AnalyseOptions, findings: Finding[]): void {
  if (eop.passed) {
    findings.push({ id: 'eop.passed', severity: 'info', message: `The message passed through Exchange Online Protection (${eop.evidence.slice(0, 2).join('; ')}).` });
  } else if (options.mxPointsToOffice365 === true) {
    findings.push({ id: 'eop.bypassed', severity: 'problem', message: 'The message did not pass through Exchange Online Protection although the MX points to Office 365: the sender used an old MX from a cache, or delivered straight to your server (its address is still reachable on port 25 from the Internet). Let only the EOP ranges reach port 25.' });
  } else {
    findings.push({ id: 'eop.not-passed', severity: 'info', message: 'The message did not pass through Exchange Online Protection (no Microsoft hop, no X-Forefront-Antispam-Report or X-MS-Exchange-CrossTenant header).' });
  }
}

function exchangeFindings(fields: readonly HeaderField[], forefront: ForefrontReport | null, antispam: MicrosoftAntispam | null, findings: Finding[]): void {
  if (antispam?.bcl !== null && antispam?.bcl !== undefined && antispam.bcl >= DEFAULT_BULK_THRESHOLD) {
    findings.push({ id: 'exchange.bulk', severity: 'warn', message: `Office 365 rated the sender as a bulk mailer with many complaints (BCL ${antispam.bcl}, X-Microsoft-Antispam): the default anti-spam policy (threshold ${DEFAULT_BULK_THRESHOLD}) moves such mail to Junk Email.` });
  }
  const crossTenantAuthAs = fieldValue(fields, 'X-MS-Exchange-CrossTenant-AuthAs');
  const fromEntity = fieldValue(fields, 'X-MS-Exchange-CrossTenant-FromEntityHeader');
  if (fromEntity?.toLowerCase() === 'hybridonprem') {
    findings.push({ id: 'exchange.from-on-premises', severity: 'info', message: 'Office 365 recognised the message as coming from your on-premises server through a connector (FromEntityHeader: HybridOnPrem).' });
  }
  if (crossTenantAuthAs !== null && crossTenantAuthAs.toLowerCase() === 'anonymous' && fromEntity?.toLowerCase() === 'internet') {
    findings.push({ id: 'exchange.anonymous', severity: 'info', message: 'Office 365 treated the message as anonymous Internet mail. If it came from your own server, it did not match your inbound connector (check its certificate name or IP addresses).' });
  }
  const scl = Number.parseInt(fieldValue(fields, 'X-MS-Exchange-Organization-SCL') ?? forefront?.fields.SCL ?? '', 10);
  if (!Number.isNaN(scl) && scl >= 5) {
    findings.push({ id: 'exchange.spam', severity: 'warn', message: `Office 365 rated the message as spam (SCL ${scl}): it likely went to Junk Email or quarantine.` });
  }
  const category = forefront?.fields.CAT?.toUpperCase();
  if (category !== undefined && category !== '' && category !== 'NONE') {
    findings.push({ id: 'exchange.category', severity: 'warn', message: `Office 365 filtered the message as ${category} (X-Forefront-Antispam-Report CAT).` });
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Analyses pasted headers or a whole message. Throws NoHeadersError when there are none. */
export function analyseHeaders(text: string, options: AnalyseOptions = {}): HeaderAnalysis {
  const block = readHeaderBlock(text, { skipJunk: true });
  if (!block.fields.some((field) => isMessageFieldName(field.name))) throw new NoHeadersError();
  const { fields } = block;
  const hops = buildHops(fields);
  const eop = eopPassage(fields, hops);
  const forefrontText = fieldValue(fields, 'X-Forefront-Antispam-Report');
  const forefront = forefrontText === null ? null : parseForefrontReport(forefrontText);
  const antispamText = fieldValue(fields, 'X-Microsoft-Antispam');
  const microsoftAntispam = antispamText === null ? null : parseMicrosoftAntispam(antispamText);
  const results = readAuth(fields);
  const auth: AuthSummary = {
    spf: pick(results, 'spf'),
    dkim: pick(results, 'dkim'),
    dmarc: pick(results, 'dmarc'),
    compauth: pick(results, 'compauth'),
    all: results,
  };

  const findings: Finding[] = [];
  hopFindings(hops, options.slowHopMs ?? 10 * 60_000, findings);
  eopFindings(eop, options, findings);
  exchangeFindings(fields, forefront, microsoftAntispam, findings);
  spfFindings(auth.spf, hops, findings);
  dkimFindings(auth.dkim, findings);
  dmarcFindings(auth.dmarc, findings);
  compauthFindings(auth.compauth, findings);

  const dateText = fieldValue(fields, 'Date');
  return {
    subject: fieldValue(fields, 'Subject'),
    from: fieldValue(fields, 'From'),
    to: fieldValue(fields, 'To'),
    messageId: fieldValue(fields, 'Message-ID'),
    date: dateText === null ? null : (parseMailDate(dateText)?.iso ?? null),
    hops,
    totalDelayMs: totalDelay(hops),
    eop,
    exchange: exchangeHeaders(fields),
    forefront,
    microsoftAntispam,
    auth,
    findings,
    fieldCount: fields.length,
  };
}
