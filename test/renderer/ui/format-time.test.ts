import { describe, expect, it } from 'vitest';
import { formatTime, localizeTimes } from '../../../renderer/src/ui/format-time';

describe('times in the reader’s words', () => {
  it('writes every ISO time of a check’s text in the locale, and leaves the rest alone', () => {
    const iso = '2026-12-11T09:30:00.000Z';
    const text = `The certificate expires in 10 days (${iso}); renewed 2026-11-01T00:00Z.`;
    const localized = localizeTimes(text);
    expect(localized).toBe(`The certificate expires in 10 days (${formatTime(iso)}); renewed ${formatTime('2026-11-01T00:00:00.000Z')}.`);
    expect(localized).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(localizeTimes('Version 2026-12-01 of the ranges, port 25.')).toBe('Version 2026-12-01 of the ranges, port 25.');
  });
});
