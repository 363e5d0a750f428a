import { describe, expect, it } from 'vitest';
import { fail, ok, quoteForMessage } from '../../../../preload/vocabulary/validation/result.js';

describe('result helpers', () => {
  it('build both outcomes', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(fail('bad')).toEqual({ ok: false, error: 'bad' });
  });

  it('quote input for a one-line message, escaping line breaks and shortening long text', () => {
    expect(quoteForMessage('a\nb')).toBe('"a\\nb"');
    const long = quoteForMessage('x'.repeat(200));
    expect(long.length).toBeLessThan(90);
    expect(long.endsWith('..."')).toBe(true);
  });
});
