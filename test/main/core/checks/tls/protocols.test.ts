import { afterAll, describe, expect, it } from 'vitest';
import { tlsProtocolsCheck } from '../../../../../main/core/checks/tls/protocols.js';
import { netConnector } from '../../../../../main/core/smtp/net-connector.js';
import type { SocketConnector } from '../../../../../main/core/ports/socket.js';
import { offerableWeakFamilies, WEAK_SUITE_FAMILIES } from '../../../../../main/core/smtp/tls-upgrade.js';
import { createTestPki } from '../../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import { startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import type { LabSmtpServer, ScriptedServerOptions } from '../../../../lab/smtp-scenarios.js';

const pki = createTestPki();
const cert = pki.issue({ commonName: 'mail.contoso.test' });

async function runAgainst(server: LabSmtpServer, connector: SocketConnector = netConnector) {
  const ctx = createCheckContext({
    inputs: { smartHosts: ['mail.contoso.test'], smtpPort: server.port, extraCaPem: [pki.rootPem] },
    resolver: staticResolver({ 'mail.contoso.test': { A: [server.host] } }),
    connector,
  });
  return tlsProtocolsCheck.run(ctx, ctx.inputs.smartHosts[0] ?? null);
}

/** A connector that counts the connections made through it. */
function countingConnector(): { readonly connector: SocketConnector; readonly count: () => number } {
  let made = 0;
  return {
    connector: { connect: (options) => { made += 1; return netConnector.connect(options); } },
    count: () => made,
  };
}

describe('tls.protocols against lab servers', () => {
  const servers: LabSmtpServer[] = [];
  const start = async (host: string, options: ScriptedServerOptions): Promise<LabSmtpServer> => {
    const server = await startScriptedServer({ host, cert, ...options });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('is a prerequisite after STARTTLS', () => {
    expect(tlsProtocolsCheck).toMatchObject({ id: 'tls.protocols', step: 'prerequisites', dependsOn: ['smtp.starttls'] });
  });

  it('passes a server with TLS 1.2 and 1.3 only, naming the weak suites it was asked about and those it could not be', async () => {
    const outcome = await runAgainst(await start('127.0.0.60', { tlsMinVersion: 'TLSv1.2' }));
    expect(outcome.status).toBe('pass');
    const notOffered = WEAK_SUITE_FAMILIES.map(({ family }) => family).filter((family) => !offerableWeakFamilies().includes(family));
    expect(outcome.evidence['attempts']).toMatchObject({
      'TLSv1.2': { result: 'accepted' },
      'TLSv1.3': { result: 'accepted' },
      TLSv1: { result: 'refused' },
      'weak-ciphers': { result: 'refused', notOffered },
    });
    expect(outcome.summary).toMatch(/refuses the NULL and anonymous suites/);
  });

  it('reads TLS 1.3 from the main probe, which offered it, instead of a handshake of its own', async () => {
    const counting = countingConnector();
    const outcome = await runAgainst(await start('127.0.0.64', { tlsMinVersion: 'TLSv1.2' }), counting.connector);
    expect(outcome.evidence['attempts']).toMatchObject({ 'TLSv1.3': { result: 'accepted', protocol: 'TLSv1.3' } });
    // The main probe, TLS 1.0, 1.1, 1.2 and the weak suites: five connections, not six.
    expect(counting.count()).toBe(5);
  });

  it('calls TLS 1.3 refused when the main probe offered it and the server chose TLS 1.2', async () => {
    const outcome = await runAgainst(await start('127.0.0.65', { tlsMinVersion: 'TLSv1.2', tlsMaxVersion: 'TLSv1.2' }));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence['attempts']).toMatchObject({
      'TLSv1.2': { result: 'accepted' },
      'TLSv1.3': { result: 'refused', detail: expect.stringContaining('the server chose TLSv1.2') as unknown },
    });
  });

  it('warns about a server that still accepts TLS 1.0 and 1.1', async () => {
    const outcome = await runAgainst(await start('127.0.0.61', { tlsMinVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }));
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toContain('TLS 1.0');
    expect(outcome.evidence['attempts']).toMatchObject({ TLSv1: { result: 'accepted', protocol: 'TLSv1' } });
  });

  it('offers the NULL and anonymous suites OpenSSL 3 still has, and warns when the server accepts one', async () => {
    expect(offerableWeakFamilies()).toEqual(expect.arrayContaining(['NULL', 'anonymous']));
    const outcome = await runAgainst(await start('127.0.0.62', { tlsMinVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:AECDH-AES128-SHA:@SECLEVEL=0' }));
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toMatch(/accepts the weak cipher suite TLS_ECDH_anon_WITH_/);
  });

  it('fails a server that speaks only TLS 1.0', async () => {
    const outcome = await runAgainst(await start('127.0.0.63', { tlsMinVersion: 'TLSv1', tlsMaxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }));
    expect(outcome.status).toBe('fail');
  });
});
