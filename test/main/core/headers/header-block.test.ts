import { describe, it, expect } from 'vitest';
import { fieldValue, fieldValues, readHeaderBlock } from '../../../../main/core/headers/header-block.js';

describe('readHeaderBlock', () => {
  it('unfolds continuation lines and stops at the first blank line', () => {
    const block = readHeaderBlock('Subject: a long\n  subject\nReceived: one\nReceived: two\n\tfolded\n\nReceived: in the body\n', { skipJunk: true });
    expect(block.fields.map((f) => [f.name, f.value])).toEqual([
      ['Subject', 'a long subject'],
      ['Received', 'one'],
      ['Received', 'two folded'],
    ]);
    expect(block.body).toBe('Received: in the body\n');
  });

  it('accepts CRLF and lone CR line ends and a missing body', () => {
    const block = readHeaderBlock('From: a@example.test\r\nTo: b@contoso.test\r\n  , c@contoso.test\rSubject: x', { skipJunk: true });
    expect(fieldValue(block.fields, 'to')).toBe('b@contoso.test , c@contoso.test');
    expect(fieldValue(block.fields, 'SUBJECT')).toBe('x');
    expect(block.body).toBe('');
  });

  it('skips junk and an mbox "From " line before the headers, and counts the skipped lines', () => {
    const block = readHeaderBlock('Here is what I got:\nFrom alice@example.test Tue Nov 14 16:15:28 2023\nNote: see below\nReceived: from a by b; Tue, 14 Nov 2023 16:15:28 +0000\nSubject: s\n', { skipJunk: true });
    expect(block.skippedLines).toBe(3);
    expect(block.fields.map((f) => f.name)).toEqual(['Received', 'Subject']);
    expect(block.fields[0]?.line).toBe(4);
  });

  it('without skipJunk, a part that starts with a blank line has no headers', () => {
    const block = readHeaderBlock('\nbody text\n', { skipJunk: false });
    expect(block.fields).toEqual([]);
    expect(block.body).toBe('body text\n');
  });

  it('ends the block at a line that is neither a field nor a continuation', () => {
    const block = readHeaderBlock('Subject: s\nthis is body text\nmore', { skipJunk: false });
    expect(block.fields).toHaveLength(1);
    expect(block.body).toBe('this is body text\nmore');
  });

  it('finds nothing in text without a header field', () => {
    expect(readHeaderBlock('just some words\nand more words', { skipJunk: true }).fields).toEqual([]);
  });

  it('reads mixed line ends, blank lines made of whitespace, and gives the body with LF line ends', () => {
    const block = readHeaderBlock('\uFEFFReceived: a\r\n\tb\rReceived: c\n  d\r\n \t \r\nline 1\r\nline 2\rline 3', { skipJunk: true });
    expect(block.fields.map((f) => [f.name, f.value, f.line])).toEqual([
      ['Received', 'a b', 1],
      ['Received', 'c d', 3],
    ]);
    expect(block.body).toBe('line 1\nline 2\nline 3');
  });

  it('counts every line as skipped when none is a field, whatever the line ends', () => {
    expect(readHeaderBlock('one\r\ntwo\rthree\nfour\n', { skipJunk: true }).skippedLines).toBe(5);
  });

  it('lists every value of a repeated field in order', () => {
    const block = readHeaderBlock('Received: 1\nreceived: 2\nRECEIVED: 3\n', { skipJunk: true });
    expect(fieldValues(block.fields, 'Received')).toEqual(['1', '2', '3']);
    expect(fieldValue(block.fields, 'Date')).toBeNull();
  });
});
