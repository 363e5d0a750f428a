import { describe, expect, it } from 'vitest';
import { officeProofFor } from '../../../../renderer/src/features/imports/office-proof';
import { VALIDATION_STAGES, type Engagement, type StageResult, type TraceEntry } from '../../../../preload/contract';
import { engagementFixture } from '../../engagement-fixture';

const stage = (smartHost: string | null, name: StageResult['stage'], status: StageResult['status'], fix: string | null = null): StageResult => ({ smartHost, stage: name, status, detail: status === 'fail' ? 'timed out' : '', fix });
const allPass = (host: string): StageResult[] => VALIDATION_STAGES.map((name) => stage(host, name, 'pass'));
const trace = (sender: string | null, recipient: string, status: string): TraceEntry => ({ recipient, sender, subject: 'Test', status, received: null, delivered: status === 'Delivered', events: status === 'Failed' ? [{ event: 'Fail', detail: '550 5.4.1 Recipient address rejected', date: null }] : [] });

const withProof = (proof: Partial<Engagement['officeProof']>, overrides: Partial<Engagement> = {}): Engagement =>
  engagementFixture({ officeProof: { validation: null, trace: null, ...proof }, ...overrides });

const validation = (stages: StageResult[], connectors: NonNullable<Engagement['officeProof']['validation']>['connectors'] = []) => ({ importedAt: '2026-12-01T10:00:00.000Z', fileName: null, stages, connectors });

describe('officeProofFor', () => {
  it('has nothing to say without an import, or for items a validation does not prove', () => {
    expect(officeProofFor(engagementFixture(), 'pre.port-25')).toEqual([]);
    const passed = withProof({ validation: validation(allPass('mail.contoso.test')) });
    expect(officeProofFor(passed, 'pre.tls-certificate')).toEqual([]);
    expect(officeProofFor(passed, 'test.inbound')).toEqual([]);
  });

  it('proves port 25 from a passed connection, and the connector only when all four stages passed', () => {
    const passed = withProof({ validation: validation(allPass('mail.contoso.test')) });
    expect(officeProofFor(passed, 'pre.port-25')).toEqual([{ status: 'pass', text: expect.stringMatching(/^Office 365 connected to mail\.contoso\.test on port 25 from the Internet/) as string }]);
    expect(officeProofFor(passed, 'p1.outbound-connector')).toEqual([{ status: 'pass', text: expect.stringMatching(/^Office 365 reached mail\.contoso\.test on port 25 and delivered a test message to it over TLS/) as string }]);

    const partial = withProof({ validation: validation([stage('mail.contoso.test', 'Resolve', 'pass'), stage('mail.contoso.test', 'Connection', 'pass')]) });
    expect(officeProofFor(partial, 'pre.port-25')[0]?.status).toBe('pass');
    expect(officeProofFor(partial, 'p1.outbound-connector')).toEqual([{ status: 'warn', text: expect.stringContaining('does not show TLS/EHLO and Send as passed') as string }]);
  });

  it('puts each failure on the item it concerns, with its fix, and names a smart host the validation left out', () => {
    const engagement = withProof(
      { validation: validation([stage('mail.contoso.test', 'Resolve', 'pass'), stage('mail.contoso.test', 'Connection', 'pass'), stage('mail.contoso.test', 'Send', 'fail', 'Check the recipients.')]) },
      { smartHosts: ['mail.contoso.test', 'mail2.contoso.test'] },
    );
    expect(officeProofFor(engagement, 'pre.port-25').map((line) => line.status)).toEqual(['pass', 'warn']);
    const connector = officeProofFor(engagement, 'p1.outbound-connector');
    expect(connector[0]).toEqual({ status: 'fail', text: 'Office 365 could not complete Send for mail.contoso.test: timed out. Check the recipients.' });
    expect(connector[1]?.text).toContain('does not name mail2.contoso.test');
  });

  it('reads the connector’s own validated flag, only for connectors that deliver to this engagement’s smart hosts', () => {
    const connector = (name: string, isValidated: boolean | null, smartHosts: string[]) => ({ name, isValidated, lastValidationTimestamp: null, validationRecipients: [], smartHosts });
    const engagement = withProof({ validation: validation([], [connector('To Contoso', true, ['MAIL.contoso.test']), connector('To Fabrikam', false, ['mail.fabrikam.test'])]) });
    expect(officeProofFor(engagement, 'p1.outbound-connector')).toEqual([{ status: 'pass', text: 'Office 365 lists the connector "To Contoso" as validated.' }]);
    const never = withProof({ validation: validation([], [connector('To Contoso', false, [])]) });
    expect(officeProofFor(never, 'p1.outbound-connector')[0]).toMatchObject({ status: 'warn', text: expect.stringContaining('never validated') as string });
  });

  it('splits the message trace by sender and recipient: in from outside, out to outside; mail within the organisation proves neither', () => {
    const entries = [
      trace('friend@example.net', 'it@CONTOSO.test', 'Delivered'),
      trace('it@contoso.test', 'friend@example.net', 'Failed'),
      trace('it@sales.contoso.test', 'other@example.org', 'Pending'),
      trace('it@contoso.test', 'boss@contoso.test', 'Delivered'),
      trace(null, 'it@contoso.test', 'Delivered'),
    ];
    const engagement = withProof({ trace: { importedAt: '2026-12-01T10:00:00.000Z', fileName: null, entries } });
    expect(officeProofFor(engagement, 'test.inbound')).toEqual([{ status: 'pass', text: 'Message trace: delivered to it@CONTOSO.test ("Test").' }]);
    expect(officeProofFor(engagement, 'test.outbound')).toEqual([
      { status: 'fail', text: 'Message trace: friend@example.net ("Test") is Failed: Fail (550 5.4.1 Recipient address rejected).' },
      { status: 'warn', text: 'Message trace: other@example.org ("Test") is Pending.' },
    ]);
  });
});
