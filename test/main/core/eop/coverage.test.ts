import { describe, expect, it } from 'vitest';
import { AllowListParseError, checkCoverage, parseAllowList } from '../../../../main/core/eop/coverage.js';
import { EopRangesError } from '../../../../main/core/eop/ranges.js';

const eop = ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'];

describe('checkCoverage', () => {
  it('is covered when the allow list names exactly the EOP ranges', () => {
    expect(checkCoverage(eop, [...eop].reverse())).toEqual({ covered: true, uncovered: [] });
  });

  it('is covered by larger blocks (supersets)', () => {
    expect(checkCoverage(eop, ['40.0.0.0/8', '52.0.0.0/8', '104.0.0.0/8', '2a01:111::/32']).covered).toBe(true);
  });

  it('is covered by the union of halves and of overlapping smaller entries', () => {
    const pieces = [
      '40.92.0.0/16',
      '40.93.0.0/16',
      '40.107.0.0/17',
      '40.107.64.0/18',
      '40.107.128.0/17',
      '52.100.0.0/15',
      '52.102.0.0/15',
      '104.47.0.0/18',
      '104.47.64.0/18',
      '2a01:111:f400::/49',
      '2a01:111:f400:8000::/49',
      '2a01:111:f403::/48',
    ];
    expect(checkCoverage(eop, pieces)).toEqual({ covered: true, uncovered: [] });
  });

  it('lists a range that is missing entirely', () => {
    const report = checkCoverage(eop, eop.filter((range) => range !== '52.100.0.0/14'));
    expect(report).toEqual({ covered: false, uncovered: [{ range: '52.100.0.0/14', missing: ['52.100.0.0/14'] }] });
  });

  it('lists only the part of a range that is not allowed, as CIDR blocks', () => {
    const report = checkCoverage(['40.92.0.0/15'], ['40.92.0.0/16', '40.93.128.0/17']);
    expect(report.uncovered).toEqual([{ range: '40.92.0.0/15', missing: ['40.93.0.0/17'] }]);
  });

  it('splits an unaligned gap into the fewest blocks', () => {
    const report = checkCoverage(['104.47.0.0/17'], ['104.47.0.0/24', '104.47.64.0/18']);
    expect(report.uncovered[0]?.missing).toEqual(['104.47.1.0/24', '104.47.2.0/23', '104.47.4.0/22', '104.47.8.0/21', '104.47.16.0/20', '104.47.32.0/19']);
  });

  it('checks IPv6 ranges, and never lets an IPv4 entry cover an IPv6 range', () => {
    const report = checkCoverage(['2a01:111:f400::/48', '2a01:111:f403::/48'], ['0.0.0.0/0', '2a01:111:f400::/47']);
    expect(report.uncovered).toEqual([{ range: '2a01:111:f403::/48', missing: ['2a01:111:f403::/48'] }]);
    const half = checkCoverage(['2a01:111:f400::/48'], ['2a01:111:f400::/49']);
    expect(half.uncovered).toEqual([{ range: '2a01:111:f400::/48', missing: ['2a01:111:f400:8000::/49'] }]);
  });

  it('accepts single addresses as /32 and /128', () => {
    expect(checkCoverage(['192.0.2.7/32', '2001:db8::1/128'], ['192.0.2.7', '2001:db8::1']).covered).toBe(true);
  });

  it('rejects a bad allow-list entry naming its position', () => {
    expect(() => checkCoverage(eop, ['40.92.0.0/15', '40.107.0.0/33'])).toThrow(AllowListParseError);
    expect(() => checkCoverage(eop, ['40.92.0.0/15', '40.107.0.0/33'])).toThrow('Line 2');
  });

  it('refuses corrupt EOP data with a typed error', () => {
    expect(() => checkCoverage(['not-a-range'], [])).toThrow(EopRangesError);
  });
});

describe('parseAllowList', () => {
  it('reads one entry per line, skipping comments and blank lines', () => {
    const text = '# EOP ranges on TCP 25\n\n40.92.0.0/15   # inbound SMTP\r\n  2a01:111:f400::/48\n\t\n203.0.113.10\n';
    expect(parseAllowList(text)).toEqual(['40.92.0.0/15', '2a01:111:f400::/48', '203.0.113.10']);
  });

  it('names the line number of a bad line', () => {
    const text = '# header\n40.92.0.0/15\n\n40.107.0.0/16 allow\n';
    let caught: unknown;
    try {
      parseAllowList(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AllowListParseError);
    expect(caught).toMatchObject({ lineNumber: 4, line: '40.107.0.0/16 allow' });
    expect(String(caught)).toContain('Line 4 of the allow list');
  });

  it.each(['300.1.2.3', '40.92.0.0/', '2a01:111:f400::/129', 'mail.contoso.test', '40.92.0.0-40.93.255.255'])('rejects %s', (line) => {
    expect(() => parseAllowList(`${line}\n`)).toThrow('Line 1');
  });
});
