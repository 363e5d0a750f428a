import { describe, expect, it } from 'vitest';
import type { Hop } from '../../../../../preload/contract';
import { delayText, durationInWords } from '../../../../../renderer/src/features/test-step/header-analyser/duration';

describe('delays in words', () => {
  it('says a delay as a person would', () => {
    expect(durationInWords(400)).toBe('under a second');
    expect(durationInWords(1_000)).toBe('1 second');
    expect(durationInWords(3_000)).toBe('3 seconds');
    expect(durationInWords(252_000)).toBe('4 minutes 12 seconds');
    expect(durationInWords(120_000)).toBe('2 minutes');
    expect(durationInWords(7_500_000)).toBe('2 hours 5 minutes');
    expect(durationInWords(-3_000)).toBe('3 seconds');
    expect(durationInWords(3 * 86_400_000 + 3_600_000)).toBe('3 days 1 hour');
  });

  it('explains a hop without a delay, and clocks that disagree', () => {
    const hop = (change: Partial<Hop>): Hop => ({ index: 2, date: '2026-12-01T10:00:00.000Z', delayMs: 3_000, ...change }) as Hop;
    expect(delayText(hop({}))).toBe('3 seconds after the previous hop.');
    expect(delayText(hop({ date: null }))).toBe('No readable date, so no delay can be worked out.');
    expect(delayText(hop({ index: 1, delayMs: null }))).toBe('The first server to receive the message.');
    expect(delayText(hop({ delayMs: null }))).toBe('No earlier date to compare with.');
    expect(delayText(hop({ delayMs: -60_000 }))).toBe('Stamped 1 minute before the previous hop: the two servers’ clocks disagree.');
  });
});
