/**
 * Every problem of the engagement details form, per field and all at once, in plain words: the
 * same validators the core applies (so what passes here is saved there), with the mistakes people
 * really make named first (a port in the host name, a URL, an email address where a domain goes).
 */
import { LIMITS, parseDomain, parseEmail, parseHost } from '../../../../preload/contract';

export const DETAILS_FIELDS = ['name', 'domains', 'smartHosts', 'testAddresses', 'notes'] as const;
export type DetailsField = (typeof DETAILS_FIELDS)[number];

/** The form as typed: the lists one per line (or separated by commas or spaces). */
export interface DetailsDraft {
  readonly name: string;
  readonly domains: string;
  readonly smartHosts: string;
  readonly testAddresses: string;
  readonly notes: string;
}

export type DetailsProblems = Readonly<Record<DetailsField, readonly string[]>>;

/** Splits a list typed one per line or separated by commas or spaces. */
export const splitList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

const lower = (value: string): string => value.toLowerCase();

function duplicates(items: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const item of items) (seen.has(lower(item)) ? twice : seen).add(lower(item));
  return [...twice].map((item) => `${item} is listed twice: keep one ${what}.`);
}

function tooMany(items: readonly string[], limit: number, what: string): string[] {
  return items.length > limit ? [`At most ${String(limit)} ${what}; there are ${String(items.length)}.`] : [];
}

/** What a person meant when a domain or host looks like something else, or null. */
function misplaced(item: string, what: 'domain' | 'host'): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item)) return `${item} is a web address: enter only the ${what === 'domain' ? 'domain' : 'server name'}, without ${item.slice(0, item.indexOf('//') + 2)}.`;
  if (item.includes('@')) {
    const after = item.slice(item.lastIndexOf('@') + 1);
    return what === 'domain' ? `${item} is an email address: enter only the domain (${after}).` : `${item} is an email address: enter your server’s name, such as mail.${after}.`;
  }
  const port = /^([^:[\]]+):(\d{1,5})$/.exec(item);
  if (port !== null) {
    return what === 'host'
      ? `${item}: a port goes in Check settings (SMTP port of the smart host), not in the host name. Enter ${port[1] ?? item} here.`
      : `${item}: a domain has no port. Enter ${port[1] ?? item}.`;
  }
  return null;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Each item checked with the core's own parser after the common mistakes, then duplicates and the count. */
function listProblems(items: readonly string[], kind: 'domain' | 'host', parse: (item: string) => { readonly ok: boolean; readonly error?: string }): string[] {
  const what = kind === 'domain' ? 'domain' : 'smart host';
  return [
    ...items.flatMap((item) => {
      const hint = misplaced(item, kind);
      if (hint !== null) return [hint];
      const parsed = parse(item);
      return parsed.ok ? [] : [`${capitalise(parsed.error ?? `${item} is not valid`)}.`];
    }),
    ...duplicates(items, what),
    ...tooMany(items, kind === 'domain' ? LIMITS.domains : LIMITS.smartHosts, `${what}s`),
  ];
}

function addressProblems(items: readonly string[], domains: readonly string[]): string[] {
  const known = new Set(domains.flatMap((domain) => {
    const parsed = parseDomain(domain);
    return parsed.ok ? [parsed.value] : [];
  }));
  return [
    ...items.flatMap((item) => {
      const parsed = parseEmail(item);
      if (!parsed.ok) return [`${capitalise(parsed.error)}.`];
      const domain = lower(parsed.value.slice(parsed.value.lastIndexOf('@') + 1));
      return known.size > 0 && !known.has(domain) ? [`${item} is not in one of the email domains above: Office 365’s validation sends only to addresses in them.`] : [];
    }),
    ...duplicates(items, 'address'),
    ...tooMany(items, LIMITS.testAddresses, 'test addresses'),
  ];
}

export function detailsProblems(draft: DetailsDraft): DetailsProblems {
  const name = draft.name.trim();
  const domains = splitList(draft.domains);
  return {
    name: name === '' ? ['Give the engagement a name, for example the customer’s.'] : name.length > LIMITS.engagementName ? [`Keep the name under ${String(LIMITS.engagementName)} characters.`] : [],
    domains: listProblems(domains, 'domain', (item) => parseDomain(item)),
    smartHosts: listProblems(splitList(draft.smartHosts), 'host', parseHost),
    testAddresses: addressProblems(splitList(draft.testAddresses), domains),
    notes: draft.notes.length > LIMITS.notes ? [`Keep notes under ${LIMITS.notes.toLocaleString('en')} characters.`] : [],
  };
}

export const hasProblems = (problems: DetailsProblems): boolean => DETAILS_FIELDS.some((field) => problems[field].length > 0);
