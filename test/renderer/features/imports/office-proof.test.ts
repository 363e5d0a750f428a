import { describe, expect, it } from 'vitest';
import { officeProofFor } from '../../../../renderer/src/features/imports/office-proof';
import type { Engagement, StageResult, TraceEntry } from '../../../../preload/contract';
import { engagementFixture } from '../../engagement-fixture';

const stage = (smartHost: string | null, name: StageResult['stage'], status: StageResult['status'], fix: string | null = null): StageResult => ({ smartHost, stage: name, status, detail: status === 'fail' ? 'timed out' : '', fix });
const trace = (recipient: string, status: string): TraceEntry => ({ recipient, sender: 'it@contoso.test', subject: 'Test', status, received: null, delivered: status === 'Delivered', events: status === 'Failed' ? [{ event: 'Fail', detail: '550 5.4.1 Recipient address rejected', date: null }] : [] });

const withProof = (proof: Partial<Engagement['officeProof']>, overrides: Partial<Engagement> = {}): Engagement =>
  engagementFixture({ officeProof: { validation: null, trace: null, ...proof }, ...overrides });

const validation = (stages: StageResult[], connectors: NonNullable<Engagement['officeProof']['validation']>['connectors'] = []) => ({ importedAt: '2026-12-01T10:00:00.000Z', fileName: null, stages, connectors });

describe('officeProofFor', () => {
  it('has nothing to say without an import, or for items a validation does not prove', () => {
    expect(officeProofFor(engagementFixture(), 'pre.port-25')).toEqual([]);
    const passed = withProof({ validation: validation([stage('mail.contoso.test', 'Connection', 'pass')]) });
    expect(officeProofFor(passed, 'pre.tls-certificate')).toEqual([]);
    expect(officeProofFor(passed, 'test.inbound')).toEqual([]);
  });

  it('proves port 25 and the outbound connector per smart host when every stage passed', () => {
    const passed = withProof({ validation: validation([stage('mail.contoso.test', 'Resolve', 'pass'), stage('mail.contoso.test', 'Send', 'pass')]) });
    for (const item of ['pre.port-25', 'p1.outbound-connector']) {
      const lines = officeProofFor(passed, item);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.status).toBe('pass');
      expect(lines[0]?.text).toMatch(/^Office 365 reached mail\.contoso\.test on port 25 and delivered to it over TLS/);
    }
  });

  it('names the failed stage with its fix, and a smart host the validation left out', () => {
    const engagement = withProof(
      { validation: validation([stage('mail.contoso.test', 'Resolve', 'pass'), stage('mail.contoso.test', 'Connection', 'fail', 'Open port 25 to the EOP ranges.')]) },
      { smartHosts: ['mail.contoso.test', 'mail2.contoso.test'] },
    );
    const lines = officeProofFor(engagement, 'pre.port-25');
    expect(lines.map((line) => line.status)).toEqual(['fail', 'warn']);
    expect(lines[0]?.text).toBe('Office 365 could not complete Connection for mail.contoso.test: timed out. Open port 25 to the EOP ranges.');
    expect(lines[1]?.text).toContain('does not name mail2.contoso.test');
  });

  it('warns on a stage it cannot read, and reads the connector’s own validated flag without stages', () => {
    expect(officeProofFor(withProof({ validation: validation([stage('mail.contoso.test', 'TLS/EHLO', 'unknown')]) }), 'pre.port-25')[0]?.status).toBe('warn');
    const connector = (isValidated: boolean | null) => ({ name: 'To Contoso', isValidated, lastValidationTimestamp: null, validationRecipients: [], smartHosts: [] });
    expect(officeProofFor(withProof({ validation: validation([], [connector(true)]) }), 'p1.outbound-connector')).toEqual([{ status: 'pass', text: 'Office 365 lists the connector "To Contoso" as validated.' }]);
    expect(officeProofFor(withProof({ validation: validation([], [connector(false)]) }), 'p1.outbound-connector')[0]).toMatchObject({ status: 'warn', text: expect.stringContaining('never validated') as string });
  });

  it('splits the message trace by direction: to the engagement’s domains is inbound, elsewhere is outbound', () => {
    const engagement = withProof({ trace: { importedAt: '2026-12-01T10:00:00.000Z', fileName: null, entries: [trace('it@CONTOSO.test', 'Delivered'), trace('friend@example.net', 'Failed'), trace('other@example.org', 'Pending')] } });
    expect(officeProofFor(engagement, 'test.inbound')).toEqual([{ status: 'pass', text: 'Message trace: delivered to it@CONTOSO.test ("Test").' }]);
    expect(officeProofFor(engagement, 'test.outbound')).toEqual([
      { status: 'fail', text: 'Message trace: friend@example.net ("Test") is Failed: Fail (550 5.4.1 Recipient address rejected).' },
      { status: 'warn', text: 'Message trace: other@example.org ("Test") is Pending.' },
    ]);
  });
});
