/**
 * Lenient RFC 5322 date reading. Received headers carry every date style mail software has ever
 * written (obsolete zone names, "(UTC)" comments, two-digit years, no weekday, asctime order),
 * and a bad date must never stop the analysis: unreadable dates come back as null.
 */
import { packedLowerAscii } from './header-block.js';

export interface MailDate {
  /** Milliseconds since the epoch (UTC). */
  readonly epochMs: number;
  /** ISO 8601 in UTC. */
  readonly iso: string;
  /** False when the zone was missing, unknown or a military letter (RFC 5322 says: treat as -0000). */
  readonly zoneKnown: boolean;
  /** Why the date needed leniency, for people chasing odd hops. */
  readonly notes: readonly string[];
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Obsolete zone names of RFC 5322 section 4.3, in minutes east of UTC. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

const WEEKDAYS = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const NUMERIC_ZONE = /^([+-])(\d{2}):?(\d{2})$/;
/** "4/20/2018" (month first, as Exchange and Windows write it in US locales) or "2018-04-20". */
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Zone {
  readonly offsetMinutes: number;
  readonly known: boolean;
  readonly note: string | null;
}

function zoneFromName(name: string): Zone | null {
  const lower = name.toLowerCase();
  const offset = ZONE_NAMES[lower];
  if (offset !== undefined) return { offsetMinutes: offset, known: true, note: null };
  if (/^[a-ik-y]$/.test(lower)) {
    return { offsetMinutes: 0, known: false, note: `military zone "${name}" read as UTC (RFC 5322 treats it as unknown)` };
  }
  return null;
}

function expandYear(raw: string, notes: string[]): number {
  const year = Number(raw);
  if (raw.length === 2) {
    notes.push(`two-digit year "${raw}"`);
    return year < 50 ? 2000 + year : 1900 + year;
  }
  if (raw.length === 3) {
    notes.push(`three-digit year "${raw}"`);
    return 1900 + year;
  }
  return year;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (0 = January) of the proleptic Gregorian calendar, as Date.UTC counts them (it reads years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return month === 1 && leap ? 29 : (MONTH_DAYS[month] ?? 31);
}

/** Shared, never mutated: most dates need no note, and the analysis holds one per hop. */
const NO_NOTES: readonly string[] = Object.freeze([]);
const NO_WEEKDAY: readonly string[] = Object.freeze(['no weekday']);

/** Three characters from `at`, lower case, packed (-1 when not ASCII or past the end). */
const packed3 = (text: string, at: number): number => packedLowerAscii(text, at, at + 3);
const MONTH_BY_PACKED = new Map(Object.entries(MONTHS).map(([name, index]) => [packed3(name, 0), index]));
const WEEKDAY_PACKED = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((name) => packed3(name, 0)));

/** The value of `count` ASCII digits at text[at], or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The RFC 5322 form nearly every server writes ("Mon, 5 Jan 2026 08:00:00 +0000 (UTC)"):
 * [weekday "," [" "]] day(1-2) " " month " " year(4) " " hh ":" mm ":" ss " " ("+"|"-") hhmm
 * [" (" comment without parentheses ")"], letters in any case. Read by a character scan, no
 * regular expression and no substrings: it runs once per hop of inputs with 100,000 hops.
 */
function canonicalDate(text: string): MailDate | null {
  let at = 0;
  const weekday = text.length > 3 && text.charCodeAt(3) === 44 /* , */ && WEEKDAY_PACKED.has(packed3(text, 0));
  if (weekday) at = text.charCodeAt(4) === 32 ? 5 : 4;
  const twoDigitDay = text.charCodeAt(at + 2) === 32 ? digitsAt(text, at, 2) : -1;
  const day = twoDigitDay >= 0 ? twoDigitDay : text.charCodeAt(at + 1) === 32 ? digitsAt(text, at, 1) : -1;
  if (day < 0) return null;
  at += twoDigitDay >= 0 ? 3 : 2;
  const month = MONTH_BY_PACKED.get(packed3(text, at));
  // The rest has a fixed shape: " yyyy hh:mm:ss +hhmm" after the month.
  if (month === undefined || text.length < at + 23) return null;
  const separators = text.charCodeAt(at + 3) === 32 && text.charCodeAt(at + 8) === 32 && text.charCodeAt(at + 11) === 58 && text.charCodeAt(at + 14) === 58 && text.charCodeAt(at + 17) === 32;
  if (!separators) return null;
  const year = digitsAt(text, at + 4, 4);
  const h = digitsAt(text, at + 9, 2);
  const m = digitsAt(text, at + 12, 2);
  const sec = digitsAt(text, at + 15, 2);
  const sign = text.charCodeAt(at + 18);
  const zoneHours = digitsAt(text, at + 19, 2);
  const zoneMinutes = digitsAt(text, at + 21, 2);
  if (year < 0 || h < 0 || m < 0 || sec < 0 || zoneHours < 0 || zoneMinutes < 0 || (sign !== 43 && sign !== 45)) return null;
  const end = at + 23;
  if (end !== text.length && !isZoneComment(text, end)) return null;
  if (day < 1 || day > daysInMonth(year, month) || h > 23 || m > 59 || sec > 60) return null;
  const offset = (zoneHours * 60 + zoneMinutes) * (sign === 45 ? -1 : 1);
  const epochMs = Date.UTC(year, month, day, h, m, Math.min(sec, 59)) - offset * 60_000;
  return { epochMs, iso: isoFromEpoch(epochMs), zoneKnown: true, notes: weekday ? NO_NOTES : NO_WEEKDAY };
}

/** Whether text from `at` is exactly " (" + anything without parentheses + ")". */
function isZoneComment(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 32 || text.charCodeAt(at + 1) !== 40 || text.charCodeAt(text.length - 1) !== 41 || text.length < at + 3) return false;
  for (let i = at + 2; i < text.length - 1; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 40 || code === 41) return false;
  }
  return true;
}

const DAY_MS = 86_400_000;
/** 1000-01-01 and 9999-12-31T23:59:59.999Z: four-digit years, the only ones isoFromEpoch formats itself. */
const FOUR_DIGIT_YEARS = [-30_610_224_000_000, 253_402_300_799_999] as const;

/** Character codes of the ASCII digits, for building ISO dates in one flat string. */
const DIGIT = (n: number): number => 48 + n;
const tens = (n: number): number => DIGIT(Math.floor(n / 10) % 10);
const ones = (n: number): number => DIGIT(n % 10);

/**
 * Date.prototype.toISOString by arithmetic (days to civil date as in H. Hinnant's algorithm):
 * faster, and header analysis formats one date per hop of inputs that can
 * hold 100,000 hops. Other years go to toISOString.
 */
export function isoFromEpoch(ms: number): string {
  if (!Number.isInteger(ms) || ms < FOUR_DIGIT_YEARS[0] || ms > FOUR_DIGIT_YEARS[1]) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // One flat string from character codes: a template literal would keep a tree of its pieces, one per hop.
  return String.fromCharCode(
    DIGIT(Math.floor(year / 1000)), DIGIT(Math.floor(year / 100) % 10), tens(year), ones(year), 45,
    tens(month), ones(month), 45, tens(day), ones(day), 84,
    tens(hours), ones(hours), 58, tens(minutes), ones(minutes), 58, tens(seconds), ones(seconds), 46,
    DIGIT(Math.floor(millis / 100)), tens(millis), ones(millis), 90,
  );
}


/** Parses a mail date; null when no day, month, year and time can be found. */
export function parseMailDate(text: string): MailDate | null {
  const canonical = canonicalDate(text);
  if (canonical !== null) return canonical;
  const notes: string[] = [];
  const comments = [...text.matchAll(/\(([^()]*)\)/g)].map((m) => (m[1] ?? '').trim());
  const tokens = text
    .replace(/\([^()]*\)/g, ' ')
    .split(/[\s,]+/)
    .filter((t) => t !== '');

  let weekdaySeen = false;
  let month: number | null = null;
  let time: { h: number; m: number; s: number } | null = null;
  let zone: Zone | null = null;
  const numbers: string[] = [];

  let numericDate: { readonly day: string; readonly month: number; readonly year: string } | null = null;
  for (const token of tokens) {
    const slash: RegExpExecArray | null = numericDate === null ? SLASH_DATE.exec(token) : null;
    const iso: RegExpExecArray | null = numericDate === null && slash === null ? ISO_DATE.exec(token) : null;
    if (slash !== null) {
      // Month first unless the first number cannot be a month (then it is day/month/year).
      const first: number = Number(slash[1]);
      const monthFirst: boolean = first <= 12;
      numericDate = { day: monthFirst ? (slash[2] ?? '') : (slash[1] ?? ''), month: (monthFirst ? first : Number(slash[2])) - 1, year: slash[3] ?? '' };
      if (monthFirst && Number(slash[2]) <= 12) notes.push(`numeric date "${token}" read as month/day/year (it could also be day/month/year)`);
      continue;
    }
    if (iso !== null) {
      numericDate = { day: iso[3] ?? '', month: Number(iso[2]) - 1, year: iso[1] ?? '' };
      continue;
    }
    const timeMatch = TIME.exec(token);
    const zoneMatch = NUMERIC_ZONE.exec(token);
    const monthIndex = MONTHS[token.slice(0, 3).toLowerCase()];
    if (timeMatch !== null && time === null) {
      time = { h: Number(timeMatch[1]), m: Number(timeMatch[2]), s: Number(timeMatch[3] ?? '0') };
      if (timeMatch[3] === undefined) notes.push('no seconds');
    } else if (zoneMatch !== null && time !== null && zone === null) {
      const minutes = Number(zoneMatch[2]) * 60 + Number(zoneMatch[3]);
      zone = { offsetMinutes: zoneMatch[1] === '-' ? -minutes : minutes, known: true, note: null };
    } else if (/^\d{1,4}$/.test(token)) {
      numbers.push(token);
    } else if (WEEKDAYS.test(token)) {
      weekdaySeen = true;
    } else if (monthIndex !== undefined && month === null && /^[a-z]+\.?$/i.test(token)) {
      month = monthIndex;
    } else if (zone === null && time !== null) {
      zone = zoneFromName(token);
      if (zone === null) zone = { offsetMinutes: 0, known: false, note: `unknown zone "${token}" read as UTC` };
    }
  }

  if (zone === null) {
    const named = comments.map(zoneFromName).find((z) => z !== null);
    zone = named === undefined
      ? { offsetMinutes: 0, known: false, note: 'no time zone, read as UTC' }
      : { offsetMinutes: named.offsetMinutes, known: named.known, note: 'time zone taken from the comment' };
  }
  if (zone.note !== null) notes.push(zone.note);
  if (!weekdaySeen) notes.push('no weekday');

  if (numericDate !== null) {
    month = numericDate.month;
    numbers.splice(0, numbers.length, numericDate.day, numericDate.year);
  }
  const [dayText, yearText] = numbers;
  if (month === null || month < 0 || month > 11 || time === null || dayText === undefined || yearText === undefined) return null;
  const day = Number(dayText);
  const year = expandYear(yearText, notes);
  if (day < 1 || day > daysInMonth(year, month) || time.h > 23 || time.m > 59 || time.s > 60) return null;

  const epochMs = Date.UTC(year, month, day, time.h, time.m, Math.min(time.s, 59)) - zone.offsetMinutes * 60_000;
  return { epochMs, iso: new Date(epochMs).toISOString(), zoneKnown: zone.known, notes };
}
