import { afterAll, describe, expect, it } from 'vitest';
import { createCertificateTrustedCheck } from '../../../../../main/core/checks/tls/certificate-trusted.js';
import { getSmtpProbe } from '../../../../../main/core/checks/smtp/shared.js';
import { createTestPki, pemToDerBase64 } from '../../../../lab/ca.js';
import type { IssuedCert } from '../../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import { startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import type { LabSmtpServer, ScriptedServerOptions } from '../../../../lab/smtp-scenarios.js';

const NAME = 'mail.contoso.test';
const pki = createTestPki();
const issued = pki.issue({ commonName: NAME, dnsNames: [NAME] });
const stray = pki.issue({ commonName: 'unrelated.fabrikam.test', dnsNames: ['unrelated.fabrikam.test'] });
const [intermediatePem = ''] = issued.chainPem;
/** The server sends: its certificate, a stray one, the intermediate, and the intermediate again. */
const oddChain: IssuedCert = { ...issued, chainPem: [stray.certPem, intermediatePem, intermediatePem] };
const asSent = [issued.certPem, stray.certPem, intermediatePem, intermediatePem].map(pemToDerBase64);

const servers: LabSmtpServer[] = [];
async function contextFor(host: string, options: ScriptedServerOptions) {
  const server = await startScriptedServer({ host, cert: oddChain, ...options });
  servers.push(server);
  return createCheckContext({
    inputs: { smartHosts: [NAME], smtpPort: server.port, extraCaPem: [pki.rootPem] },
    resolver: staticResolver({ [NAME]: { A: [server.host] } }),
  });
}
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('the chain exactly as the server sent it', () => {
  it('is read from a TLS 1.2 handshake: order, count, the stray and the duplicate, apart from the validated path', async () => {
    const ctx = await contextFor('127.0.0.64', { tlsMinVersion: 'TLSv1.2', tlsMaxVersion: 'TLSv1.2' });
    const probe = await getSmtpProbe(ctx, { host: NAME, address: '127.0.0.64' });
    expect(probe.tls?.sentChainDer).toEqual(asSent);
    // Node's own view is issuer order, without the stray and the duplicate, completed by the root.
    expect(probe.tls?.peerChainDer).toEqual([issued.certPem, intermediatePem, pki.rootPem].map(pemToDerBase64));
    const outcome = await createCertificateTrustedCheck().run(ctx, ctx.inputs.smartHosts[0] ?? null);
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence['chainSource']).toBe('as sent, read from the handshake');
    expect((outcome.evidence['chain'] as readonly { fingerprintSha256: string }[]).length).toBe(4);
  });

  it('comes from tls.protocols’ TLS 1.2 handshake when the probe itself spoke TLS 1.3', async () => {
    const ctx = await contextFor('127.0.0.65', { tlsMinVersion: 'TLSv1.2' });
    const probe = await getSmtpProbe(ctx, { host: NAME, address: '127.0.0.65' });
    expect(probe.tls?.protocol).toBe('TLSv1.3');
    expect(probe.tls?.sentChainDer).toBeNull();
    const outcome = await createCertificateTrustedCheck().run(ctx, ctx.inputs.smartHosts[0] ?? null);
    expect(outcome.evidence['chainSource']).toBe('as sent, read from a TLS 1.2 handshake (TLS 1.3 encrypts the certificates)');
    expect((outcome.evidence['chain'] as readonly unknown[]).length).toBe(4);
  });

  it('says so when it cannot be read: a server that speaks only TLS 1.3', async () => {
    const ctx = await contextFor('127.0.0.66', { tlsMinVersion: 'TLSv1.3' });
    const outcome = await createCertificateTrustedCheck().run(ctx, ctx.inputs.smartHosts[0] ?? null);
    expect(outcome.evidence['chainSource']).toMatch(/^in issuer order as Node read them, with the trusted root it found/);
    expect((outcome.evidence['chain'] as readonly unknown[]).length).toBe(3);
  });
});
