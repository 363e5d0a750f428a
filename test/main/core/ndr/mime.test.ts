import { describe, it, expect } from 'vitest';
import { flattenParts, parseContentType, parseMime } from '../../../../main/core/ndr/mime.js';

describe('MIME reading', () => {
  it('parses a content type with quoted parameters', () => {
    expect(parseContentType('multipart/report; report-type=delivery-status;\tboundary="a;b=c"')).toEqual({
      type: 'multipart/report',
      params: { 'report-type': 'delivery-status', boundary: 'a;b=c' },
    });
    expect(parseContentType(null)).toEqual({ type: 'text/plain', params: {} });
  });

  it('walks nested multiparts and decodes base64 and quoted-printable', () => {
    const base64 = Buffer.from('Remote server returned 550 5.7.1', 'utf8').toString('base64');
    const message = [
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64,
      '--inner',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=E9 soft=',
      'break',
      '--inner--',
      '--outer',
      'Content-Type: message/rfc822',
      '',
      'Subject: original',
      '',
      'body',
      '--outer--',
      'epilogue',
    ].join('\r\n');
    const root = parseMime(message, { skipJunk: true });
    const parts = flattenParts(root);
    expect(parts.map((p) => p.contentType)).toEqual(['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/plain', 'message/rfc822', 'text/plain']);
    expect(root.text).toBe('preamble');
    expect(parts[2]?.text.trim()).toBe('Remote server returned 550 5.7.1');
    expect(parts[3]?.text.trim()).toBe('Café softbreak');
    expect(parts[5]?.headers[0]).toMatchObject({ name: 'Subject', value: 'original' });
  });
});
