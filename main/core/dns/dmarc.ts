import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsAnswer } from '../ports/dns.js';

/** DMARC records (RFC 7489 section 6.3): parsed so that a broken record is told apart from a missing one. */
export type DmarcPolicyValue = 'none' | 'quarantine' | 'reject';
export type DmarcAlignment = 'r' | 's';

export interface DmarcPolicy {
  readonly p: DmarcPolicyValue;
  /** Policy for subdomains; defaults to p. */
  readonly sp: DmarcPolicyValue;
  readonly pct: number;
  readonly rua: readonly string[];
  readonly ruf: readonly string[];
  readonly adkim: DmarcAlignment;
  readonly aspf: DmarcAlignment;
}

export interface DmarcParse {
  /** Null when the record is invalid. */
  readonly policy: DmarcPolicy | null;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Tags as written (lower-case names), valid or not, for the corrected record. */
  readonly tags: readonly { readonly name: string; readonly value: string }[];
  /** What a receiver does with this record (RFC 7489 sections 6.3 and 6.6.3). */
  readonly effect: DmarcEffect;
}

/**
 * policy: receivers apply p (bad optional tags fall back to their defaults); as-none: no valid p
 * (or an invalid sp) but a valid rua, so receivers act as if it said p=none; ignored: receivers
 * apply no DMARC at all.
 */
export type DmarcEffect = 'policy' | 'as-none' | 'ignored';

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
const KNOWN_TAGS: ReadonlySet<string> = new Set(['v', 'p', 'sp', 'pct', 'rua', 'ruf', 'adkim', 'aspf', 'fo', 'rf', 'ri']);

/** Whether a TXT string is meant as DMARC at all, even if malformed (so it is reported rather than ignored). */
export function looksLikeDmarc(txt: string): boolean {
  return /v\s*=\s*dmarc/i.test(txt);
}

/** A DMARC record starts with exactly "v=DMARC1" (spaces around "=" allowed). */
export function isDmarcRecord(txt: string): boolean {
  return /^v\s*=\s*DMARC1\s*(?:;|$)/.test(txt.trimStart());
}

function uriProblem(uri: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):([^\s!]+)(?:!\d+[kmgt]?)?$/i.exec(uri);
  if (match === null) return `"${uri}" is not a URI (write mailto:reports@example.com)`;
  if ((match[1] ?? '').toLowerCase() === 'mailto' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(match[2] ?? '')) {
    return `"${uri}" is not a valid mailto: address`;
  }
  return null;
}

function uris(name: string, value: string, errors: string[]): readonly string[] {
  const list = value.split(',').map((item) => item.trim());
  for (const uri of list) {
    const problem = uriProblem(uri);
    if (problem !== null) errors.push(`${name}: ${problem}`);
  }
  return list;
}

/** Parses one DMARC TXT record. */
export function parseDmarc(text: string): DmarcParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const tags: { name: string; value: string }[] = [];
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const match = /^([a-z0-9]+)\s*=\s*(.*)$/i.exec(trimmed);
    if (match === null) {
      errors.push(`"${trimmed}" is not a tag=value pair`);
      continue;
    }
    const name = (match[1] ?? '').toLowerCase();
    if (tags.some((tag) => tag.name === name)) errors.push(`tag "${name}" appears twice`);
    tags.push({ name, value: (match[2] ?? '').trim() });
  }
  const first = tags[0];
  if (first?.name !== 'v' || first.value !== 'DMARC1') errors.push('the record must start with "v=DMARC1" (upper case, first tag)');
  const value = (name: string): string | undefined => tags.find((tag) => tag.name === name)?.value;

  const p = value('p')?.toLowerCase();
  if (p === undefined) errors.push('the required tag p= (none, quarantine or reject) is missing');
  else if (!POLICIES.has(p)) errors.push(`p=${p} is not none, quarantine or reject`);
  else if (tags[1]?.name !== 'p') warnings.push('p= should directly follow v=DMARC1');
  const sp = value('sp')?.toLowerCase();
  if (sp !== undefined && !POLICIES.has(sp)) errors.push(`sp=${sp} is not none, quarantine or reject`);
  const pctText = value('pct');
  const pct = pctText === undefined ? 100 : /^\d{1,3}$/.test(pctText) ? Number(pctText) : Number.NaN;
  if (Number.isNaN(pct) || pct > 100) errors.push(`pct=${pctText ?? ''} must be a whole number from 0 to 100`);
  const alignment = (name: 'adkim' | 'aspf'): DmarcAlignment => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined || raw === 'r') return 'r';
    if (raw === 's') return 's';
    errors.push(`${name}=${raw} must be r (relaxed) or s (strict)`);
    return 'r';
  };
  const adkim = alignment('adkim');
  const aspf = alignment('aspf');
  const ruaText = value('rua');
  const rufText = value('ruf');
  const rua = ruaText === undefined ? [] : uris('rua', ruaText, errors);
  const ruf = rufText === undefined ? [] : uris('ruf', rufText, errors);
  const fo = value('fo');
  if (fo !== undefined && !/^[01ds](?::[01ds])*$/i.test(fo)) errors.push(`fo=${fo} must be 0, 1, d or s, separated by ":"`);
  const ri = value('ri');
  if (ri !== undefined && !/^\d+$/.test(ri)) errors.push(`ri=${ri} must be a number of seconds`);
  for (const tag of tags) {
    if (!KNOWN_TAGS.has(tag.name)) warnings.push(`unknown tag "${tag.name}" is ignored by receivers`);
  }
  const versionValid = first?.name === 'v' && first.value === 'DMARC1';
  const policyValid = p !== undefined && POLICIES.has(p) && (sp === undefined || POLICIES.has(sp));
  const validRua = rua.filter((uri) => uriProblem(uri) === null);
  const effect: DmarcEffect = !versionValid ? 'ignored' : policyValid ? 'policy' : validRua.length > 0 ? 'as-none' : 'ignored';
  const valid = errors.length === 0 && p !== undefined && POLICIES.has(p);
  const policy: DmarcPolicy | null = valid
    ? { p: p as DmarcPolicyValue, sp: (sp ?? p) as DmarcPolicyValue, pct, rua, ruf, adkim, aspf }
    : null;
  return { policy, errors, warnings, tags, effect };
}

export type DmarcState = 'valid' | 'absent' | 'invalid' | 'multiple' | 'lookup-failed';

export interface DmarcVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly state: DmarcState;
  readonly summary: string;
  readonly advice?: string;
  readonly records: readonly string[];
  readonly policy: DmarcPolicy | null;
  /** What receivers do with the published record; 'ignored' when there is none they can use. */
  readonly effect: DmarcEffect;
  /** The TXT record to publish at _dmarc.<domain>: the fix, or the next stage of a valid one. */
  readonly recordToPublish: string;
}

/** What receivers do with an invalid record, in the words of RFC 7489 sections 6.3 and 6.6.3. */
const EFFECT_TEXT: Readonly<Record<DmarcEffect, (p: string | undefined) => string>> = {
  policy: (p) => `Receivers still apply p=${p ?? ''} and use the defaults for the tags in error.`,
  'as-none': () => 'It has no valid p= (or an invalid sp=) but a valid rua=, so receivers act as if it said p=none: they send reports but neither quarantine nor reject failing mail.',
  ignored: () => 'Receivers apply no DMARC to this domain\'s mail at all: no policy and no reports.',
};

function serialise(p: DmarcPolicyValue, rest: readonly { readonly name: string; readonly value: string }[]): string {
  return ['v=DMARC1', `p=${p}`, ...rest.map((tag) => `${tag.name}=${tag.value}`)].join('; ');
}

/**
 * The dns.dmarc verdict from the TXT answer at _dmarc.<domain>. Advice follows the usual path:
 * p=none with reports (rua) first, then quarantine, then reject once the reports are clean.
 */
export function evaluateDmarc(domain: string, answer: DnsAnswer<string>): DmarcVerdict {
  const name = `_dmarc.${domain.toLowerCase().replace(/\.$/, '')}`;
  const starter = `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain.toLowerCase().replace(/\.$/, '')}`;
  const starterAdvice = `Publish a TXT record at ${name}: ${starter} (the rua mailbox receives daily reports: create it or use your own). When the reports show all legitimate mail passing, move to p=quarantine, then p=reject.`;
  if (!answer.ok && answer.failure !== 'NXDOMAIN' && answer.failure !== 'NODATA') {
    return { status: 'fail', state: 'lookup-failed', summary: `could not read ${name} (${answer.failure}): ${answer.message}`, advice: `Make the domain's DNS servers answer. ${starterAdvice}`, records: [], policy: null, effect: 'ignored', recordToPublish: starter };
  }
  const candidates = answer.ok ? answer.records.filter(looksLikeDmarc) : [];
  if (candidates.length === 0) {
    const why = answer.ok ? 'has TXT records but none is DMARC' : `does not exist (${answer.failure})`;
    return { status: 'warn', state: 'absent', summary: `no DMARC record: ${name} ${why}`, advice: starterAdvice, records: [], policy: null, effect: 'ignored', recordToPublish: starter };
  }
  const records = candidates.filter(isDmarcRecord);
  if (records.length > 1) {
    return { status: 'fail', state: 'multiple', summary: `${name} has ${records.length} DMARC records; receivers then apply none of them`, advice: `Keep exactly one TXT record at ${name}, e.g. ${starter}`, records: candidates, policy: null, effect: 'ignored', recordToPublish: starter };
  }
  const text = records[0] ?? candidates[0] ?? '';
  const parsed = parseDmarc(text);
  if (parsed.policy === null) {
    const pTag = parsed.tags.find((tag) => tag.name === 'p')?.value.toLowerCase();
    // Each valid tag once (the first, as written): a repeated tag is itself an error.
    const keep = parsed.tags.filter((tag, index) => tag.name !== 'v' && tag.name !== 'p' && parsed.tags.findIndex((other) => other.name === tag.name) === index && parseDmarc(`v=DMARC1; p=none; ${tag.name}=${tag.value}`).errors.length === 0);
    const withRua = keep.some((tag) => tag.name === 'rua') ? keep : [...keep, { name: 'rua', value: `mailto:dmarc-reports@${domain.toLowerCase()}` }];
    const fixed = serialise(pTag !== undefined && POLICIES.has(pTag) ? (pTag as DmarcPolicyValue) : 'none', withRua);
    return {
      status: 'fail',
      state: 'invalid',
      summary: `the DMARC record at ${name} is invalid: ${parsed.errors.join('; ')}. ${EFFECT_TEXT[parsed.effect](pTag)}`,
      advice: `Replace it with: ${fixed}`,
      records: candidates,
      policy: null,
      effect: parsed.effect,
      recordToPublish: fixed,
    };
  }
  const policy = parsed.policy;
  const notes: string[] = [...parsed.warnings];
  const rest = parsed.tags.filter((tag) => tag.name !== 'v' && tag.name !== 'p');
  let next = text;
  if (policy.rua.length === 0) notes.push(`Add rua=mailto:dmarc-reports@${domain.toLowerCase()} (or your own mailbox) to receive reports.`);
  if (policy.p === 'none') {
    next = serialise('quarantine', rest);
    notes.push(`p=none only monitors. When the reports show all legitimate mail passing (Office 365 included), publish: ${next}`);
  } else if (policy.p === 'quarantine') {
    next = serialise('reject', rest);
    notes.push(`Once the reports stay clean, finish with: ${next}`);
  }
  if (policy.pct < 100) notes.push(`pct=${policy.pct}: the policy applies to only part of the failing mail.`);
  return {
    status: 'pass',
    state: 'valid',
    summary: `${name} has a valid DMARC record (p=${policy.p}${policy.sp !== policy.p ? `, sp=${policy.sp}` : ''}, pct=${policy.pct}, ${policy.rua.length > 0 ? 'reports to ' + policy.rua.join(', ') : 'no reports'})`,
    ...(notes.length > 0 ? { advice: notes.join(' ') } : {}),
    records: [text],
    policy,
    effect: 'policy',
    recordToPublish: next,
  };
}
