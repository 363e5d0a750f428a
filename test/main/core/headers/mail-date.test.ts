import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { isoFromEpoch, parseMailDate } from '../../../../main/core/headers/mail-date.js';
import { PROPERTY_SEED } from '../../../lab/property-bounds.js';

describe('parseMailDate', () => {
  it('reads a standard RFC 5322 date with a numeric zone and a comment', () => {
    const date = parseMailDate('Tue, 14 Nov 2023 17:15:28 +0100 (CET)');
    expect(date?.iso).toBe('2023-11-14T16:15:28.000Z');
    expect(date?.zoneKnown).toBe(true);
    expect(date?.notes).toEqual([]);
  });

  it.each([
    ['14 Nov 2023 11:15:28 EST', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 12:15:28 EDT', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 08:15:28 PST', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 09:15:28 MST', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 10:15:28 CST', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 16:15:28 GMT', '2023-11-14T16:15:28.000Z'],
    ['14 Nov 2023 16:15:28 UT', '2023-11-14T16:15:28.000Z'],
  ])('reads the obsolete zone in %s', (text, iso) => {
    expect(parseMailDate(text)?.iso).toBe(iso);
  });

  it('takes the zone from a "(UTC)" comment when no zone is written', () => {
    const date = parseMailDate('14 Nov 2023 16:15:31.8712 (UTC)');
    expect(date?.iso).toBe('2023-11-14T16:15:31.000Z');
    expect(date?.zoneKnown).toBe(true);
  });

  it('expands two-digit years (00-49 -> 20xx, 50-99 -> 19xx) and notes it', () => {
    expect(parseMailDate('Tue, 14 Nov 23 16:15:28 +0000')?.iso).toBe('2023-11-14T16:15:28.000Z');
    expect(parseMailDate('Fri, 14 Nov 97 16:15:28 +0000')?.iso).toBe('1997-11-14T16:15:28.000Z');
    expect(parseMailDate('14 Nov 23 16:15 EST')?.notes).toEqual(['no seconds', 'no weekday', 'two-digit year "23"']);
  });

  it('reads asctime order without a zone as UTC and says so', () => {
    const date = parseMailDate('Tue Nov 14 21:45:10 2023');
    expect(date?.iso).toBe('2023-11-14T21:45:10.000Z');
    expect(date?.zoneKnown).toBe(false);
    expect(date?.notes).toContain('no time zone, read as UTC');
  });

  it('treats military zone letters as unknown (RFC 5322) but still gives a time', () => {
    const date = parseMailDate('14 Nov 2023 16:15:28 A');
    expect(date?.iso).toBe('2023-11-14T16:15:28.000Z');
    expect(date?.zoneKnown).toBe(false);
  });

  it('returns null for text that is not a date, and for impossible dates, without throwing', () => {
    expect(parseMailDate('sometime yesterday')).toBeNull();
    expect(parseMailDate('')).toBeNull();
    expect(parseMailDate('31 Feb 2023 10:00:00 +0000')).toBeNull();
    expect(parseMailDate('14 Nov 2023 25:00:00 +0000')).toBeNull();
  });
});

describe('parseMailDate, the RFC 5322 form servers write', () => {
  const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const recase = (word: string, mask: number): string =>
    Array.from({ length: word.length }, (_, i) => ((mask >> i) & 1 ? word.charAt(i).toUpperCase() : word.charAt(i).toLowerCase())).join('');
  const two = (n: number): string => String(n).padStart(2, '0');

  it('reads every instant fast-check writes, in any letter case, with or without weekday, padding and zone comment', () => {
    const written = fc.record({
      ms: fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }).map((n) => n - (n % 1000)),
      zoneMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      weekday: fc.constantFrom('none', 'comma', 'comma-space'),
      padDay: fc.boolean(),
      caseMask: fc.nat({ max: 63 }),
      comment: fc.constantFrom('', ' (UTC)', ' ()', ' (Coordinated Universal Time)'),
    });
    fc.assert(
      fc.property(written, ({ ms, zoneMinutes, weekday, padDay, caseMask, comment }) => {
        const local = new Date(ms + zoneMinutes * 60_000);
        const day = local.getUTCDate();
        const sign = zoneMinutes < 0 ? '-' : '+';
        const zone = `${sign}${two(Math.floor(Math.abs(zoneMinutes) / 60))}${two(Math.abs(zoneMinutes) % 60)}`;
        const dayName = recase(DAY_NAMES[local.getUTCDay()] ?? '', caseMask);
        const prefix = weekday === 'none' ? '' : weekday === 'comma' ? `${dayName},` : `${dayName}, `;
        const text = `${prefix}${padDay ? two(day) : day} ${recase(MONTH_NAMES[local.getUTCMonth()] ?? '', caseMask >> 3)} ${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${zone}${comment}`;
        const date = parseMailDate(text);
        expect(date?.epochMs).toBe(ms);
        expect(date?.iso).toBe(new Date(ms).toISOString());
        expect(date?.zoneKnown).toBe(true);
        expect(date?.notes).toEqual(weekday === 'none' ? ['no weekday'] : []);
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
  });

  it.each([
    ['29 Feb 2024 10:00:00 +0000', '2024-02-29T10:00:00.000Z'],
    ['29 Feb 2000 10:00:00 +0000', '2000-02-29T10:00:00.000Z'],
    ['29 Feb 2100 10:00:00 +0000', null],
    ['29 Feb 1900 10:00:00 +0000', null],
    ['31 Apr 2026 10:00:00 +0000', null],
    ['Mon, 5 Jan 2026 08:00:60 +0000', '2026-01-05T08:00:59.000Z'],
  ])('knows the length of each month, leap years included: %s', (text, iso) => {
    expect(parseMailDate(text)?.iso ?? null).toBe(iso);
  });

  it.each([
    ['a three-digit day', '105 Jan 2026 08:00:00 +0000', null, null],
    ['two spaces after the weekday, read leniently', 'Mon,  5 Jan 2026 08:00:00 +0000', '2026-01-05T08:00:00.000Z', []],
    ['a zone comment with nested parentheses, read leniently', '5 Jan 2026 08:00:00 +0000 ((UTC))', '2026-01-05T08:00:00.000Z', ['no weekday']],
    ['a zone without its sign, which is not a zone', '5 Jan 2026 08:00:00 0000', '2026-01-05T08:00:00.000Z', ['no time zone, read as UTC', 'no weekday']],
  ])('reads what only looks like the standard form as the lenient reader does: %s', (_label, text, iso, notes) => {
    const date = parseMailDate(text);
    expect(date?.iso ?? null).toBe(iso);
    expect(date?.notes ?? null).toEqual(notes);
  });
});

describe('isoFromEpoch', () => {
  it('formats exactly as toISOString, for every millisecond fast-check picks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000_000_000_000, max: 260_000_000_000_000 }), (ms) => {
        expect(isoFromEpoch(ms)).toBe(new Date(ms).toISOString());
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
    for (const ms of [0, -1, 951_782_400_000, 4_107_542_400_000, -30_610_224_000_000, 253_402_300_799_999]) expect(isoFromEpoch(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('numeric dates', () => {
  it('reads month/day/year as Windows and Exchange write it in US locales', () => {
    expect(parseMailDate('4/20/2018 23:01:06 -0400')?.iso).toBe('2018-04-21T03:01:06.000Z');
    expect(parseMailDate('4/20/2018 23:01:06 -0400')?.notes).toEqual(['no weekday']);
  });

  it('reads day/month/year when the first number cannot be a month, and notes the ambiguous case', () => {
    expect(parseMailDate('20/4/2018 23:01:06 +0000')?.iso).toBe('2018-04-20T23:01:06.000Z');
    expect(parseMailDate('4/5/2018 10:00:00 +0000')?.notes).toContain('numeric date "4/5/2018" read as month/day/year (it could also be day/month/year)');
  });

  it('reads ISO dates and rejects impossible numeric ones', () => {
    expect(parseMailDate('2018-04-20 23:01:06 +0200')?.iso).toBe('2018-04-20T21:01:06.000Z');
    expect(parseMailDate('13/13/2018 10:00:00 +0000')).toBeNull();
    expect(parseMailDate('2/30/2018 10:00:00 +0000')).toBeNull();
  });
});
