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
