/**
 * MTA-STS (RFC 8461) as the dns.mta-sts check judges it, without any I/O: the `_mta-sts` TXT
 * record, the policy file, whether its `mx:` patterns cover the MX that will be live after cutover
 * (the tenant's Office 365 host), and the exact records to publish when they do not.
 */
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsAnswer } from '../ports/dns.js';

/** RFC 8461 section 3.2: the longest max_age a policy may have (about a year). */
export const MTA_STS_MAX_AGE_LIMIT = 31_557_600;
/** Below a day, an enforced policy expires between a sender's visits and protects little. */
export const MTA_STS_SHORT_MAX_AGE = 86_400;
/** What the records to publish suggest: a week, long enough to protect and short enough to change. */
export const MTA_STS_SUGGESTED_MAX_AGE = 604_800;

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export interface MtaStsRecord {
  readonly id: string;
  /** Extension fields as written, in order. */
  readonly extensions: readonly { readonly name: string; readonly value: string }[];
}

export interface RecordParse<T> {
  /** Null when the text is invalid; `errors` then says why. */
  readonly value: T | null;
  readonly errors: readonly string[];
}

/** Whether a TXT string is meant as MTA-STS at all, even if malformed (reported, not ignored). */
export function looksLikeMtaStsRecord(txt: string): boolean {
  return /^\s*v\s*=\s*stsv1/i.test(txt);
}

/** The record's extension names and values (RFC 8461 section 3.1, also RFC 8460's grammar). */
const EXTENSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXTENSION_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/**
 * Splits `v=<version>; name=value; ...` into fields, as RFC 8461 section 3.1 and RFC 8460 section
 * 3 write it: the exact version first, ";" between fields (spaces around it allowed), one optional
 * ";" at the end. Returns the fields after the version, or the errors.
 */
export function splitVersionedRecord(text: string, version: string): RecordParse<readonly { readonly name: string; readonly value: string }[]> {
  const errors: string[] = [];
  const prefix = `v=${version}`;
  if (text !== prefix && !text.startsWith(`${prefix};`)) {
    return { value: null, errors: [`the record must start with exactly "${prefix};" (case as written, no space before ";"); senders discard any other`] };
  }
  // What follows the version's ";": the fields, with spaces around each ";" and one ";" at the end allowed.
  const fields = text.slice(prefix.length + 1).split(';').map((part) => part.trim());
  if (fields.at(-1) === '') fields.pop();
  const parsed: { name: string; value: string }[] = [];
  for (const field of fields) {
    const match = /^([^=\s]+)=(.*)$/.exec(field);
    if (field === '') errors.push('an empty field (";;") is not allowed');
    else if (match === null) errors.push(`"${field}" is not a name=value field`);
    else parsed.push({ name: match[1] ?? '', value: match[2] ?? '' });
  }
  return errors.length > 0 ? { value: null, errors } : { value: parsed, errors: [] };
}

/** Whether an extension field is well formed; the known fields are checked by their parsers. */
export function extensionProblem(field: { readonly name: string; readonly value: string }): string | null {
  if (!EXTENSION_NAME.test(field.name)) return `"${field.name}" is not a valid field name (letters, digits, "_", "-", "." and at most 32 characters)`;
  if (!EXTENSION_VALUE.test(field.value)) return `the value of ${field.name}= must be printable characters without spaces, "=" or ";"`;
  return null;
}

/** Parses one `_mta-sts` TXT record (RFC 8461 section 3.1): `v=STSv1; id=<1-32 letters or digits>`. */
export function parseMtaStsRecord(text: string): RecordParse<MtaStsRecord> {
  const split = splitVersionedRecord(text, 'STSv1');
  if (split.value === null) return { value: null, errors: split.errors };
  const errors: string[] = [];
  const ids = split.value.filter((field) => field.name === 'id');
  const extensions = split.value.filter((field) => field.name !== 'id');
  const id = ids[0]?.value;
  if (id === undefined) errors.push('the required field id= is missing');
  else if (!/^[A-Za-z0-9]{1,32}$/.test(id)) errors.push(`id=${id} must be 1 to 32 letters or digits`);
  if (ids.length > 1) errors.push('id= appears more than once');
  for (const field of extensions) {
    const problem = extensionProblem(field);
    if (problem !== null) errors.push(problem);
  }
  return errors.length > 0 || id === undefined ? { value: null, errors } : { value: { id, extensions }, errors: [] };
}

export type MtaStsMode = 'enforce' | 'testing' | 'none';

export interface MtaStsPolicy {
  readonly mode: MtaStsMode;
  /** Seconds a sender may keep the policy. */
  readonly maxAge: number;
  /** The `mx:` patterns, as written (an exact host or `*.` and a domain). */
  readonly mx: readonly string[];
}

export interface PolicyParse extends RecordParse<MtaStsPolicy> {
  /** Things senders accept but that are worth fixing. */
  readonly warnings: readonly string[];
}

const MODES: ReadonlySet<string> = new Set(['enforce', 'testing', 'none']);
const KNOWN_POLICY_FIELDS = ['version', 'mode', 'max_age', 'mx'] as const;

/** A host name as RFC 5321 writes a domain: letters, digits and inner hyphens, labels of 1-63. */
function isDomainName(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 2 && labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
}

/** What is wrong with an `mx:` pattern, or null: an exact host or `*.` then a domain (RFC 8461 section 3.2). */
export function mxPatternProblem(pattern: string): string | null {
  const domain = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  return isDomainName(domain) ? null : `mx: ${pattern} is not a host name or "*." and a domain`;
}

/**
 * Parses a policy file (RFC 8461 section 3.2): `key: value` lines ending in LF or CRLF. Field names
 * are case-sensitive and unknown fields are ignored by senders, so "Mode:" is reported as not
 * being "mode:". version, mode and max_age are required once; mx at least once unless mode is none.
 */
export function parseMtaStsPolicy(text: string): PolicyParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const fields: { name: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const match = /^([^:\s]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (match === null) {
      errors.push(`"${line}" is not a "key: value" line`);
      continue;
    }
    fields.push({ name: match[1] ?? '', value: match[2] ?? '' });
  }
  for (const field of fields) {
    if ((KNOWN_POLICY_FIELDS as readonly string[]).includes(field.name)) continue;
    const known = KNOWN_POLICY_FIELDS.find((name) => name === field.name.toLowerCase());
    if (known !== undefined) errors.push(`"${field.name}:" is not "${known}:": field names are case-sensitive and senders ignore it`);
    else warnings.push(`unknown field "${field.name}" is ignored by senders`);
  }
  const single = (name: (typeof KNOWN_POLICY_FIELDS)[number]): string | undefined => {
    const found = fields.filter((field) => field.name === name);
    if (found.length > 1) errors.push(`${name}: appears ${found.length} times; it must appear once`);
    return found[0]?.value;
  };
  const version = single('version');
  if (version === undefined) errors.push('the required field "version: STSv1" is missing');
  else if (version !== 'STSv1') errors.push(`version: ${version} must be STSv1`);
  const mode = single('mode');
  if (mode === undefined) errors.push('the required field "mode:" (enforce, testing or none) is missing');
  else if (!MODES.has(mode)) errors.push(`mode: ${mode} must be enforce, testing or none (lower case)`);
  const maxAgeText = single('max_age');
  const maxAge = maxAgeText !== undefined && /^\d{1,10}$/.test(maxAgeText) ? Number(maxAgeText) : null;
  if (maxAgeText === undefined) errors.push('the required field "max_age:" is missing');
  else if (maxAge === null) errors.push(`max_age: ${maxAgeText} must be a whole number of seconds`);
  else if (maxAge > MTA_STS_MAX_AGE_LIMIT) errors.push(`max_age: ${maxAgeText} is more than the limit of ${MTA_STS_MAX_AGE_LIMIT} seconds`);
  const mx = fields.filter((field) => field.name === 'mx').map((field) => field.value);
  for (const pattern of mx) {
    const problem = mxPatternProblem(pattern);
    if (problem !== null) errors.push(problem);
  }
  if (mx.length === 0 && mode !== 'none') errors.push('there is no "mx:" line; every mode but none needs at least one');
  if (errors.length > 0 || mode === undefined || !MODES.has(mode) || maxAge === null) return { value: null, errors, warnings };
  return { value: { mode: mode as MtaStsMode, maxAge, mx }, errors: [], warnings };
}

/**
 * Whether an `mx:` pattern matches an MX host (RFC 8461 section 4.1): case-insensitive; a `*.`
 * pattern matches exactly one leftmost label, so `*.mx.microsoft` does not match
 * `contoso-com.e-v1.mx.microsoft` (two labels deeper) nor `mx.microsoft` itself.
 */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const name = normalise(host);
  const wanted = normalise(pattern);
  if (!wanted.startsWith('*.')) return name === wanted;
  const suffix = wanted.slice(1);
  if (!name.endsWith(suffix)) return false;
  const label = name.slice(0, name.length - suffix.length);
  return label !== '' && !label.includes('.');
}

/** The first pattern that matches the host, or null. */
export function matchingPattern(patterns: readonly string[], host: string): string | null {
  return patterns.find((pattern) => mxPatternMatches(pattern, host)) ?? null;
}

/**
 * The pattern to publish for an MX host: a wildcard over its parent for an Office 365 host (the
 * tenant part is its first label, `*.mail.protection.outlook.com` or `*.e-v1.mx.microsoft`), the
 * exact name for any other host.
 */
export function patternFor(host: string): string {
  const name = normalise(host);
  const office365 = name.endsWith('.mail.protection.outlook.com') || name.endsWith('.mx.microsoft');
  const parent = name.slice(name.indexOf('.') + 1);
  return office365 && parent.includes('.') ? `*.${parent}` : name;
}

/** A policy file in the order RFC 8461 shows it, LF line ends. */
export function policyText(policy: MtaStsPolicy): string {
  return ['version: STSv1', `mode: ${policy.mode}`, ...policy.mx.map((pattern) => `mx: ${pattern}`), `max_age: ${policy.maxAge}`, ''].join('\n');
}

export type MtaStsState =
  | 'absent'
  | 'lookup-failed'
  | 'multiple'
  | 'invalid-record'
  | 'unreachable'
  | 'http-error'
  | 'invalid-policy'
  | 'mode-none'
  | 'testing-uncovered'
  | 'testing'
  | 'enforce-uncovered'
  | 'enforce';

/** What the HTTPS GET of the policy brought back (the transport's own failures are `unreachable`). */
export type PolicyFetchObservation =
  | { readonly ok: true; readonly status: number; readonly contentType: string | null; readonly location: string | null; readonly body: string }
  | { readonly ok: false; readonly message: string };

export interface MtaStsInput {
  readonly domain: string;
  /** The TXT answer at `_mta-sts.<domain>`. */
  readonly txt: DnsAnswer<string>;
  /** The policy fetch; null when the record did not call for one (absent, invalid, lookup failed). */
  readonly fetch: PolicyFetchObservation | null;
  /** The tenant's Office 365 MX host for the domain: what the MX will be after cutover. */
  readonly postCutoverMx: string;
  /** The MX hosts published now (null when they could not be read): kept covered until cutover. */
  readonly currentMx: readonly string[] | null;
  /** A fresh id for a record to publish (1-32 letters or digits, e.g. the date and time). */
  readonly newId: string;
}

export interface MtaStsVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly state: MtaStsState;
  readonly summary: string;
  readonly advice?: string;
  /** The MTA-STS TXT records found (meant as MTA-STS, valid or not). */
  readonly records: readonly string[];
  readonly id: string | null;
  readonly policy: MtaStsPolicy | null;
  /** The pattern that covers the post-cutover MX; null when none does (or there is no policy). */
  readonly matchedPattern: string | null;
  /** The current MX hosts an enforced policy leaves out (mail to them is refused by MTA-STS senders now). */
  readonly uncoveredCurrentMx: readonly string[];
  /** The TXT record to publish at `_mta-sts.<domain>` (with a new id when the policy must change). */
  readonly recordToPublish: string;
  /** The policy file to serve at the policy URL; null when the published one is right as it is. */
  readonly policyToPublish: string | null;
}

/**
 * Whether a TXT answer makes senders fetch a policy: exactly one record beginning "v=STSv1;", and
 * valid (RFC 8461 section 3.1). Anything else is judged by evaluateMtaSts without a fetch.
 */
export function announcesPolicy(answer: DnsAnswer<string>): boolean {
  const valid = answer.ok ? answer.records.filter((text) => text.startsWith('v=STSv1;')) : [];
  return valid.length === 1 && valid[0] !== undefined && parseMtaStsRecord(valid[0]).value !== null;
}

/** The URL a sender fetches the policy from (RFC 8461 section 3.3). */
export function policyUrl(domain: string): string {
  return `https://mta-sts.${normalise(domain)}/.well-known/mta-sts.txt`;
}

/**
 * The dns.mta-sts verdict. MTA-STS is optional, so a missing one warns with what to publish; what
 * fails is what makes mail refused or the policy unusable: an enforced policy that does not cover
 * the post-cutover MX (or a current one), several or broken records, a policy senders cannot fetch.
 */
export function evaluateMtaSts(input: MtaStsInput): MtaStsVerdict {
  const domain = normalise(input.domain);
  const name = `_mta-sts.${domain}`;
  const url = policyUrl(domain);
  const target = normalise(input.postCutoverMx);
  const targetPattern = patternFor(target);
  const current = (input.currentMx ?? []).map(normalise).filter((host) => host !== '' && matchingPattern([targetPattern], host) === null);
  const freshTxt = `v=STSv1; id=${input.newId}`;
  const recordToPublish = `${name}. IN TXT "${freshTxt}"`;
  const starterPolicy = policyText({ mode: 'testing', maxAge: MTA_STS_SUGGESTED_MAX_AGE, mx: [...current.map(patternFor), targetPattern] });
  const keepCurrent = current.length > 0 ? ` Until cutover the policy also names today's MX (${current.join(', ')}); remove those lines after cutover and change the id again.` : '';
  const starterAdvice = `To publish MTA-STS, serve this policy at ${url} (HTTPS with a certificate for mta-sts.${domain}, Content-Type text/plain):\n${starterPolicy}and publish the TXT record ${recordToPublish}. Start in mode testing; once the TLS reports are clean, change mode to enforce and the id.${keepCurrent}`;
  const base = { records: [] as readonly string[], id: null, policy: null, matchedPattern: null, uncoveredCurrentMx: [] as readonly string[], recordToPublish };

  if (!input.txt.ok && input.txt.failure !== 'NXDOMAIN' && input.txt.failure !== 'NODATA') {
    return { ...base, status: 'fail', state: 'lookup-failed', summary: `could not read ${name} (${input.txt.failure}): ${input.txt.message}`, advice: `Make the domain's DNS servers answer for ${name}; senders that cannot read it skip MTA-STS.`, policyToPublish: starterPolicy };
  }
  const candidates = input.txt.ok ? input.txt.records.filter(looksLikeMtaStsRecord) : [];
  if (candidates.length === 0) {
    const why = input.txt.ok ? 'has TXT records but none is MTA-STS' : `does not exist (${input.txt.failure})`;
    return { ...base, status: 'warn', state: 'absent', summary: `MTA-STS is not published: ${name} ${why}`, advice: starterAdvice, policyToPublish: starterPolicy };
  }
  const valid = candidates.filter((text) => text.startsWith('v=STSv1;'));
  if (valid.length > 1) {
    return { ...base, records: candidates, status: 'fail', state: 'multiple', summary: `${name} has ${valid.length} MTA-STS records; senders then ignore MTA-STS for ${domain}`, advice: `Keep exactly one TXT record at ${name}: ${freshTxt}`, policyToPublish: null };
  }
  const text = valid[0] ?? candidates[0] ?? '';
  const record = parseMtaStsRecord(text);
  if (record.value === null) {
    return { ...base, records: candidates, status: 'fail', state: 'invalid-record', summary: `the MTA-STS record at ${name} is invalid: ${record.errors.join('; ')}; senders ignore MTA-STS for ${domain}`, advice: `Replace it with: ${freshTxt}`, policyToPublish: null };
  }
  const found = { ...base, records: candidates, id: record.value.id };
  const fetched = input.fetch;
  if (fetched === null || !fetched.ok) {
    const why = fetched === null ? 'it was not fetched' : fetched.message;
    return { ...found, status: 'fail', state: 'unreachable', summary: `${name} announces a policy, but ${url} could not be fetched: ${why}`, advice: `Senders fetch the policy over HTTPS with a certificate valid for mta-sts.${domain} from a public CA. Serve it there, or remove the TXT record to withdraw MTA-STS. The policy for after cutover:\n${starterPolicy}`, policyToPublish: starterPolicy };
  }
  const httpProblem = responseProblem(fetched);
  if (httpProblem !== null) {
    return { ...found, status: 'fail', state: 'http-error', summary: `${url} did not serve a policy senders accept: ${httpProblem}`, advice: `Serve the policy at exactly ${url} with status 200 and Content-Type text/plain, without a redirect.`, policyToPublish: starterPolicy };
  }
  const parsed = parseMtaStsPolicy(fetched.body);
  if (parsed.value === null) {
    return { ...found, status: 'fail', state: 'invalid-policy', summary: `the policy at ${url} is invalid: ${parsed.errors.join('; ')}; senders ignore it`, advice: `Serve this policy instead:\n${starterPolicy}then change the id so senders fetch it again: ${recordToPublish}`, policyToPublish: starterPolicy };
  }
  return judgePolicy(domain, { ...found, policy: parsed.value }, parsed.warnings, target, input.currentMx ?? []);
}

/** Why a fetched answer is not a policy senders use (RFC 8461 section 3.3), or null. */
function responseProblem(fetched: Extract<PolicyFetchObservation, { ok: true }>): string | null {
  if (fetched.status >= 300 && fetched.status < 400) {
    return `HTTP ${fetched.status} redirects${fetched.location === null ? '' : ` to ${fetched.location}`}, and senders never follow redirects`;
  }
  if (fetched.status !== 200) return `HTTP ${fetched.status} instead of 200`;
  const mediaType = (fetched.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'text/plain') return `Content-Type ${fetched.contentType ?? '(none)'} instead of text/plain`;
  return null;
}

function judgePolicy(
  domain: string,
  found: Omit<MtaStsVerdict, 'status' | 'state' | 'summary' | 'advice' | 'policyToPublish' | 'policy'> & { readonly policy: MtaStsPolicy },
  warnings: readonly string[],
  target: string,
  currentMx: readonly string[],
): MtaStsVerdict {
  const { policy } = found;
  const matched = matchingPattern(policy.mx, target);
  const uncoveredCurrent = currentMx.map(normalise).filter((host) => host !== '' && matchingPattern(policy.mx, host) === null);
  const notes = [...warnings.map((warning) => `Note: ${warning}.`)];
  const described = `mode ${policy.mode}, max_age ${policy.maxAge}, mx ${policy.mx.join(', ') || '(none)'}`;
  const corrected = (mx: readonly string[]): string => policyText({ ...policy, mx: [...new Set(mx)] });
  const withTarget = corrected([...policy.mx, ...uncoveredCurrent.map(patternFor), patternFor(target)]);
  const changeId = `then change the id so senders fetch it again: ${found.recordToPublish}`;
  const result = { ...found, matchedPattern: matched, uncoveredCurrentMx: uncoveredCurrent };
  if (policy.mode === 'none') {
    const testing = policyText({ mode: 'testing', maxAge: MTA_STS_SUGGESTED_MAX_AGE, mx: [...new Set([...policy.mx, ...uncoveredCurrent.map(patternFor), patternFor(target)])] });
    return { ...result, status: 'warn', state: 'mode-none', summary: `the MTA-STS policy of ${domain} has mode none: senders apply nothing (${described})`, advice: ['Mode none withdraws MTA-STS. To protect the domain, serve the policy in mode testing, then enforce:', testing, changeId, ...notes].join('\n'), policyToPublish: testing };
  }
  const lineNeeded = `mx: ${patternFor(target)}`;
  if (policy.mode === 'enforce' && (matched === null || uncoveredCurrent.length > 0)) {
    const whom = matched === null ? `the MX after cutover, ${target}` : `today's MX ${uncoveredCurrent.join(', ')}`;
    const when = matched === null ? 'after cutover' : 'now';
    return {
      ...result,
      status: 'fail',
      state: 'enforce-uncovered',
      summary: `the enforced MTA-STS policy of ${domain} does not cover ${whom} (${described}): senders that apply MTA-STS will refuse to deliver ${when}`,
      advice: [`Add ${matched === null ? `the line "${lineNeeded}"` : uncoveredCurrent.map((host) => `"mx: ${patternFor(host)}"`).join(' and ')} (a "*." pattern matches one label only), so the policy reads:`, withTarget, changeId, ...notes].join('\n'),
      policyToPublish: withTarget,
    };
  }
  if (matched === null) {
    return { ...result, status: 'warn', state: 'testing-uncovered', summary: `the MTA-STS policy of ${domain} (testing) does not cover the MX after cutover, ${target} (${described}): TLS reports will show failures and enforce would refuse mail`, advice: [`Add the line "${lineNeeded}" (a "*." pattern matches one label only):`, withTarget, changeId, ...notes].join('\n'), policyToPublish: withTarget };
  }
  if (policy.mode === 'testing') {
    const enforced = policyText({ ...policy, mode: 'enforce' });
    return { ...result, status: 'pass', state: 'testing', summary: `the MTA-STS policy of ${domain} covers ${target} with ${matched}, in mode testing (${described})`, advice: ['Testing only reports. Once the TLS reports are clean, enforce:', enforced, changeId, ...notes].join('\n'), policyToPublish: null };
  }
  if (policy.maxAge < MTA_STS_SHORT_MAX_AGE) {
    const longer = policyText({ ...policy, maxAge: MTA_STS_SUGGESTED_MAX_AGE });
    return { ...result, status: 'warn', state: 'enforce', summary: `the enforced MTA-STS policy of ${domain} covers ${target} with ${matched}, but max_age ${policy.maxAge} is under a day: senders forget it between visits`, advice: ['Raise max_age (a week is usual):', longer, changeId, ...notes].join('\n'), policyToPublish: longer };
  }
  return { ...result, status: 'pass', state: 'enforce', summary: `the enforced MTA-STS policy of ${domain} covers ${target} with ${matched} (${described})`, ...(notes.length > 0 ? { advice: notes.join(' ') } : {}), policyToPublish: null };
}
