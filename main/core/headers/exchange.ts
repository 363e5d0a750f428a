/**
 * Exchange Online and Exchange Server headers, explained. These say how Office 365 classified a
 * message (internal, anonymous, from your on-premises organisation), which matters for connectors:
 * mail from your server that arrives as "Anonymous" did not match the inbound connector.
 */
import { nameIs, nameStartsWith } from './header-block.js';
import type { HeaderField } from './header-block.js';

export interface ExchangeHeader {
  readonly name: string;
  readonly value: string;
  /** What the header is, and what this value means, in plain words. */
  readonly explanation: string;
}

export interface ForefrontReport {
  /** Every key:value pair as written, e.g. { CIP: "198.51.100.7", SFV: "NSPM" }. */
  readonly fields: Readonly<Record<string, string>>;
  readonly explanations: readonly string[];
}

const AUTH_AS: Readonly<Record<string, string>> = {
  internal: 'treated as mail from inside your organisation (a mailbox in the tenant, or a connector that trusts your on-premises server)',
  anonymous: 'treated as anonymous Internet mail: it was not attributed to your organisation by a connector or a signed-in sender',
  partner: 'attributed to a partner organisation through a Partner connector',
  external: 'treated as mail from an external, authenticated source',
};

const FROM_ENTITY: Readonly<Record<string, string>> = {
  internet: 'the message entered Office 365 from the Internet',
  hosted: 'the message was sent by a mailbox hosted in Office 365',
  hybridonprem: 'the message came from your on-premises server through a connector (hybrid)',
};

const SCL: ReadonlyArray<readonly [number, number, string]> = [
  [-1, -1, 'filtering skipped: the sender is trusted (internal, a safe sender or a mail flow rule)'],
  [0, 1, 'not spam'],
  [2, 4, 'not spam (rarely used values)'],
  [5, 6, 'spam: delivered to Junk Email or quarantined by policy'],
  [7, 8, 'spam (rarely used values)'],
  [9, 9, 'high confidence spam'],
];

function explainScl(value: string): string {
  const scl = Number.parseInt(value, 10);
  const band = SCL.find(([low, high]) => scl >= low && scl <= high);
  return `spam confidence level ${value}: ${band?.[2] ?? 'unrecognised value'}`;
}

function lookup(table: Readonly<Record<string, string>>, value: string): string {
  return table[value.trim().toLowerCase()] ?? `value "${value}" not recognised`;
}

/** Explanations by lower-case header name (or prefix ending in "-"). */
const EXPLAIN: ReadonlyArray<readonly [string, (value: string) => string]> = [
  ['x-ms-exchange-organization-authas', (v) => `how Exchange authenticated the sender: ${lookup(AUTH_AS, v)}`],
  ['x-ms-exchange-crosstenant-authas', (v) => `how the tenant that received the message classed the sender: ${lookup(AUTH_AS, v)}`],
  ['x-ms-exchange-crosspremises-authas', (v) => `the classification carried between Office 365 and your on-premises Exchange: ${lookup(AUTH_AS, v)}`],
  ['x-ms-exchange-organization-authsource', (v) => `the server that made the authentication decision: ${v}`],
  ['x-ms-exchange-crosstenant-authsource', (v) => `the server in the receiving tenant that classified the sender: ${v}`],
  ['x-ms-exchange-crosspremises-authsource', (v) => `the server that classified the sender, carried across premises: ${v}`],
  ['x-ms-exchange-organization-authmechanism', (v) => `how the sender proved who it was (code ${v}); appears only when the sender was authenticated`],
  ['x-ms-exchange-crosspremises-authmechanism', (v) => `the authentication mechanism (code ${v}), carried across premises`],
  ['x-ms-exchange-crosstenant-id', (v) => `the Microsoft Entra tenant id that owned the message here: ${v}; compare it with your own tenant id`],
  ['x-ms-exchange-crosstenant-originalarrivaltime', (v) => `when Office 365 first accepted the message: ${v}`],
  ['x-ms-exchange-crosstenant-fromentityheader', (v) => `where the message came from: ${lookup(FROM_ENTITY, v)}`],
  ['x-ms-exchange-crosstenant-network-message-id', (v) => `the id Office 365 message trace uses for this message: ${v}`],
  ['x-ms-exchange-organization-network-message-id', (v) => `the id Office 365 message trace uses for this message: ${v}`],
  ['x-ms-exchange-organization-scl', (v) => explainScl(v)],
  ['x-ms-exchange-crosspremises-scl', (v) => `${explainScl(v)} (carried across premises)`],
  ['x-ms-exchange-organization-messagedirectionality', (v) => `direction as Exchange saw it: ${v === 'Originating' ? 'sent from inside the organisation' : v === 'Incoming' ? 'received from outside' : v}`],
  ['x-ms-exchange-crosspremises-', () => 'an organisation header copied so it survives the trip between Office 365 and your on-premises Exchange (hybrid); on-premises Exchange restores it only when the connector authenticates the sender as internal'],
  ['x-ms-exchange-crosstenant-', () => 'recorded by Office 365 about the tenant that handled the message'],
  ['x-ms-exchange-organization-', () => 'an internal Exchange organisation header (kept inside your organisation, removed when mail leaves it)'],
  ['x-ms-exchange-', () => 'an Exchange processing header'],
];

/** Bulk complaint level bands as Microsoft documents them; anti-spam policies act from 7 by default (Standard preset 6, Strict 5). */
export const DEFAULT_BULK_THRESHOLD = 7;

function explainBcl(value: string): string {
  const bcl = Number.parseInt(value, 10);
  const band = bcl === 0 ? 'not from a bulk sender'
    : bcl >= 1 && bcl <= 3 ? 'from a bulk sender that draws few complaints'
      : bcl >= 4 && bcl <= 7 ? 'from a bulk sender that draws a mixed number of complaints'
        : bcl >= 8 && bcl <= 9 ? 'from a bulk sender that draws many complaints'
          : 'unrecognised value';
  const action = bcl >= DEFAULT_BULK_THRESHOLD && bcl <= 9 ? `; at or above the default bulk threshold (${DEFAULT_BULK_THRESHOLD}), so a default anti-spam policy treats it as bulk mail` : '';
  return `bulk complaint level ${value}: ${band}${action}`;
}

export interface MicrosoftAntispam {
  /** Every key:value pair as written, e.g. { BCL: "0" }. */
  readonly fields: Readonly<Record<string, string>>;
  /** Bulk complaint level 0-9, or null when absent or unreadable. */
  readonly bcl: number | null;
  readonly explanations: readonly string[];
}

function keyValuePairs(value: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of value.split(';')) {
    const colon = pair.indexOf(':');
    if (colon > 0) fields[pair.slice(0, colon).trim().toUpperCase()] = pair.slice(colon + 1).trim();
  }
  return fields;
}

/** Reads X-Microsoft-Antispam ("BCL:0;" and other key:value pairs), written by Office 365 beside X-Forefront-Antispam-Report. */
export function parseMicrosoftAntispam(value: string): MicrosoftAntispam {
  const fields = keyValuePairs(value);
  const raw = fields.BCL;
  const bcl = raw !== undefined && /^\d$/.test(raw) ? Number(raw) : null;
  return { fields, bcl, explanations: raw === undefined || raw === '' ? [] : [`BCL: ${explainBcl(raw)}`] };
}

export function explainExchangeHeader(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  if (lower === 'x-microsoft-antispam') {
    const report = parseMicrosoftAntispam(value);
    return report.explanations[0] ?? 'Office 365 spam filtering details (no bulk complaint level recorded)';
  }
  const entry = EXPLAIN.find(([key]) => (key.endsWith('-') ? lower.startsWith(key) : lower === key));
  return entry === undefined ? null : entry[1](value);
}

/**
 * The Exchange headers worth showing (X-MS-Exchange-*), each explained, in order; X-Microsoft-Antispam
 * (its bulk complaint level) last, so that it stands next to X-Forefront-Antispam-Report.
 */
export function exchangeHeaders(fields: readonly HeaderField[]): ExchangeHeader[] {
  const explained = (f: HeaderField): ExchangeHeader => ({ name: f.name, value: f.value, explanation: explainExchangeHeader(f.name, f.value) ?? '' });
  return [
    ...fields.filter((f) => nameStartsWith(f.name, 'x-ms-exchange-')).map(explained),
    ...fields.filter((f) => nameIs(f.name, 'x-microsoft-antispam')).map(explained),
  ];
}

const SFV: Readonly<Record<string, string>> = {
  nspm: 'not spam',
  spm: 'marked as spam',
  skn: 'filtering skipped (a mail flow rule or allow entry set SCL -1)',
  ska: 'filtering skipped: the sender is on an allow list',
  ski: 'filtering skipped: mail inside the organisation',
  sks: 'marked as spam by a mail flow rule',
  skb: 'marked as spam: the sender is on a block list',
  blk: 'filtering skipped and the message blocked: the sender is on a block list',
  sfe: 'filtering skipped: the sender is on the recipient\'s safe senders list',
};

const CAT: Readonly<Record<string, string>> = {
  none: 'no threat detected',
  spm: 'spam',
  hspm: 'high confidence spam',
  phsh: 'phishing',
  hphsh: 'high confidence phishing',
  bulk: 'bulk mail',
  spoof: 'spoofing (the sender domain failed authentication)',
  malw: 'malware',
  ospm: 'outbound spam',
};

const DIR: Readonly<Record<string, string>> = { inb: 'inbound', out: 'outbound', int: 'inside the organisation' };

/** Reads X-Forefront-Antispam-Report ("CIP:198.51.100.7;CTRY:;LANG:en;SCL:1;SFV:NSPM;..."). */
export function parseForefrontReport(value: string): ForefrontReport {
  const fields = keyValuePairs(value);
  const explanations: string[] = [];
  const add = (key: string, describe: (v: string) => string): void => {
    const v = fields[key];
    if (v !== undefined && v !== '') explanations.push(`${key}: ${describe(v)}`);
  };
  add('CIP', (v) => `the address that connected to Office 365: ${v}`);
  add('CTRY', (v) => `the country of that address: ${v}`);
  add('H', (v) => `the name it gave in HELO/EHLO: ${v}`);
  add('PTR', (v) => `its reverse DNS name: ${v}`);
  add('DIR', (v) => `direction: ${lookup(DIR, v)}`);
  add('SFV', (v) => `spam filter verdict: ${lookup(SFV, v)}`);
  add('CAT', (v) => `category: ${lookup(CAT, v)}`);
  add('SCL', (v) => explainScl(v));
  add('IPV', (v) => (v === 'CAL' ? 'the connecting address is on the connection allow list' : v === 'NLI' ? 'the connecting address is on no reputation list' : `IP verdict ${v}`));
  add('LANG', (v) => `language: ${v}`);
  return { fields, explanations };
}

/** Host names that belong to Exchange Online / Exchange Online Protection. */
const EOP_HOST = /(^|\.)(prod\.outlook\.com|protection\.outlook\.com|prod\.exchangelabs\.com|outlook\.office365\.com)\.?$/i;

export function isMicrosoftHost(host: string | null): boolean {
  if (host === null) return false;
  const space = host.search(/\s/);
  return EOP_HOST.test(space < 0 ? host : host.slice(0, space));
}

/**
 * Header names that only Exchange Online / EOP adds. X-MS-Exchange-Organization-* does not count:
 * an on-premises Exchange server writes those too.
 */
export function isEopHeader(name: string): boolean {
  return nameIs(name, 'x-forefront-antispam-report') || nameIs(name, 'x-microsoft-antispam') || nameStartsWith(name, 'x-ms-exchange-crosstenant-');
}
