import { describe, expect, it } from 'vitest';
import { handshakeCheck } from '../../../../../main/core/checks/tls/handshake.js';
import { startGoodSmtpServer, startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import { HOST, NAME, outcomeOf, runAll, useSmtpLab } from '../smtp/lab.js';

describe('tls.handshake', () => {
  const lab = useSmtpLab();
  it('has its stable id, step and dependency', () => {
    expect([handshakeCheck.id, handshakeCheck.step, handshakeCheck.perDomain, handshakeCheck.dependsOn]).toEqual(['tls.handshake', 'prerequisites', false, ['smtp.starttls']]);
  });

  it('leaves a bad certificate to the certificate checks: the handshake still passes', async () => {
    const server = await lab.serve(startGoodSmtpServer({ host: HOST, cert: lab.pki().issue({ commonName: NAME, selfSigned: true }) }));
    const outcomes = await runAll(lab.contextFor(server));
    expect(outcomeOf(outcomes, 'tls.handshake').status).toBe('pass');
    expect(outcomeOf(outcomes, 'tls.handshake').evidence.tls).toMatchObject({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('TLS 1.0 only: the handshake check fails with advice to enable TLS 1.2', async () => {
    const server = await lab.serve(
      startScriptedServer({ host: HOST, cert: lab.cert(), tlsMinVersion: 'TLSv1', tlsMaxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    );
    const outcomes = await runAll(lab.contextFor(server));
    expect(outcomeOf(outcomes, 'smtp.starttls').status).toBe('pass');
    expect(outcomeOf(outcomes, 'tls.handshake').status).toBe('fail');
    expect(outcomeOf(outcomes, 'tls.handshake').summary).toContain('only TLSv1 with');
    expect(outcomeOf(outcomes, 'tls.handshake').advice?.text).toContain('Enable TLS 1.2');
  });

  it('connection dropped during the handshake fails, and so does one dropped right after it', async () => {
    const during = await lab.serve(startScriptedServer({ host: HOST, cert: lab.cert(), afterStarttls: 'drop-during-handshake' }));
    const duringOutcome = await handshakeCheck.run(lab.contextFor(during), NAME);
    expect(duringOutcome.status).toBe('fail');
    expect(duringOutcome.summary).toContain('hung up during the TLS handshake');

    const after = await lab.serve(startScriptedServer({ host: HOST, cert: lab.cert(), afterStarttls: 'drop-after-handshake' }));
    const afterOutcome = await handshakeCheck.run(lab.contextFor(after), NAME);
    expect(afterOutcome.status).toBe('fail');
    expect(afterOutcome.summary).toContain('did not carry on over TLS');
  });
});
