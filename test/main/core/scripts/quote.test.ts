import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { psArray, psBoolean, psString, shString } from '../../../../main/core/scripts/quote.js';

const HOSTILE = ["it's", "'; Remove-Item C:\\ -Recurse; '", '$(Get-Process)', '`whoami`', 'a;b|c&d', '\u2018smart\u2019 \u201aquotes\u201b', '"$env:PATH"'];

describe('psString', () => {
  it('doubles every kind of single quote PowerShell recognises', () => {
    expect(psString("it's")).toBe("'it''s'");
    expect(psString('\u2018x\u2019')).toBe("'\u2018\u2018x\u2019\u2019'");
    expect(psString('$(calc) `n @x')).toBe("'$(calc) `n @x'");
  });

  it('refuses line breaks', () => {
    expect(() => psString('a\nb')).toThrow(/line break/);
    expect(() => psString('a\u2028b')).toThrow(/line break/);
  });

  it('formats arrays and booleans', () => {
    expect(psArray(['a', "b'c"])).toBe("@('a','b''c')");
    expect(psBoolean(true)).toBe('$true');
    expect(psBoolean(false)).toBe('$false');
  });
});

describe('shString', () => {
  it.each(HOSTILE)('survives a real POSIX shell unchanged: %j', (value) => {
    const result = spawnSync('sh', ['-c', `printf '%s' ${shString(value)}`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(value);
  });

  it('refuses line breaks', () => {
    expect(() => shString('a\rb')).toThrow(/line break/);
  });
});
