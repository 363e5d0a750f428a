import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseHeaders } from '../../../../main/core/headers/analyse.js';
import { decodeBounce } from '../../../../main/core/ndr/decode.js';
import { bounceEvidence, headerEvidence, messageEvidence, type SentMessage } from '../../../../main/core/test-evidence/record.js';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');
const context = { domains: ['contoso.test'], smartHosts: ['mail.contoso.test'] };
const stamp = { id: 'ev1', at: '2026-12-02T10:00:00.000Z' };

/** The Postfix fixture as a message from outside: EOP hands it to mail.contoso.test. */
const inboundHeaders = fixture('headers/postfix-from-office365.eml').replace('From: Dave Contoso <dave@contoso.test>', 'From: Alice Fabrikam <alice@fabrikam.test>');

const outboundHeaders = (throughOffice365: boolean): string =>
  [
    throughOffice365
      ? 'Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2050.outbound.protection.outlook.com [40.107.22.50]) by mx.fabrikam.test with ESMTPS id 1; Wed, 2 Dec 2026 10:00:05 +0000'
      : 'Received: from mail.contoso.test (mail.contoso.test [198.51.100.20]) by mx.fabrikam.test with ESMTPS id 1; Wed, 2 Dec 2026 10:00:05 +0000',
    ...(throughOffice365
      ? [
          'Received: from mail.contoso.test (198.51.100.20) by AM6PEPF0000A1B2.mail.protection.outlook.com (10.167.16.230) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8 via Frontend Transport; Wed, 2 Dec 2026 10:00:03 +0000',
        ]
      : []),
    'Received: from localhost (localhost [127.0.0.1]) by mail.contoso.test (Postfix) with ESMTP id 2; Wed, 2 Dec 2026 10:00:01 +0000',
    'From: Dave Contoso <dave@contoso.test>',
    'To: erin@fabrikam.test',
    'Subject: Outbound test',
    '',
    'body',
  ].join('\r\n');

describe('headers as Test evidence', () => {
  it('proves the way in and names the hop from Exchange Online to the smart host as the outbound connector', () => {
    const reading = headerEvidence(analyseHeaders(inboundHeaders), context, stamp);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.evidence).toMatchObject({ kind: 'headers', item: 'test.inbound', status: 'pass', subject: 'Connector test from Office 365' });
    expect(reading.evidence.summary).toMatch(/^Arrived through Office 365 and the outbound connector: Exchange Online handed it to mail\.contoso\.test at hop \d over TLS\./);
    const labelled = reading.value.hops.filter((hop) => hop.connector !== null);
    expect(labelled.map((hop) => [hop.from, hop.by, hop.connector])).toEqual([['EUR04-DB3-obe.outbound.protection.outlook.com', 'mail.contoso.test', 'outbound']]);
    expect(reading.evidence.kind === 'headers' && reading.evidence.path.some((line) => line.includes('[outbound connector: Office 365 → your server]'))).toBe(true);
  });

  it('fails the way in when the message reached the server without Office 365', () => {
    const direct = fixture('headers/gmail-direct.eml');
    const analysis = analyseHeaders(direct);
    const reading = headerEvidence({ ...analysis, from: 'someone@gmail.test', to: 'carol@contoso.test' }, context, stamp);
    expect(reading.ok && reading.evidence).toMatchObject({ item: 'test.inbound', status: 'fail', summary: expect.stringContaining('without passing through Office 365') as unknown });
  });

  it('proves the way out through the inbound connector, and fails a message the server delivered directly', () => {
    const through = headerEvidence(analyseHeaders(outboundHeaders(true)), context, stamp);
    expect(through.ok && through.evidence).toMatchObject({ item: 'test.outbound', status: 'pass' });
    expect(through.ok && through.evidence.summary).toContain('received it from mail.contoso.test at hop 2 through the inbound connector');
    expect(through.value.hops.find((hop) => hop.connector !== null)).toMatchObject({ index: 2, connector: 'inbound' });
    const direct = headerEvidence(analyseHeaders(outboundHeaders(false)), context, stamp);
    expect(direct.ok && direct.evidence).toMatchObject({ item: 'test.outbound', status: 'fail', summary: expect.stringContaining('delivered it directly') as unknown });
  });

  it('keeps nothing for a message within the organisation, and says why', () => {
    const reading = headerEvidence(analyseHeaders(fixture('headers/postfix-from-office365.eml')), context, stamp);
    expect(reading).toMatchObject({ ok: false, reason: expect.stringContaining('proves neither way') as unknown });
    expect(headerEvidence(analyseHeaders(inboundHeaders), { domains: [], smartHosts: [] }, stamp)).toMatchObject({ ok: false, reason: expect.stringContaining('Add your domains') as unknown });
  });
});

describe('bounces and sent messages as Test evidence', () => {
  it('reads a bounce for an outside recipient as a failure of the way out, with its fix', () => {
    const reading = bounceEvidence(decodeBounce(fixture('ndr/5.7.64-tenant-attribution.eml')), context, stamp);
    expect(reading.ok && reading.evidence).toMatchObject({ kind: 'bounce', item: 'test.outbound', status: 'fail', code: '5.7.64', recipients: ['judy@example.test'] });
    expect(reading.ok && reading.evidence.kind === 'bounce' && reading.evidence.fix).toMatch(/inbound connector/i);
  });

  it('reads a bounce for one of the domains as a failure of the way in', () => {
    const reading = bounceEvidence(decodeBounce(fixture('ndr/5.1.1-user-unknown.eml')), context, stamp);
    expect(reading.ok && reading.evidence).toMatchObject({ item: 'test.inbound', status: 'fail', recipients: ['mallory@contoso.test'] });
  });

  const sent: SentMessage = {
    server: 'mail.contoso.test',
    from: 'dave@contoso.test',
    to: ['erin@fabrikam.test'],
    accepted: ['erin@fabrikam.test'],
    rejected: [],
    serverResponse: '250 2.0.0 Ok: queued as 4SVZ',
    problem: null,
    transcript: [
      { direction: 'client', text: 'EHLO laptop' },
      { direction: 'server', text: '250 mail.contoso.test' },
    ],
  };

  it('keeps a sent message as supporting evidence with its transcript, and a refused one as a failure', () => {
    const reading = messageEvidence(sent, context, stamp);
    expect(reading.ok && reading.evidence).toMatchObject({ kind: 'message', item: 'test.outbound', status: 'pass', transcript: ['C: EHLO laptop', 'S: 250 mail.contoso.test'] });
    expect(reading.ok && reading.evidence.summary).toContain('paste the delivered message’s headers to prove it arrived');
    const refused = messageEvidence({ ...sent, accepted: [], rejected: sent.to, problem: 'the server refused the sender (550 5.7.1 Relay denied)' }, context, stamp);
    expect(refused.ok && refused.evidence).toMatchObject({ status: 'fail', summary: expect.stringContaining('550 5.7.1 Relay denied') as unknown });
    expect(messageEvidence({ ...sent, to: ['carol@contoso.test'] }, context, stamp)).toMatchObject({ ok: false });
  });

  it('keeps a transcript the recorder cut at its limit, and never passes a path through a server that is not a smart host', () => {
    const long = { ...sent, transcript: Array.from({ length: 201 }, (_, index) => ({ direction: 'server' as const, text: `250-line ${String(index)}` })) };
    const reading = messageEvidence(long, context, stamp);
    expect(reading.ok && reading.evidence.kind === 'message' && reading.evidence.transcript).toHaveLength(201);
    const elsewhere = headerEvidence(analyseHeaders(inboundHeaders), { ...context, smartHosts: ['mx2.contoso.test'] }, stamp);
    expect(elsewhere.ok && elsewhere.evidence).toMatchObject({ status: 'warn', summary: expect.stringContaining('not one of your smart hosts') as unknown });
    const fromCloud = headerEvidence(analyseHeaders(outboundHeaders(true).replace('from mail.contoso.test (198.51.100.20) by AM6', 'from laptop.home.test (192.0.2.9) by AM6')), context, stamp);
    expect(fromCloud.ok && fromCloud.evidence).toMatchObject({ status: 'warn' });
  });

  it('keeps no bounce whose recipients are both inside and outside the domains', () => {
    const mixed = decodeBounce(fixture('ndr/5.7.64-tenant-attribution.eml'));
    const both = { ...mixed, recipients: [...mixed.recipients, { ...mixed.recipients[0], finalRecipient: 'carol@contoso.test', originalRecipient: null } as (typeof mixed.recipients)[number]] };
    expect(bounceEvidence(both, context, stamp)).toMatchObject({ ok: false, reason: expect.stringContaining('both inside and outside') as unknown });
  });
});
