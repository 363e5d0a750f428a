import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseHeaders, NoHeadersError } from '../../../../main/core/headers/analyse.js';
import { parseReceived } from '../../../../main/core/headers/received.js';
import { parseMailDate } from '../../../../main/core/headers/mail-date.js';
import { explainExchangeHeader, parseMicrosoftAntispam } from '../../../../main/core/headers/exchange.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/headers/${name}`, import.meta.url), 'utf8');
}

/** Headers as real gateways and servers write them (issue 11, item 6). */
describe('Received headers as real servers write them', () => {
  it('reads a Cisco gateway hop "with ESMTP/TLS/<cipher>" as TLS with its cipher', () => {
    const analysis = analyseHeaders(fixture('cisco-gateway-tls.eml'));
    const cisco = analysis.hops.find((hop) => hop.by === 'esa2.contoso.iphmx.test');
    expect(cisco?.tls).toEqual({ status: 'tls', protocol: null, cipher: 'ECDHE-RSA-AES256-GCM-SHA384', evidence: 'with ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384' });
    expect(cisco?.with).toBe('ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384');
    expect(analysis.findings.some((finding) => finding.id === 'hop.no-tls')).toBe(false);
  });

  it('reads Exim\'s "(TLS1.2:<cipher>:128)" as TLS 1.2', () => {
    const analysis = analyseHeaders(fixture('cisco-gateway-tls.eml'));
    expect(analysis.hops[0]?.tls).toMatchObject({ status: 'tls', protocol: 'TLS 1.2', cipher: 'ECDHE_RSA_AES_128_GCM_SHA256' });
  });

  it('reads Microsoft SMTPSVC "over TLS secured channel" as TLS, keeps the host name clean, and parses numeric dates', () => {
    const analysis = analyseHeaders(fixture('smtpsvc-numeric-dates.eml'));
    expect(analysis.hops.map((hop) => [hop.by, hop.tls.status, hop.date])).toEqual([
      ['mail.fabrikam.test', 'plain', '2018-04-21T03:00:58.000Z'],
      ['EXCH01.contoso.local', 'tls', '2018-04-21T03:01:06.000Z'],
      ['EXCH02.contoso.local', 'plain', '2018-04-21T03:01:09.000Z'],
    ]);
    expect(analysis.hops[1]?.tls.evidence).toBe('over TLS secured channel');
    expect(analysis.hops.map((hop) => hop.delayMs)).toEqual([null, 8000, 3000]);
    expect(analysis.findings.some((finding) => finding.id === 'hop.date.unreadable')).toBe(false);
  });

  it('takes a date written after "id ..." without ";" as the hop\'s date, not as part of the id', () => {
    const analysis = analyseHeaders(fixture('received-date-without-semicolon.eml'));
    expect(analysis.hops.map((hop) => [hop.id, hop.dateText, hop.date])).toEqual([
      ['408891Cb004455', 'Mon, 8 Jan 2024 08:12:31 GMT', '2024-01-08T08:12:31.000Z'],
      ['3AEL0Aab019876', 'Mon, 8 Jan 2024 09:12:38 +0100', '2024-01-08T08:12:38.000Z'],
      ['7B1C2D3E4F', 'Mon, 8 Jan 2024 09:12:40 +0100 (CET)', '2024-01-08T08:12:40.000Z'],
    ]);
    expect(analysis.findings.some((finding) => finding.id === 'hop.date.missing')).toBe(false);
  });

  it('keeps a one-word id without a date as the id', () => {
    const received = parseReceived('from a.example.test ([192.0.2.1]) by b.example.test with ESMTP id 4SV1Kq');
    expect(received.id).toBe('4SV1Kq');
    expect(received.date).toBeNull();
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

describe('X-Microsoft-Antispam beside X-Forefront-Antispam-Report', () => {
  it('shows the bulk complaint level next to the Forefront report and warns at the default threshold', () => {
    const analysis = analyseHeaders(fixture('office365-bulk-bcl.eml'));
    expect(analysis.microsoftAntispam?.bcl).toBe(8);
    expect(analysis.forefront?.fields.CAT).toBe('BULK');
    const last = analysis.exchange[analysis.exchange.length - 1];
    expect(last?.name).toBe('X-Microsoft-Antispam');
    expect(last?.explanation).toContain('bulk complaint level 8: from a bulk sender that draws many complaints');
    expect(analysis.findings.find((finding) => finding.id === 'exchange.bulk')?.message).toContain('BCL 8');
  });

  it('explains each BCL band and stays quiet below the threshold', () => {
    expect(parseMicrosoftAntispam('BCL:0;').explanations).toEqual(['BCL: bulk complaint level 0: not from a bulk sender']);
    expect(explainExchangeHeader('X-Microsoft-Antispam', 'BCL:3;')).toContain('few complaints');
    expect(explainExchangeHeader('X-Microsoft-Antispam', 'BCL:5;')).toContain('mixed number of complaints');
    expect(explainExchangeHeader('X-Microsoft-Antispam', 'BCL:5;')).not.toContain('threshold');
    expect(explainExchangeHeader('X-Microsoft-Antispam', 'ARA:1;')).toContain('no bulk complaint level');
    const quiet = analyseHeaders('Received: from a ([192.0.2.1]) by b with ESMTPS id 1; Mon, 5 Jan 2026 08:00:00 +0000\nX-Microsoft-Antispam: BCL:1;\n');
    expect(quiet.microsoftAntispam?.bcl).toBe(1);
    expect(quiet.findings.some((finding) => finding.id === 'exchange.bulk')).toBe(false);
  });
});

describe('no headers found', () => {
  it('is a typed outcome for prose with a colon and for bytes that are not text', () => {
    expect(() => analyseHeaders('Note: the headers are below\nbut I forgot to paste them.')).toThrow(NoHeadersError);
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('utf8');
    expect(() => analyseHeaders(bytes)).toThrow(NoHeadersError);
    expect(() => analyseHeaders('')).toThrow(NoHeadersError);
  });

  it('still reads a paste that starts with a note and then has real fields', () => {
    expect(analyseHeaders('Note: from the customer\nSubject: Hello\nFrom: a@example.test\n').subject).toBe('Hello');
  });
});

describe('linear analysis', () => {
  it('analyses 100,000 Received lines (the speed is measured by scripts/bench-headers.mjs)', () => {
    const lines: string[] = [];
    for (let i = 99_999; i >= 0; i -= 1) {
      lines.push(`Received: from relay${i}.contoso.test ([198.51.100.${i % 250}]) by relay${i + 1}.contoso.test with ESMTPS id ${i.toString(16)}; Mon, 5 Jan 2026 08:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000`);
    }
    const analysis = analyseHeaders(`${lines.join('\n')}\nSubject: many hops\n\nbody`);
    expect(analysis.hops).toHaveLength(100_000);
    expect(analysis.hops[0]?.by).toBe('relay1.contoso.test');
    expect(analysis.subject).toBe('many hops');
  });
});
