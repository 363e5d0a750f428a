import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { decodeBounce, NoBounceError } from '../../../../main/core/ndr/decode.js';
import type { BounceSide } from '../../../../main/core/ndr/known-failures.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/ndr/${name}`, import.meta.url), 'utf8');
}

interface Case {
  readonly file: string;
  readonly form: 'dsn' | 'plain-text';
  readonly code: string | null;
  readonly reply: number | null;
  readonly id: string;
  readonly side: BounceSide;
  /** Words that must appear in the fix or its commands: the cmdlet or setting to change. */
  readonly fix: string;
}

const CASES: readonly Case[] = [
  { file: '4.4.317-cannot-connect.txt', form: 'plain-text', code: '4.4.317', reply: 450, id: 'eop-cannot-connect-tls', side: 'office365-to-server', fix: 'TlsCertificateName' },
  { file: '5.7.3-starttls-required.eml', form: 'dsn', code: '5.7.3', reply: 451, id: 'starttls-required', side: 'office365-to-server', fix: 'Enable-ExchangeCertificate' },
  { file: '4.7.5-certificate-validation.txt', form: 'plain-text', code: '4.7.5', reply: 454, id: 'certificate-validation', side: 'either', fix: 'Enable-ExchangeCertificate' },
  { file: 'nocredentials.txt', form: 'plain-text', code: null, reply: null, id: 'certificate-validation', side: 'either', fix: 'Set-SendConnector' },
  { file: '4.4.316-connection-refused.eml', form: 'dsn', code: '4.4.316', reply: 550, id: 'eop-connection-refused', side: 'office365-to-server', fix: 'mailflow ranges' },
  { file: '4.4.1-connection-timed-out.txt', form: 'plain-text', code: '4.4.1', reply: 421, id: 'eop-connection-timeout', side: 'office365-to-server', fix: 'mailflow ranges' },
  { file: '5.7.64-tenant-attribution.eml', form: 'dsn', code: '5.7.64', reply: 550, id: 'tenant-attribution', side: 'server-to-office365', fix: 'Set-InboundConnector' },
  { file: '4.7.323-tlsa-invalid.txt', form: 'plain-text', code: '4.7.323', reply: 450, id: 'dane-tls-enforcement', side: 'office365-to-server', fix: 'SmtpDaneMode' },
  { file: '5.7.606-banned-ip.txt', form: 'plain-text', code: '5.7.606', reply: 550, id: 'banned-sending-ip', side: 'server-to-office365', fix: 'sender.office.com' },
  { file: '5.7.708-ip-not-accepted.txt', form: 'plain-text', code: '5.7.708', reply: 550, id: 'ip-not-accepted', side: 'server-to-office365', fix: 'Set-InboundConnector' },
  { file: '4.7.500-throttled.eml', form: 'dsn', code: '4.7.500', reply: 451, id: 'throttled-unexpected-volume', side: 'server-to-office365', fix: 'New-InboundConnector' },
  { file: '5.7.57-not-authenticated.txt', form: 'plain-text', code: '5.7.57', reply: 530, id: 'client-not-authenticated', side: 'server-to-office365', fix: 'mail.protection.outlook.com' },
  { file: '4.4.0-unable-to-connect.txt', form: 'plain-text', code: '4.4.0', reply: 451, id: 'cannot-reach-office365', side: 'server-to-office365', fix: 'Test-NetConnection' },
  { file: '5.1.1-user-unknown.eml', form: 'dsn', code: '5.1.1', reply: 550, id: 'user-unknown', side: 'either', fix: 'InternalRelay' },
  { file: '5.1.10-recipient-not-found.txt', form: 'plain-text', code: '5.1.10', reply: 550, id: 'recipient-not-found', side: 'either', fix: 'InternalRelay' },
  { file: '5.4.1-access-denied.txt', form: 'plain-text', code: '5.4.1', reply: 550, id: 'recipient-access-denied', side: 'either', fix: 'InternalRelay' },
  { file: '5.7.1-unable-to-relay.eml', form: 'dsn', code: '5.7.1', reply: 550, id: 'unable-to-relay', side: 'either', fix: 'relay_domains' },
  { file: '5.2.2-mailbox-full.txt', form: 'plain-text', code: '5.2.2', reply: 552, id: 'mailbox-full', side: 'either', fix: 'ProhibitSendReceiveQuota' },
  { file: '4.4.7-expired.eml', form: 'dsn', code: '4.4.316', reply: 450, id: 'eop-connection-refused', side: 'office365-to-server', fix: 'mailflow ranges' },
  { file: '5.4.14-hop-count.txt', form: 'plain-text', code: '5.4.14', reply: 554, id: 'mail-loop', side: 'either', fix: 'RecipientDomains' },
  { file: '5.7.23-spf.txt', form: 'plain-text', code: '5.7.23', reply: 550, id: 'spf-violation', side: 'either', fix: 'include:spf.protection.outlook.com' },
  { file: '5.7.509-dmarc.txt', form: 'plain-text', code: '5.7.509', reply: 550, id: 'dmarc-reject', side: 'either', fix: 'Set-DkimSigningConfig' },
  { file: '5.7.750-unregistered-domain.txt', form: 'plain-text', code: '5.7.750', reply: 550, id: 'unregistered-domain', side: 'server-to-office365', fix: 'New-AcceptedDomain' },
  { file: 'validation-smtp-ehlo.txt', form: 'plain-text', code: null, reply: null, id: 'validation-ehlo', side: 'office365-to-server', fix: 'SMTP inspection' },
  { file: 'validation-resolve.txt', form: 'plain-text', code: null, reply: null, id: 'validation-resolve', side: 'office365-to-server', fix: 'SmartHosts' },
];

describe('decodeBounce: one fixture per known failure', () => {
  it.each(CASES)('$file -> $code $id', (c) => {
    const analysis = decodeBounce(fixture(c.file));
    expect(analysis.form).toBe(c.form);
    const primary = analysis.primary;
    expect(primary.code).toBe(c.code);
    expect(primary.reply).toBe(c.reply);
    expect(primary.known?.id).toBe(c.id);
    expect(primary.known?.side).toBe(c.side);
    expect(primary.known?.meaning).not.toBe('');
    expect(primary.known?.cause).not.toBe('');
    expect(`${primary.known?.fix ?? ''}\n${primary.known?.commands.join('\n') ?? ''}`).toContain(c.fix);
    if (primary.code !== null) expect(primary.line).toContain(primary.code);
  });
});

describe('decodeBounce: details', () => {
  it('reads the DSN fields of a Postfix bounce', () => {
    const analysis = decodeBounce(fixture('5.7.64-tenant-attribution.eml'));
    expect(analysis.subject).toBe('Undelivered Mail Returned to Sender');
    expect(analysis.reportingMta).toBe('mail.contoso.test');
    expect(analysis.arrivalDate).toBe('Wed, 15 Nov 2023 10:30:01 +0100 (CET)');
    expect(analysis.recipients).toEqual([
      {
        source: 'dsn',
        finalRecipient: 'judy@example.test',
        originalRecipient: 'judy@example.test',
        action: 'failed',
        status: '5.7.64',
        remoteMta: 'contoso-test.mail.protection.outlook.com',
        diagnosticCode: '550 5.7.64 TenantAttribution; Relay Access Denied [DB1PEPF000509E5.eurprd05.prod.outlook.com 2023-11-15T09:30:01.000Z 08DBE5A1B2C3D4E5]',
        lastAttemptDate: null,
      },
    ]);
    expect(analysis.diagnoses).toHaveLength(1);
    expect(analysis.primary.generic).toContain('permanent failure');
  });

  it('lists every code of a chained Exchange Online NDR, the real cause first', () => {
    const analysis = decodeBounce(fixture('4.4.317-cannot-connect.txt'));
    expect(analysis.diagnoses.map((d) => [d.code, d.known?.id])).toEqual([
      ['5.4.300', 'message-expired'],
      ['4.4.317', 'eop-cannot-connect-tls'],
      ['5.7.3', 'starttls-required'],
    ]);
    expect(analysis.primary.code).toBe('4.4.317');
    expect(analysis.subject).toBeNull();
  });

  it('decodes quoted-printable text and the class-flipped DSN status of a Microsoft code', () => {
    const refused = decodeBounce(fixture('4.4.316-connection-refused.eml'));
    expect(refused.recipients[0]?.status).toBe('5.4.316');
    expect(refused.diagnoses.map((d) => [d.code, d.known?.id])).toEqual([
      ['4.4.316', 'eop-connection-refused'],
      ['5.4.316', 'eop-connection-refused'],
    ]);
    const expired = decodeBounce(fixture('4.4.7-expired.eml'));
    expect(expired.diagnoses.map((d) => d.code)).toEqual(['4.4.7', '4.4.316']);
    expect(expired.diagnoses[0]?.known?.wrapper).toBe(true);
  });

  it('decodes a base64 text part', () => {
    const analysis = decodeBounce(fixture('5.7.1-unable-to-relay.eml'));
    expect(analysis.diagnoses).toHaveLength(1);
    expect(analysis.recipients[0]?.finalRecipient).toBe('trent@contoso.test');
  });

  it('names the exact code inside a range', () => {
    const analysis = decodeBounce(fixture('4.7.323-tlsa-invalid.txt'));
    expect(analysis.primary.known?.detail).toBe('tlsa-invalid: the TLSA record does not match the certificate');
  });

  it('recognises NoCredentials by its words next to an unrelated 4.4.0', () => {
    const analysis = decodeBounce(fixture('nocredentials.txt'));
    expect(analysis.diagnoses.map((d) => [d.code, d.known?.id ?? null])).toEqual([
      ['4.4.0', null],
      ['4.4.2', null],
      [null, 'certificate-validation'],
    ]);
  });

  it('matches the 4.2.1 inside an Exchange queue error to the blocked port 25', () => {
    const analysis = decodeBounce(fixture('4.4.0-unable-to-connect.txt'));
    expect(analysis.diagnoses.map((d) => [d.code, d.known?.id])).toEqual([
      ['4.4.0', 'cannot-reach-office365'],
      ['4.2.1', 'cannot-reach-office365'],
    ]);
  });

  it('explains unknown codes by class and subject (RFC 3463)', () => {
    const analysis = decodeBounce(fixture('5.3.4-unknown-code.txt'));
    expect(analysis.primary).toMatchObject({ code: '5.3.4', reply: 552, known: null, statusClass: 'permanent' });
    expect(analysis.primary.generic).toBe(
      'permanent failure: the message was not delivered and retrying will not help until something is changed. Area: mail system (the receiving server); the message is larger than the system accepts.',
    );
    const temporary = decodeBounce('451 4.3.99 something odd happened');
    expect(temporary.primary.statusClass).toBe('temporary');
    expect(temporary.primary.generic).toContain('Area: mail system');
  });

  it('throws NoBounceError for text without a bounce', () => {
    expect(() => decodeBounce(fixture('not-a-bounce.txt'))).toThrow(NoBounceError);
    expect(() => decodeBounce('')).toThrow(/paste the whole non-delivery report/);
  });
});

describe('decodeBounce: where it was seen', () => {
  it('cuts a long line to a window around the match', () => {
    const analysis = decodeBounce(fixture('nocredentials.txt'));
    const words = analysis.diagnoses.find((d) => d.code === null);
    expect(words?.line.startsWith('...')).toBe(true);
    expect(words?.line.endsWith('TLS negotiation failed with error NoCredentials')).toBe(true);
  });
});

describe('reply code and enhanced code disagree', () => {
  it('takes the class from the SMTP reply code, and says so', () => {
    const analysis = decodeBounce('451 5.7.3 STARTTLS is required to send mail');
    expect(analysis.primary.reply).toBe(451);
    expect(analysis.primary.statusClass).toBe('temporary');
    expect(analysis.primary.generic).toContain('The reply code 451 decides this');
  });
});

describe('decodeBounce: bounces as real servers write them (issue 11, item 6)', () => {
  it('reads an Exchange / Office 365 NDR without a status part: recipients, codes and the generating server', () => {
    const analysis = decodeBounce(fixture('exchange-text-only-5.1.10.txt'));
    expect(analysis.form).toBe('plain-text');
    expect(analysis.outcome).toBe('failed');
    expect(analysis.reportingMta).toBe('AM9PR05MB8123.eurprd05.prod.outlook.com');
    expect(analysis.recipients.map((r) => [r.source, r.finalRecipient, r.action, r.status])).toEqual([
      ['exchange-text', 'peter@fabrikam.test', 'failed', '5.1.10'],
      ['exchange-text', 'quinn@fabrikam.test', 'failed', '5.1.10'],
    ]);
    expect(analysis.recipients[0]?.diagnosticCode).toBe('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
  });

  it('takes the occurrence of a code that comes with its SMTP reply, not an earlier prose mention', () => {
    const analysis = decodeBounce(fixture('exchange-text-only-5.1.10.txt'));
    expect(analysis.primary.code).toBe('5.1.10');
    expect(analysis.primary.reply).toBe(550);
    expect(analysis.primary.line).toContain("Remote Server returned '550 5.1.10");
    const prose = decodeBounce('Delivery failed. The code 5.1.10 means the address is unknown.\nRemote Server returned \'550 5.1.10 RESOLVER.ADR.RecipientNotFound\'');
    expect(prose.primary.reply).toBe(550);
  });

  it('reads an Exim bounce: "The following address(es) failed:", each address with its host and SMTP error', () => {
    const analysis = decodeBounce(fixture('exim-failed-recipients.eml'));
    expect(analysis.outcome).toBe('failed');
    expect(analysis.reportingMta).toBe('mx1.fabrikam.test');
    expect(analysis.recipients.map((r) => [r.source, r.finalRecipient, r.status, r.remoteMta])).toEqual([
      ['exim-text', 'sam@fabrikam.test', '5.1.1', 'store.fabrikam.test'],
      ['exim-text', 'tara@fabrikam.test', '5.2.2', 'store.fabrikam.test'],
    ]);
    expect(analysis.recipients[1]?.diagnosticCode).toBe('552 5.2.2 <tara@fabrikam.test>: Recipient address rejected: Mailbox full');
    expect(analysis.diagnoses.map((d) => d.code)).toEqual(['5.1.1', '5.2.2']);
  });

  it('reads X-Failed-Recipients when the text lists no recipients', () => {
    const analysis = decodeBounce(fixture('x-failed-recipients-only.eml'));
    expect(analysis.outcome).toBe('failed');
    expect(analysis.reportingMta).toBe('gw.fabrikam.test');
    expect(analysis.recipients).toEqual([
      { source: 'x-failed-recipients', finalRecipient: 'walt@fabrikam.test', originalRecipient: null, action: 'failed', status: null, remoteMta: null, diagnosticCode: null, lastAttemptDate: null },
    ]);
    expect(analysis.primary).toMatchObject({ code: '5.1.1', reply: 550 });
  });

  it('never says "keeps retrying" when every recipient says Action: failed, whatever the first digit', () => {
    for (const file of ['4.4.1-action-failed.eml', '4.4.7-expired.eml']) {
      const analysis = decodeBounce(fixture(file));
      expect(analysis.outcome).toBe('failed');
      for (const diagnosis of analysis.diagnoses) {
        expect(diagnosis.generic ?? '').not.toContain('keeps retrying');
        if (diagnosis.statusClass === 'temporary') expect(diagnosis.generic).toContain('has given up');
      }
    }
  });

  it('keeps "keeps retrying" for Action: delayed, and says mixed when some recipients failed and some are delayed', () => {
    const delayed = decodeBounce(fixture('4.4.1-action-delayed.eml'));
    expect(delayed.outcome).toBe('delayed');
    expect(delayed.primary.generic).toContain('keeps retrying');
    const mixed = decodeBounce(fixture('4.4.1-action-failed.eml').replace('Action: failed', 'Action: failed\n\nFinal-Recipient: rfc822; wendy@fabrikam.test\nAction: delayed\nStatus: 4.4.1'));
    expect(mixed.outcome).toBe('mixed');
    expect(mixed.recipients.map((r) => r.action)).toEqual(['failed', 'delayed']);
  });
});
