import { describe, expect, it } from 'vitest';
import { parsePort } from '../../../../preload/vocabulary/validation/port.js';

describe('parsePort', () => {
  it('accepts 1-65535 as text or number', () => {
    expect(parsePort('25')).toEqual({ ok: true, value: 25 });
    expect(parsePort(65535)).toEqual({ ok: true, value: 65535 });
  });

  it.each(['0', '65536', '-1', '2.5', '25a', '', ' ', '1e3'])('rejects %j', (input) => {
    expect(parsePort(input).ok).toBe(false);
  });

  it('rejects non-integer numbers', () => {
    expect(parsePort(25.5).ok).toBe(false);
    expect(parsePort(Number.NaN).ok).toBe(false);
  });
});
