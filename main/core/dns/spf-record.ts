import { isIP } from 'node:net';

/** SPF record syntax (RFC 7208 section 4.6 and 12): parsed strictly, since receivers answer a syntax error with permerror. */
export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface SpfMechanism {
  readonly kind: 'mechanism';
  /** The term as written. */
  readonly text: string;
  readonly qualifier: SpfQualifier;
  readonly name: SpfMechanismName;
  /** Target domain-spec of include/exists/a/mx/ptr, as written (may hold macros); null = the current domain. */
  readonly domain: string | null;
  /** Network of ip4/ip6. */
  readonly ip: string | null;
  readonly cidr4: number | null;
  readonly cidr6: number | null;
}

export interface SpfModifier {
  readonly kind: 'modifier';
  readonly text: string;
  /** Lower case. */
  readonly name: string;
  readonly value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfSyntaxError {
  readonly term: string;
  readonly reason: string;
}

export interface SpfRecord {
  readonly text: string;
  /** Terms that parsed, in order. */
  readonly terms: readonly SpfTerm[];
  /** Each makes the whole record a permerror. */
  readonly errors: readonly SpfSyntaxError[];
  /** Legal but probably not what was meant (ignored terms, unknown modifiers). */
  readonly warnings: readonly string[];
}

/** Terms that cost one of the 10 DNS lookups an SPF evaluation may make (RFC 7208 section 4.6.4). */
export const DNS_QUERYING_MECHANISMS: ReadonlySet<SpfMechanismName> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

const MECHANISMS: ReadonlySet<string> = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const QUALIFIERS: ReadonlySet<string> = new Set(['+', '-', '~', '?']);

/** A TXT string is an SPF record when it starts with exactly the version "v=spf1" (section 4.5). */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1(?: |$)/i.test(txt);
}

/** Whether a domain-spec holds macros (%{...}); such targets depend on the message and are not looked up here. */
export function hasMacro(domainSpec: string): boolean {
  return domainSpec.includes('%');
}

/** Letters a receiver expands in records; c, r and t only make sense in explanation text (RFC 7208 section 7.2). */
const RECORD_MACRO_LETTERS = 'slodiphv';
const EXPLANATION_ONLY_LETTERS = 'crt';

/** toplabel of RFC 7208 section 4.6.1 / RFC 1123: not all digits unless it holds a hyphen. */
const TOP_LABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/**
 * Checks a macro-string (RFC 7208 section 7.1) as it may appear in a record: visible ASCII, every
 * "%" starting a valid macro-expand, no letter reserved for explanation text, a nonzero digit
 * transformer. Returns a reason or null; `endsInMacro` tells whether the string ends in a macro-expand.
 */
export function macroStringProblem(text: string): { readonly problem: string | null; readonly endsInMacro: boolean } {
  if (/[^\x21-\x7e]/.test(text)) return { problem: 'it holds spaces or non-ASCII characters', endsInMacro: false };
  let endsInMacro = false;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      endsInMacro = false;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      endsInMacro = true;
      i += 2;
      continue;
    }
    const macro = next === '{' ? /^%\{([a-z])(\d*)(r?)([.\-+,/_=]*)\}/i.exec(text.slice(i)) : null;
    if (macro === null) return { problem: 'a "%" that does not start a valid macro (write %% for a literal percent sign)', endsInMacro: false };
    const letter = (macro[1] ?? '').toLowerCase();
    if (EXPLANATION_ONLY_LETTERS.includes(letter)) {
      return { problem: `the macro %{${macro[1] ?? ''}} is allowed only in explanation text, not in the record`, endsInMacro: false };
    }
    if (!RECORD_MACRO_LETTERS.includes(letter)) return { problem: `%{${macro[1] ?? ''}} is not a macro letter (s, l, o, d, i, p, h or v)`, endsInMacro: false };
    if (macro[2] !== undefined && macro[2] !== '' && Number(macro[2]) === 0) return { problem: `${macro[0]}: the digit transformer must not be zero`, endsInMacro: false };
    endsInMacro = true;
    i += macro[0].length;
  }
  return { problem: null, endsInMacro };
}

/** Validates a domain-spec (macro-string domain-end, RFC 7208 section 7.1); returns a reason or null. */
export function domainSpecProblem(spec: string): string | null {
  if (spec === '') return 'the domain is empty';
  const macro = macroStringProblem(spec);
  if (macro.problem !== null) return `the domain is not valid: ${macro.problem}`;
  if (macro.endsInMacro) return null;
  const name = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const labels = name.split('.');
  if (labels.length < 2) return `"${spec}" is not a fully qualified domain name`;
  if (!hasMacro(spec) && labels.some((label) => label.length === 0 || label.length > 63)) return `"${spec}" has an empty or over-long label`;
  if (!TOP_LABEL.test(labels[labels.length - 1] ?? '')) return `"${spec}" does not end in a valid top-level label`;
  return null;
}

function cidr(value: string | undefined, max: number): number | null | 'invalid' {
  if (value === undefined) return null;
  if (!/^(?:0|[1-9]\d*)$/.test(value)) return 'invalid';
  const length = Number(value);
  return length > max ? 'invalid' : length;
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

type ParsedTerm = { readonly term: SpfTerm } | { readonly error: string };

function parseModifier(text: string, name: string, value: string): ParsedTerm {
  if (name === 'redirect' || name === 'exp') {
    const problem = domainSpecProblem(value);
    if (problem !== null) return { error: `${name}= needs a valid domain: ${problem}` };
  } else {
    // Receivers ignore unknown modifiers, but their value must still be a macro-string (RFC 7208 section 6).
    const { problem } = macroStringProblem(value);
    if (problem !== null) return { error: `${name}= value is not valid: ${problem}` };
  }
  return { term: { kind: 'modifier', text, name, value } };
}

function parseMechanism(text: string): ParsedTerm {
  let rest = text;
  let qualifier: SpfQualifier = '+';
  const first = rest.charAt(0);
  if (QUALIFIERS.has(first)) {
    qualifier = first as SpfQualifier;
    rest = rest.slice(1);
  }
  if (!/^[a-z]/i.test(rest)) return { error: `bad qualifier "${text.charAt(0)}": only +, -, ~ and ? may precede a mechanism` };
  const match = /^([a-z][a-z0-9_-]*)(.*)$/i.exec(rest);
  const name = (match?.[1] ?? '').toLowerCase();
  const tail = match?.[2] ?? '';
  if (!MECHANISMS.has(name)) return { error: `unknown mechanism "${name}"` };
  const mechanism = name as SpfMechanismName;
  const base = { kind: 'mechanism', text, qualifier, name: mechanism, domain: null, ip: null, cidr4: null, cidr6: null } as const;
  switch (mechanism) {
    case 'all':
      return tail === '' ? { term: base } : { error: '"all" takes no argument' };
    case 'include':
    case 'exists': {
      if (!tail.startsWith(':')) return { error: `${mechanism} needs a domain, as in ${mechanism}:example.com` };
      const domain = tail.slice(1);
      const problem = domainSpecProblem(domain);
      return problem === null ? { term: { ...base, domain } } : { error: `${mechanism}: ${problem}` };
    }
    case 'ptr': {
      if (tail === '') return { term: base };
      if (!tail.startsWith(':')) return { error: 'ptr takes an optional ":domain" only' };
      const domain = tail.slice(1);
      const problem = domainSpecProblem(domain);
      return problem === null ? { term: { ...base, domain } } : { error: `ptr: ${problem}` };
    }
    case 'a':
    case 'mx': {
      // A domain-spec may contain "/": only a trailing "/digits", "//digits" or both is a prefix length.
      const parts = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(tail);
      const spec = parts?.[1] ?? '';
      if (parts === null || (spec !== '' && !spec.startsWith(':'))) return { error: `${mechanism}: bad argument "${tail}" (write ${mechanism}:domain/24//64)` };
      const domain = spec === '' ? null : spec.slice(1);
      if (domain !== null) {
        const problem = domainSpecProblem(domain);
        if (problem !== null) return { error: `${mechanism}: ${problem}` };
      }
      const cidr4 = cidr(parts[2], 32);
      const cidr6 = cidr(parts[3], 128);
      if (cidr4 === 'invalid') return { error: `${mechanism}: IPv4 prefix length must be 0 to 32` };
      if (cidr6 === 'invalid') return { error: `${mechanism}: IPv6 prefix length must be 0 to 128` };
      return { term: { ...base, domain, cidr4, cidr6 } };
    }
    case 'ip4': {
      const parts = /^:([^/]*)(?:\/(.*))?$/.exec(tail);
      if (parts === null) return { error: 'ip4 needs an address, as in ip4:192.0.2.1 or ip4:192.0.2.0/24' };
      const ip = parts[1] ?? '';
      if (!isIpv4(ip)) return { error: `ip4: "${ip}" is not an IPv4 address` };
      const cidr4 = cidr(parts[2], 32);
      if (cidr4 === 'invalid') return { error: 'ip4: prefix length must be 0 to 32' };
      return { term: { ...base, ip, cidr4 } };
    }
    case 'ip6': {
      const parts = /^:([^/]*)(?:\/(.*))?$/.exec(tail);
      if (parts === null) return { error: 'ip6 needs an address, as in ip6:2001:db8::1 or ip6:2001:db8::/32' };
      const ip = parts[1] ?? '';
      // RFC 4291 text forms, including the ones that end in an embedded IPv4 address (::ffff:192.0.2.1).
      if (isIP(ip) !== 6) return { error: `ip6: "${ip}" is not an IPv6 address` };
      const cidr6 = cidr(parts[2], 128);
      if (cidr6 === 'invalid') return { error: 'ip6: prefix length must be 0 to 128' };
      return { term: { ...base, ip, cidr6 } };
    }
  }
}

/** Parses one SPF record (a TXT record for which isSpfRecord is true). */
export function parseSpf(text: string): SpfRecord {
  const errors: SpfSyntaxError[] = [];
  const warnings: string[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpfRecord(text)) {
    return { text, terms, errors: [{ term: text.split(' ')[0] ?? '', reason: 'the record must start with "v=spf1"' }], warnings };
  }
  const seen = new Set<string>();
  for (const raw of text.slice('v=spf1'.length).split(' ')) {
    if (raw === '') continue;
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
    const parsed = modifier === null ? parseMechanism(raw) : parseModifier(raw, (modifier[1] ?? '').toLowerCase(), modifier[2] ?? '');
    if ('error' in parsed) {
      errors.push({ term: raw, reason: parsed.error });
      continue;
    }
    const term = parsed.term;
    if (term.kind === 'modifier') {
      if ((term.name === 'redirect' || term.name === 'exp') && seen.has(term.name)) {
        errors.push({ term: raw, reason: `${term.name}= may appear only once` });
        continue;
      }
      if (term.name !== 'redirect' && term.name !== 'exp') {
        warnings.push(`unknown modifier "${term.name}=" is ignored by receivers (a typo?)`);
      }
      seen.add(term.name);
    }
    terms.push(term);
  }
  if (terms.some((term) => term.kind === 'mechanism' && term.name === 'ptr')) {
    warnings.push('the ptr mechanism is slow and unreliable; RFC 7208 says not to use it (use ip4/ip6 or a instead)');
  }
  const allIndex = terms.findIndex((term) => term.kind === 'mechanism' && term.name === 'all');
  if (allIndex >= 0 && terms.slice(allIndex + 1).some((term) => term.kind === 'mechanism')) {
    warnings.push('mechanisms after "all" are never reached');
  }
  if (allIndex >= 0 && terms.some((term) => term.kind === 'modifier' && term.name === 'redirect')) {
    warnings.push('redirect= is ignored because the record has "all"');
  }
  return { text, terms, errors, warnings };
}
