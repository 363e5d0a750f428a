import { describe, expect, it } from 'vitest';
import { starttlsCheck } from '../../../../../main/core/checks/smtp/starttls.js';
import { startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, outcomeOf, runAll, statuses, UNREACHED, useSmtpLab } from './lab.js';

describe('smtp.starttls', () => {
  const lab = useSmtpLab();
  it('has its stable id, step and dependency', () => {
    expect([starttlsCheck.id, starttlsCheck.step, starttlsCheck.perDomain, starttlsCheck.dependsOn]).toEqual(['smtp.starttls', 'prerequisites', false, ['smtp.ehlo']]);
  });

  it('STARTTLS not offered: enable it by binding a certificate', async () => {
    const server = await lab.serve(startScriptedServer({ host: HOST, capabilities: ['PIPELINING'] }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(statuses(outcomes)).toMatchObject({ 'smtp.ehlo': 'pass', 'smtp.starttls': 'fail', 'tls.handshake': UNREACHED });
    expect(outcomeOf(outcomes, 'smtp.starttls').summary).toBe('The server does not offer STARTTLS, so mail to it cannot be encrypted.');
    expect(outcomeOf(outcomes, 'smtp.starttls').advice?.text).toContain('Enable-ExchangeCertificate -Services SMTP');
  });

  it('STARTTLS offered but refused', async () => {
    const server = await lab.serve(startScriptedServer({ host: HOST, starttlsReply: '454 4.7.0 TLS not available due to local problem' }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.starttls').status).toBe('fail');
    expect(outcomeOf(outcomes, 'smtp.starttls').summary).toContain('454');
    expect(outcomeOf(outcomes, 'smtp.starttls').advice?.text).toContain('private key');
  });
});
