/**
 * DANE for SMTP (RFC 7672): the TLSA records at `_25._tcp.<MX host>` that DANE-aware senders check a
 * receiving server's certificate against, and what they mean for a move of the MX to Office 365.
 * Pure: the lookups are made by the dns.dane check.
 */
import type { CheckStatus, CommandPlace } from '../../../preload/vocabulary/checks.js';
import type { DnsFailureKind, TlsaAnswer, TlsaRecord } from '../ports/dns.js';

/** mx.microsoft: Exchange Online's DNSSEC-signed, DANE-capable inbound host; classic: `*.mail.protection.outlook.com`; other: not Office 365 (your server, or a filtering service). */
export type MxForm = 'mx.microsoft' | 'classic' | 'other';

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/**
 * The form of an MX host. Microsoft's DNSSEC hosts look like `contoso-com.e-v1.mx.microsoft` (the
 * letter is assigned per domain), but any host under `mx.microsoft` counts, as dns.mx counts it.
 */
export function mxForm(host: string): MxForm {
  const name = normalise(host);
  if (name.endsWith('.mx.microsoft')) return 'mx.microsoft';
  if (name.endsWith('.mail.protection.outlook.com')) return 'classic';
  return 'other';
}

/** Where senders look for an SMTP server's TLSA records (RFC 7672 section 2.2.3). */
export const tlsaName = (host: string): string => `_25._tcp.${normalise(host)}`;

/** A record in zone-file form: `3 1 1 <hex>`. */
export const tlsaText = (record: TlsaRecord): string => `${record.usage} ${record.selector} ${record.matchingType} ${record.data}`;

/** Data lengths in bytes of the digests a TLSA record may carry (RFC 6698 section 2.1.3). */
const DIGEST_BYTES: Readonly<Record<number, { readonly name: string; readonly bytes: number }>> = {
  1: { name: 'SHA-256', bytes: 32 },
  2: { name: 'SHA-512', bytes: 64 },
};

export interface TlsaProblems {
  /** What makes the record malformed: senders cannot use it. */
  readonly errors: readonly string[];
  /** What makes it well-formed but of no use for SMTP. */
  readonly warnings: readonly string[];
}

/**
 * What is wrong with one TLSA record: its fields (RFC 6698 section 2.1) and the length of its data
 * for the matching type; usages PKIX-TA(0) and PKIX-EE(1) are well-formed but SMTP senders treat
 * them as unusable (RFC 7672 section 3.1.3).
 */
export function tlsaProblems(record: TlsaRecord): TlsaProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  const inRange = (value: number, max: number): boolean => Number.isInteger(value) && value >= 0 && value <= max;
  if (!inRange(record.usage, 3)) errors.push(`certificate usage ${record.usage} is not 0 to 3`);
  else if (record.usage <= 1) {
    warnings.push(`certificate usage ${record.usage} (${record.usage === 0 ? 'PKIX-TA' : 'PKIX-EE'}) is unusable for SMTP: senders ignore it (RFC 7672 section 3.1.3); use 3 (DANE-EE) or 2 (DANE-TA)`);
  }
  if (!inRange(record.selector, 1)) errors.push(`selector ${record.selector} is not 0 (full certificate) or 1 (public key)`);
  if (!inRange(record.matchingType, 2)) errors.push(`matching type ${record.matchingType} is not 0 (full data), 1 (SHA-256) or 2 (SHA-512)`);
  if (!/^(?:[0-9a-f]{2})*$/i.test(record.data)) {
    errors.push('the association data is not hex digits of whole bytes');
    return { errors, warnings };
  }
  const bytes = record.data.length / 2;
  const digest = DIGEST_BYTES[record.matchingType];
  if (digest !== undefined && bytes !== digest.bytes) {
    errors.push(`matching type ${record.matchingType} (${digest.name}) needs ${digest.bytes} bytes of data (${digest.bytes * 2} hex digits), this record has ${bytes}`);
  }
  if (record.matchingType === 0 && !record.data.toLowerCase().startsWith('30')) {
    errors.push('full data (matching type 0) must be a DER certificate or public key, which starts with 30 (a SEQUENCE)');
  }
  return { errors, warnings };
}

export interface DaneHostObservation {
  readonly exchange: string;
  readonly priority: number;
  readonly tlsa: TlsaAnswer;
  /** The names visited from `_25._tcp.<host>` when it is an alias (RFC 7671 section 7); absent when it is not. */
  readonly cnameChain?: readonly string[];
}

export type DaneMxObservation =
  | { readonly ok: true; readonly hosts: readonly DaneHostObservation[] }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };

/**
 * dane: valid TLSA on an Office 365 host; microsoft-ready: the mx.microsoft host without TLSA yet;
 * not-used: no TLSA; onprem-tlsa: TLSA on a host that is not Office 365, to handle at cutover;
 * unusable: only PKIX usages; lookup-failed: the TLSA lookup failed; invalid: a malformed record.
 */
export type DaneHostState = 'dane' | 'microsoft-ready' | 'not-used' | 'onprem-tlsa' | 'unusable' | 'lookup-failed' | 'invalid';
export type DaneState = DaneHostState | 'no-mx';

export interface DaneCommand {
  readonly place: CommandPlace;
  readonly command: string;
}

export interface DaneHostVerdict {
  readonly host: string;
  readonly priority: number;
  readonly form: MxForm;
  readonly tlsaName: string;
  /** The aliases followed from tlsaName to the records; empty when it is no alias. */
  readonly cnameChain: readonly string[];
  readonly records: readonly (TlsaRecord & TlsaProblems)[];
  /** The AD bit of the TLSA answer; null when there was no TLSA answer. */
  readonly authenticated: boolean | null;
  /** found, none (NXDOMAIN or NODATA), or the failure of the lookup. */
  readonly lookup: 'found' | 'none' | DnsFailureKind;
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly state: DaneHostState;
  /** What was found, one sentence each. */
  readonly findings: readonly string[];
  /** What to do, when anything. */
  readonly advice: string | null;
  readonly commands: readonly DaneCommand[];
}

export interface DaneVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail' | 'skip'>;
  readonly state: DaneState;
  readonly summary: string;
  readonly advice?: string;
  readonly commands: readonly DaneCommand[];
  readonly hosts: readonly DaneHostVerdict[];
}

const enableDnssec = (domain: string): DaneCommand => ({ place: 'exchange-online', command: `Enable-DnssecForVerifiedDomain -DomainName ${domain}` });
const enableDane = (domain: string): DaneCommand => ({ place: 'exchange-online', command: `Enable-SmtpDaneInbound -DomainName ${domain}` });

const HOST_RANK: Readonly<Record<DaneHostState, number>> = { dane: 0, 'microsoft-ready': 1, 'not-used': 2, 'lookup-failed': 3, unusable: 4, 'onprem-tlsa': 5, invalid: 6 };
const STATUS_OF: Readonly<Record<DaneHostState, DaneHostVerdict['status']>> = {
  dane: 'pass',
  'microsoft-ready': 'pass',
  'not-used': 'pass',
  'lookup-failed': 'warn',
  unusable: 'warn',
  'onprem-tlsa': 'warn',
  invalid: 'fail',
};

/** How inbound DANE is switched on in Exchange Online, for a domain whose MX is (or will be) Office 365. */
function microsoftDaneSteps(domain: string): string {
  return `Inbound DANE in Exchange Online needs the DNSSEC-signed mx.microsoft host: run Enable-DnssecForVerifiedDomain -DomainName ${domain}, publish the MX value it returns (with ${domain}'s own zone DNSSEC-signed, or senders cannot trust the MX), then run Enable-SmtpDaneInbound -DomainName ${domain}.`;
}

interface HostJudgement {
  readonly state: DaneHostState;
  readonly findings: readonly string[];
  readonly advice: string | null;
  readonly commands: readonly DaneCommand[];
}

function judgeWithoutRecords(domain: string, host: string, form: MxForm): HostJudgement {
  const name = tlsaName(host);
  if (form === 'mx.microsoft') {
    return {
      state: 'microsoft-ready',
      findings: [`${host} is Exchange Online's DNSSEC-signed inbound host; ${name} has no TLSA record yet, so DANE senders do not authenticate it.`],
      advice: `Microsoft publishes and rolls over the TLSA records of ${host} once inbound DANE is on: run Enable-SmtpDaneInbound -DomainName ${domain}.`,
      commands: [enableDane(domain)],
    };
  }
  if (form === 'classic') {
    return { state: 'not-used', findings: [`${host} is the classic Office 365 host, which has no DNSSEC and no TLSA: DANE is not used.`], advice: microsoftDaneSteps(domain), commands: [enableDnssec(domain), enableDane(domain)] };
  }
  return {
    state: 'not-used',
    findings: [`${name} has no TLSA record: DANE is not used for ${host}.`],
    advice: `Nothing to remove at cutover. ${microsoftDaneSteps(domain)}`,
    commands: [enableDnssec(domain), enableDane(domain)],
  };
}

function judgeRecords(domain: string, host: string, form: MxForm, records: readonly (TlsaRecord & TlsaProblems)[], authenticated: boolean): HostJudgement {
  const name = tlsaName(host);
  const listed = records.map(tlsaText).join(', ');
  const unsigned = authenticated ? [] : [`The resolver did not mark the answer as DNSSEC-validated (AD bit): senders ignore TLSA records in an unsigned zone, and a resolver that does not validate never sets the bit.`];
  const malformed = records.filter((record) => record.errors.length > 0);
  if (malformed.length > 0) {
    const what = malformed.map((record) => `${tlsaText(record)}: ${record.errors.join('; ')}`);
    const template = `${name}. IN TLSA 3 1 1 <SHA-256 of the certificate's public key>`;
    return {
      state: 'invalid',
      findings: [...what.map((text) => `Malformed TLSA record at ${name}: ${text}.`), ...unsigned],
      advice:
        form === 'other'
          ? `Replace the malformed record${malformed.length > 1 ? 's' : ''} at ${name} with one that matches the certificate ${host} presents, e.g. ${template} (the digest from: openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256). DANE senders that find no usable record matching the certificate defer mail to ${host}.`
          : `Microsoft publishes the TLSA records of ${host}: check the domain with Get-DnssecStatusForVerifiedDomain -DomainName ${domain} and report the malformed record to Microsoft support.`,
      commands: form === 'other' ? [{ place: 'dns', command: template }] : [{ place: 'exchange-online', command: `Get-DnssecStatusForVerifiedDomain -DomainName ${domain}` }],
    };
  }
  const pkix = records.filter((record) => record.warnings.length > 0);
  const pkixNote = pkix.map((record) => `${tlsaText(record)}: ${record.warnings.join('; ')}.`);
  if (pkix.length === records.length) {
    return {
      state: 'unusable',
      findings: [`${name} has only PKIX usages (${listed}), which SMTP senders treat as unusable: DANE does not protect ${host}.`, ...pkixNote, ...unsigned],
      advice: `Publish DANE-EE records for the certificate ${host} presents instead, e.g. ${name}. IN TLSA 3 1 1 <SHA-256 of the certificate's public key>, and remove the usage 0 and 1 records.`,
      commands: [{ place: 'dns', command: `${name}. IN TLSA 3 1 1 <SHA-256 of the certificate's public key>` }],
    };
  }
  if (form === 'other') {
    return {
      state: 'onprem-tlsa',
      findings: [`${host} is not Office 365 and publishes TLSA records (${listed}): DANE senders check its certificate against them today.`, ...pkixNote, ...unsigned],
      advice: `Handle these at cutover: when the MX moves to Office 365, remove the TLSA records at ${name} once ${host} no longer receives Internet mail, or keep them matching its certificate (renewals included) for as long as it does — as a backup MX, or as the smart host Office 365 delivers to, since connectors can check DANE. A TLSA record that no longer matches the certificate makes DANE senders refuse (defer) mail to ${host}. For DANE on the new MX, use the mx.microsoft host: ${microsoftDaneSteps(domain)}`,
      commands: [enableDnssec(domain), enableDane(domain)],
    };
  }
  return {
    state: 'dane',
    findings: [`${host} is Exchange Online's inbound host with TLSA records (${listed}): DANE is handled by Microsoft.`, ...pkixNote, ...unsigned],
    advice: null,
    commands: [],
  };
}

function judgeHost(domain: string, observation: DaneHostObservation): DaneHostVerdict {
  const host = normalise(observation.exchange);
  const form = mxForm(host);
  const base = { host, priority: observation.priority, form, tlsaName: tlsaName(host), cnameChain: observation.cnameChain ?? [] };
  const answer = observation.tlsa;
  if (!answer.ok && answer.failure !== 'NXDOMAIN' && answer.failure !== 'NODATA') {
    const state: DaneHostState = 'lookup-failed';
    return {
      ...base,
      records: [],
      authenticated: null,
      lookup: answer.failure,
      status: STATUS_OF[state],
      state,
      findings: [`Could not read ${base.tlsaName} TLSA (${answer.failure}): ${answer.message}.`],
      advice:
        answer.failure === 'SERVFAIL'
          ? `A validating resolver answers SERVFAIL when a zone's DNSSEC signatures are broken, and DANE senders then defer mail to ${host}: check the zone's DNSSEC (signatures, DS record at the parent), or ask a DNS server that answers, and run the check again.`
          : `Ask a DNS server that answers for ${base.tlsaName}, and run the check again.`,
      commands: [],
    };
  }
  const records = answer.ok ? answer.records.map((record) => ({ ...record, ...tlsaProblems(record) })) : [];
  const judgement = records.length === 0 ? judgeWithoutRecords(domain, host, form) : judgeRecords(domain, host, form, records, answer.ok && answer.authenticated);
  return { ...base, records, authenticated: answer.ok ? answer.authenticated : null, lookup: records.length === 0 ? 'none' : 'found', status: STATUS_OF[judgement.state], ...judgement };
}

const SUMMARY: Readonly<Record<DaneHostState, (domain: string, hosts: string) => string>> = {
  dane: (domain, hosts) => `DANE for ${domain} is handled by Microsoft: TLSA records found for ${hosts}`,
  'microsoft-ready': (domain, hosts) => `${domain} receives on the DNSSEC-signed mx.microsoft host (${hosts}); inbound DANE is not on yet`,
  'not-used': (domain, hosts) => `DANE is not used for ${domain}: no TLSA records for ${hosts}`,
  'lookup-failed': (domain, hosts) => `could not check DANE for ${domain}: the TLSA lookup failed for ${hosts}`,
  unusable: (domain, hosts) => `the TLSA records of ${domain}'s MX (${hosts}) have only usages SMTP senders ignore`,
  'onprem-tlsa': (domain, hosts) => `${domain}'s MX ${hosts} publishes TLSA records: remove or keep them matching at cutover, or DANE senders refuse mail`,
  invalid: (domain, hosts) => `malformed TLSA record for ${domain}'s MX ${hosts}`,
};

/**
 * The dns.dane verdict over every MX host: the worst host decides. A malformed record fails (DANE
 * senders cannot use it); TLSA on a host that is not Office 365 warns (it must be handled at
 * cutover); records of no use to SMTP or a failed lookup warn; no TLSA passes: DANE is optional.
 */
export function evaluateDane(domain: string, mx: DaneMxObservation): DaneVerdict {
  const name = normalise(domain);
  if (!mx.ok) {
    return { status: 'skip', state: 'no-mx', summary: `${name} has no MX host to check for DANE (${mx.failure}): ${mx.message}`, commands: [], hosts: [] };
  }
  const usable = mx.hosts.filter((host) => normalise(host.exchange) !== '');
  if (usable.length === 0) {
    return { status: 'skip', state: 'no-mx', summary: `${name} has no MX host to check for DANE (null MX or none)`, commands: [], hosts: [] };
  }
  const hosts = [...usable].sort((a, b) => a.priority - b.priority).map((observation) => judgeHost(name, observation));
  const worst = hosts.reduce((current, next) => (HOST_RANK[next.state] > HOST_RANK[current.state] ? next : current));
  const telling = hosts.filter((host) => host.state === worst.state).map((host) => host.host);
  const advice = [...new Set(hosts.flatMap((host) => (host.advice === null ? [] : [host.advice])))];
  const commands = hosts.flatMap((host) => host.commands).filter((command, index, all) => all.findIndex((other) => other.command === command.command) === index);
  return {
    status: worst.status,
    state: worst.state,
    summary: SUMMARY[worst.state](name, telling.join(', ')),
    ...(advice.length > 0 ? { advice: advice.join(' ') } : {}),
    commands,
    hosts,
  };
}
