import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { analyseHeaders, formatDuration, NoHeadersError } from '../../../../main/core/headers/analyse.js';
import type { HeaderAnalysis } from '../../../../main/core/headers/analyse.js';
import { explainExchangeHeader, parseMicrosoftAntispam } from '../../../../main/core/headers/exchange.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/headers/${name}`, import.meta.url), 'utf8');
}

function ids(analysis: HeaderAnalysis): string[] {
  return analysis.findings.map((f) => f.id);
}

describe('analyseHeaders: Exchange Online inbound (Internet -> EOP -> mailbox)', () => {
  const analysis = analyseHeaders(fixture('exchange-online-inbound.eml'));

  it('orders the hops oldest first with from/by/with/id/for', () => {
    expect(analysis.hops.map((h) => [h.from, h.by])).toEqual([
      ['laptop.example.test', 'mail.example.test'],
      ['mail.example.test', 'DB1PEPF000509E5.mail.protection.outlook.com'],
      ['DB1PEPF000509E5.eurprd05.prod.outlook.com', 'AM0PR05CA0080.outlook.office365.com'],
      ['AM0PR05CA0080.eurprd05.prod.outlook.com', 'AS8PR05MB7890.eurprd05.prod.outlook.com'],
      ['AS8PR05MB7890.eurprd05.prod.outlook.com', 'AM0PR05MB6543.eurprd05.prod.outlook.com'],
    ]);
    expect(analysis.hops[0]).toMatchObject({ with: 'ESMTPSA', id: '4SV1Kq3x9Zz9sWd', for: 'bob@contoso.test', fromAddress: '192.0.2.15' });
    expect(analysis.hops[1]?.fromAddress).toBe('198.51.100.20');
  });

  it('computes the delay of each hop and the total', () => {
    expect(analysis.hops.map((h) => h.delayMs)).toEqual([null, 3000, 1000, 1000, 1000]);
    expect(analysis.totalDelayMs).toBe(6000);
    expect(analysis.hops[0]?.date).toBe('2023-11-14T16:15:28.000Z');
  });

  it('records TLS on each hop', () => {
    expect(analysis.hops.map((h) => [h.tls.status, h.tls.protocol])).toEqual([
      ['tls', null],
      ['tls', 'TLS 1.3'],
      ['tls', 'TLS 1.3'],
      ['tls', 'TLS 1.2'],
      ['tls', null],
    ]);
    expect(ids(analysis)).not.toContain('hop.no-tls');
  });

  it('detects the passage through EOP from the hosts and the headers', () => {
    expect(analysis.eop.passed).toBe(true);
    expect(analysis.eop.firstHop).toBe(2);
    expect(analysis.eop.evidence).toContain('hop 2 received by DB1PEPF000509E5.mail.protection.outlook.com');
    expect(analysis.eop.evidence).toContain('header X-Forefront-Antispam-Report');
    expect(analysis.hops.map((h) => h.microsoft)).toEqual([false, true, true, true, true]);
  });

  it('reads SPF, DKIM, DMARC and compauth from Authentication-Results', () => {
    expect(analysis.auth.spf).toMatchObject({ result: 'pass', domain: 'example.test', source: 'Authentication-Results' });
    expect(analysis.auth.dkim).toMatchObject({ result: 'pass', domain: 'example.test' });
    expect(analysis.auth.dmarc).toMatchObject({ result: 'pass', domain: 'example.test' });
    expect(analysis.auth.compauth).toMatchObject({ result: 'pass' });
    expect(analysis.auth.all.map((r) => r.source)).toContain('Received-SPF');
    const spf = analysis.findings.find((f) => f.id === 'auth.spf.pass');
    expect(spf?.message).toContain('198.51.100.20');
    expect(analysis.findings.find((f) => f.id === 'auth.compauth.pass')?.message).toContain('reason 100');
  });

  it('lists and explains the Exchange organisation and cross-tenant headers', () => {
    const names = analysis.exchange.map((h) => h.name);
    expect(names).toContain('X-MS-Exchange-Organization-AuthAs');
    expect(names).toContain('X-MS-Exchange-CrossTenant-Id');
    expect(names).toContain('X-MS-Exchange-CrossTenant-OriginalArrivalTime');
    const scl = analysis.exchange.find((h) => h.name === 'X-MS-Exchange-Organization-SCL');
    expect(scl?.explanation).toBe('spam confidence level 1: not spam');
    expect(analysis.exchange.every((h) => h.explanation !== '')).toBe(true);
    expect(analysis.forefront?.fields.CIP).toBe('198.51.100.20');
    expect(ids(analysis)).toContain('exchange.anonymous');
  });

  it('reads the message summary and has no problems', () => {
    expect(analysis.subject).toBe('Quarterly figures');
    expect(analysis.date).toBe('2023-11-14T16:15:27.000Z');
    expect(analysis.findings.filter((f) => f.severity === 'problem')).toEqual([]);
  });
});

describe('analyseHeaders: Office 365 -> Postfix (outbound connector)', () => {
  const analysis = analyseHeaders(fixture('postfix-from-office365.eml'));

  it('reads the Postfix TLS comment on the hop from EOP', () => {
    const hop = analysis.hops.find((h) => h.by === 'mail.contoso.test' && h.from?.includes('outbound.protection.outlook.com') === true);
    expect(hop?.tls).toMatchObject({ status: 'tls', protocol: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(hop?.fromAddress).toBe('198.51.100.97');
    expect(hop?.index).toBe(3);
  });

  it('treats mapi, loopback and LMTP hand-offs as local', () => {
    expect(analysis.hops.map((h) => h.tls.status)).toEqual(['local', 'tls', 'tls', 'local', 'local']);
    expect(analysis.hops.map((h) => h.delayMs)).toEqual([null, 1000, 3000, 1000, 0]);
    expect(analysis.totalDelayMs).toBe(5000);
  });

  it('sees EOP, takes SPF from Received-SPF and DKIM/DMARC from the local verifier', () => {
    expect(analysis.eop.passed).toBe(true);
    expect(analysis.auth.spf).toMatchObject({ result: 'pass', domain: 'contoso.test', source: 'Received-SPF' });
    expect(analysis.auth.dkim).toMatchObject({ result: 'pass', domain: 'contoso.test' });
    expect(analysis.auth.dmarc).toMatchObject({ result: 'pass', domain: 'contoso.test' });
    expect(analysis.auth.compauth).toBeNull();
  });

  it('explains the cross-premises headers', () => {
    const crossPremises = analysis.exchange.filter((h) => h.name.startsWith('X-MS-Exchange-CrossPremises-'));
    expect(crossPremises.map((h) => h.name)).toEqual([
      'X-MS-Exchange-CrossPremises-AuthAs',
      'X-MS-Exchange-CrossPremises-AuthSource',
      'X-MS-Exchange-CrossPremises-SCL',
      'X-MS-Exchange-CrossPremises-messagesource',
    ]);
    expect(crossPremises[0]?.explanation).toContain('inside your organisation');
    expect(crossPremises[3]?.explanation).toContain('hybrid');
    expect(analysis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('analyseHeaders: Gmail, sent directly by the own server', () => {
  const analysis = analyseHeaders(fixture('gmail-direct.eml'));

  it('reads the mx.google.com hop with its TLS version and cipher', () => {
    expect(analysis.hops).toHaveLength(3);
    expect(analysis.hops[1]).toMatchObject({ from: 'mail.example.test', by: 'mx.google.com', with: 'ESMTPS', for: 'erin@gmail.test', fromAddress: '203.0.113.45' });
    expect(analysis.hops[1]?.tls).toMatchObject({ status: 'tls', protocol: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(analysis.hops[2]?.tls.status).toBe('local');
    expect(analysis.hops.map((h) => h.delayMs)).toEqual([null, 2000, 1000]);
  });

  it('flags the submission hop without TLS', () => {
    const noTls = analysis.findings.filter((f) => f.id === 'hop.no-tls');
    expect(noTls.map((f) => f.hop)).toEqual([1]);
    expect(noTls[0]?.message).toContain('had no TLS');
  });

  it('reports SPF softfail with the IP, DMARC failure with the policy, DKIM pass', () => {
    expect(analysis.auth.spf).toMatchObject({ result: 'softfail', domain: 'example.test', source: 'Authentication-Results' });
    expect(analysis.auth.dkim).toMatchObject({ result: 'pass', domain: 'example.test' });
    const spf = analysis.findings.find((f) => f.id === 'auth.spf.softfail');
    expect(spf?.severity).toBe('warn');
    expect(spf?.message).toContain('203.0.113.45');
    const dmarc = analysis.findings.find((f) => f.id === 'auth.dmarc.fail');
    expect(dmarc?.severity).toBe('problem');
    expect(dmarc?.message).toContain('quarantine');
  });

  it('did not pass EOP: information by default, a problem when the MX points to Office 365', () => {
    expect(analysis.eop.passed).toBe(false);
    expect(analysis.findings.find((f) => f.id === 'eop.not-passed')?.severity).toBe('info');
    const strict = analyseHeaders(fixture('gmail-direct.eml'), { mxPointsToOffice365: true });
    const bypassed = strict.findings.find((f) => f.id === 'eop.bypassed');
    expect(bypassed?.severity).toBe('problem');
    expect(bypassed?.message).toContain('MX points to Office 365');
  });
});

describe('analyseHeaders: folded lines, CRLF, junk and odd dates', () => {
  const analysis = analyseHeaders(fixture('folded-odd-dates.eml'));

  it('skips the note before the headers and unfolds the subject', () => {
    expect(analysis.subject).toBe('A subject folded over two lines');
    expect(analysis.hops).toHaveLength(6);
  });

  it('reads every odd date it can and never throws on the others', () => {
    expect(analysis.hops.map((h) => h.date)).toEqual([
      '2023-11-14T21:15:00.000Z',
      '2023-11-14T21:20:00.000Z',
      '2023-11-14T21:45:10.000Z',
      '2023-11-14T21:40:00.000Z',
      null,
      null,
    ]);
    expect(analysis.hops.map((h) => h.delayMs)).toEqual([null, 300_000, 1_510_000, -310_000, null, null]);
    expect(analysis.totalDelayMs).toBe(1_500_000);
  });

  it('turns the oddities into findings on the right hops', () => {
    const byId = (id: string): (number | undefined)[] => analysis.findings.filter((f) => f.id === id).map((f) => f.hop);
    expect(byId('hop.date.odd')).toEqual([1, 2, 3]);
    expect(byId('hop.slow')).toEqual([3]);
    expect(byId('hop.clock-skew')).toEqual([4]);
    expect(byId('hop.date.unreadable')).toEqual([5]);
    expect(byId('hop.date.missing')).toEqual([6]);
    expect(byId('hop.no-tls')).toEqual([1, 3, 4]);
    expect(byId('hop.old-tls')).toEqual([2]);
    expect(analysis.hops[1]?.tls.protocol).toBe('TLS 1.0');
    expect(analysis.findings.find((f) => f.id === 'hop.date.odd')?.message).toContain('two-digit year');
  });

  it('says when no SPF result was recorded', () => {
    expect(analysis.auth.spf).toBeNull();
    expect(ids(analysis)).toContain('auth.spf.missing');
  });
});

describe('analyseHeaders: findings from inline headers', () => {
  it('explains an SPF failure with the domain and the sending IP', () => {
    const analysis = analyseHeaders('Authentication-Results: spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=contoso.test; dkim=none (message not signed) header.d=none; dmarc=fail action=oreject header.from=contoso.test; compauth=fail reason=000\nSubject: x\n');
    const spf = analysis.findings.find((f) => f.id === 'auth.spf.fail');
    expect(spf?.severity).toBe('problem');
    expect(spf?.message).toBe('SPF failed for contoso.test: the sending IP 203.0.113.9 is not in the SPF record. Add it (ip4:) or, when mail now leaves through Office 365, include:spf.protection.outlook.com.');
    expect(ids(analysis)).toEqual(expect.arrayContaining(['hops.none', 'auth.dkim.none', 'auth.dmarc.fail', 'auth.compauth.fail']));
    expect(analysis.findings.find((f) => f.id === 'auth.compauth.fail')?.message).toContain('reason 000');
  });

  it('falls back to ARC-Authentication-Results when nothing newer recorded a verdict', () => {
    const analysis = analyseHeaders('ARC-Authentication-Results: i=1; mx.microsoft.test 1; spf=pass (sender ip is 198.51.100.20) smtp.rcpttodomain=contoso.test smtp.mailfrom=example.test; dkim=pass header.d=example.test\nSubject: x\n');
    expect(analysis.auth.spf).toMatchObject({ result: 'pass', domain: 'example.test', source: 'ARC-Authentication-Results' });
    expect(analysis.auth.dkim?.source).toBe('ARC-Authentication-Results');
  });

  it('explains compauth reason bands', () => {
    const reason = (r: string): string | undefined =>
      analyseHeaders(`Authentication-Results: compauth=fail reason=${r}\n`).findings.find((f) => f.id.startsWith('auth.compauth'))?.message;
    expect(reason('001')).toContain('implicit authentication failed');
    expect(reason('601')).toContain('your own accepted domains');
    expect(reason('905')).toContain('bypassed');
  });

  it('flags Office 365 delivering to the own server without TLS', () => {
    const analysis = analyseHeaders([
      'Received: from mail-x.outbound.protection.outlook.com ([198.51.100.97]) by mail.contoso.test with ESMTP id 1; Wed, 15 Nov 2023 09:02:14 +0000',
      'Received: from A.eurprd04.prod.outlook.com (2603:10a6:102:1d8::9) by B.eurprd04.prod.outlook.com (2603:10a6:20b:f1::18) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7002.26; Wed, 15 Nov 2023 09:02:11 +0000',
      '',
    ].join('\n'));
    const finding = analysis.findings.find((f) => f.id === 'eop.delivery-no-tls');
    expect(finding).toMatchObject({ severity: 'problem', hop: 2 });
  });

  it('notes mail from the on-premises server and spam verdicts', () => {
    const analysis = analyseHeaders('X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\nX-MS-Exchange-Organization-SCL: 6\nX-Forefront-Antispam-Report: CIP:203.0.113.25;SFV:SPM;CAT:SPM;\n');
    expect(ids(analysis)).toEqual(expect.arrayContaining(['exchange.from-on-premises', 'exchange.spam', 'exchange.category', 'eop.passed']));
  });

  it('throws NoHeadersError with an actionable message when there are no headers', () => {
    expect(() => analyseHeaders('hello, this is not a header block')).toThrow(NoHeadersError);
    expect(() => analyseHeaders('')).toThrow(/paste the full headers/);
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(3000)).toBe('3 s');
    expect(formatDuration(1_510_000)).toBe('25 min 10 s');
    expect(formatDuration(3 * 3_600_000 + 120_000)).toBe('3 h 2 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
  });
});

describe('mail that stayed on-premises', () => {
  it('is not taken for EOP because on-premises Exchange wrote X-MS-Exchange-Organization headers', () => {
    const analysis = analyseHeaders(
      [
        'Received: from EX01.corp.contoso.test (10.0.0.5) by EX02.corp.contoso.test (10.0.0.6) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1118.40; Fri, 27 Nov 2026 09:00:01 +0000',
        'X-MS-Exchange-Organization-AuthAs: Internal',
        'X-MS-Exchange-Organization-AuthSource: EX01.corp.contoso.test',
        'From: a@contoso.test',
        'To: b@contoso.test',
        'Subject: internal',
        '',
        'body',
      ].join('\r\n'),
    );
    expect(analysis.eop.passed).toBe(false);
    expect(analysis.exchange.map((header) => header.name)).toContain('X-MS-Exchange-Organization-AuthAs');
  });
});

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
