/**
 * Does a firewall allow list let every EOP range through? Entries are turned into address
 * intervals (ip-address does the parsing and the BigInt arithmetic), merged, and each EOP range is
 * compared with the union, so one larger block or several smaller adjacent ones both count. What
 * is missing is reported as CIDR blocks, ready to paste.
 */
import { Address4, Address6 } from 'ip-address';
import { EopRangesError } from './ranges.js';

/** An allow-list line that is neither an IP address nor a CIDR block. */
export class AllowListParseError extends Error {
  override readonly name = 'AllowListParseError';
  constructor(
    readonly lineNumber: number,
    readonly line: string,
  ) {
    super(`Line ${String(lineNumber)} of the allow list is not an IP address or CIDR block: "${line}".`);
  }
}

/**
 * Parses an allow-list file: one IP or CIDR per line, `#` starts a comment, blank lines ignored.
 * Returns the entries as written (trimmed); throws AllowListParseError naming the first bad line.
 */
export function parseAllowList(text: string): readonly string[] {
  const entries: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line === '') return;
    if (parseRange(line) === null) throw new AllowListParseError(index + 1, line);
    entries.push(line);
  });
  return entries;
}

export interface UncoveredRange {
  /** The EOP range, as published. */
  readonly range: string;
  /** The parts of it no entry allows, as CIDR blocks (the whole range when nothing overlaps). */
  readonly missing: readonly string[];
}

export interface CoverageReport {
  readonly covered: boolean;
  readonly uncovered: readonly UncoveredRange[];
}

type Family = 4 | 6;

interface Interval {
  readonly family: Family;
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Which EOP ranges (or parts of them) the allow list does not cover. Throws AllowListParseError
 * (line = position in `allowList`, 1-based) for an entry that does not parse.
 */
export function checkCoverage(eopRanges: readonly string[], allowList: readonly string[]): CoverageReport {
  const allowed = merge(
    allowList.map((entry, index) => {
      const interval = parseRange(entry.trim());
      if (interval === null) throw new AllowListParseError(index + 1, entry);
      return interval;
    }),
  );
  const uncovered: UncoveredRange[] = [];
  for (const range of eopRanges) {
    const interval = parseRange(range);
    if (interval === null) throw new EopRangesError(`"${range}" is not a valid EOP range; the endpoints data is corrupt, refresh it.`);
    const gaps = subtract(
      interval,
      allowed.filter((block) => block.family === interval.family),
    );
    if (gaps.length > 0) uncovered.push({ range, missing: gaps.flatMap(toCidrs) });
  }
  return { covered: uncovered.length === 0, uncovered };
}

function parseRange(text: string): Interval | null {
  if (Address4.isValid(text)) {
    const address = new Address4(text);
    return { family: 4, start: address.startAddress().bigInt(), end: address.endAddress().bigInt() };
  }
  if (Address6.isValid(text)) {
    const address = new Address6(text);
    return { family: 6, start: address.startAddress().bigInt(), end: address.endAddress().bigInt() };
  }
  return null;
}

/** Sorts and joins overlapping or adjacent intervals of the same family. */
function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.family - b.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && last.family === next.family && next.start <= last.end + 1n) {
      merged[merged.length - 1] = { ...last, end: last.end > next.end ? last.end : next.end };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** The parts of `target` outside every (merged, sorted) interval of `allowed`. */
function subtract(target: Interval, allowed: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = target.start;
  for (const block of allowed) {
    if (block.end < cursor || block.start > target.end) continue;
    if (block.start > cursor) gaps.push({ family: target.family, start: cursor, end: block.start - 1n });
    cursor = block.end + 1n;
    if (cursor > target.end) return gaps;
  }
  gaps.push({ family: target.family, start: cursor, end: target.end });
  return gaps;
}

/** Splits an interval into the fewest CIDR blocks: the largest aligned block that fits, repeatedly. */
function toCidrs(interval: Interval): string[] {
  const bits = interval.family === 4 ? 32 : 128;
  const blocks: string[] = [];
  let start = interval.start;
  while (start <= interval.end) {
    let prefix = bits;
    while (prefix > 0) {
      const size = 2n ** BigInt(bits - prefix + 1);
      if (start % size !== 0n || start + size - 1n > interval.end) break;
      prefix -= 1;
    }
    const address = interval.family === 4 ? Address4.fromBigInt(start).correctForm() : Address6.fromBigInt(start).correctForm();
    blocks.push(`${address}/${String(prefix)}`);
    start += 2n ** BigInt(bits - prefix);
  }
  return blocks;
}
