import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEopSmtpCheck } from '../../../../../main/core/checks/eop/smtp.js';
import type { CheckContext } from '../../../../../main/core/checks/types.js';
import type { SocketConnector } from '../../../../../main/core/ports/socket.js';
import { createTestPki } from '../../../../lab/ca.js';
import type { IssuedCert, TestPki } from '../../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import type { TestContextOptions } from '../../../../lab/check-context.js';
import { closedPort, startGoodSmtpServer, startScriptedServer } from '../../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../../lab/smtp-scenarios.js';

const HOST = '127.0.0.32';
const TENANT_MX = 'contoso-test.mail.protection.outlook.com';

let pki: TestPki;
let microsoftLike: IssuedCert;
const servers: LabSmtpServer[] = [];

beforeAll(() => {
  pki = createTestPki();
  microsoftLike = pki.issue({ commonName: 'mail.protection.outlook.com', dnsNames: ['mail.protection.outlook.com', '*.mail.protection.outlook.com'] });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(start: Promise<LabSmtpServer>): Promise<LabSmtpServer> {
  const server = await start;
  servers.push(server);
  return server;
}

function context(options: TestContextOptions = {}): CheckContext {
  return createCheckContext({
    resolver: staticResolver({ [TENANT_MX]: { A: [HOST] }, 'fabrikam-test.mail.protection.outlook.com': { A: [HOST] } }),
    ...options,
    inputs: { domains: ['contoso.test'], extraCaPem: [pki.rootPem], timeoutMs: 1200, ...options.inputs },
  });
}

describe('eop.smtp', () => {
  it('is the part-2 check with no dependencies, on port 25 by default', () => {
    expect(createEopSmtpCheck()).toMatchObject({ id: 'eop.smtp', step: 'part2', perDomain: false, dependsOn: [] });
  });

  it('passes when the tenant MX host answers with STARTTLS and a valid certificate', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert: microsoftLike, name: TENANT_MX }));
    const outcome = await createEopSmtpCheck(server.port).run(context(), null);
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe(`${TENANT_MX} answered on port ${server.port} with STARTTLS (TLSv1.3) and a valid certificate.`);
    expect(outcome.evidence).toMatchObject({ tenantMx: TENANT_MX, addresses: [HOST], address: HOST, tls: { authorized: true } });
  });

  it('uses the tenant MX host instead of the derived name when given', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert: microsoftLike }));
    const outcome = await createEopSmtpCheck(server.port).run(context({ inputs: { tenantMx: 'fabrikam-test.mail.protection.outlook.com' } }), null);
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence.tenantMx).toBe('fabrikam-test.mail.protection.outlook.com');
  });

  it('fails with port-blocked advice when the port is closed', async () => {
    const target = await closedPort(HOST);
    const outcome = await createEopSmtpCheck(target.port).run(context(), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain(`Could not reach ${TENANT_MX} (${HOST}) on port ${target.port}`);
    expect(outcome.advice?.text).toContain(`Outbound TCP port ${target.port} from this network is probably blocked`);
    expect(outcome.advice?.text).toContain(`Test-NetConnection ${TENANT_MX} -Port ${target.port}`);
  });

  it('fails with port-blocked advice when the connection times out', async () => {
    const dropping: SocketConnector = {
      connect: ({ signal }) =>
        new Promise<Socket>((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
    };
    const started = performance.now();
    const outcome = await createEopSmtpCheck().run(context({ connector: dropping }), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('on port 25: no answer to the TCP connection request');
    expect(outcome.advice?.text).toContain('Outbound TCP port 25');
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it('fails when the certificate does not validate (TLS interception or old roots)', async () => {
    const server = await serve(startGoodSmtpServer({ host: HOST, cert: pki.issue({ commonName: 'firewall.local' }) }));
    const outcome = await createEopSmtpCheck(server.port).run(context(), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(outcome.advice?.text).toContain('intercepts TLS');
  });

  it('fails when STARTTLS is stripped on the way', async () => {
    const server = await serve(startScriptedServer({ host: HOST, capabilities: ['PIPELINING'] }));
    const outcome = await createEopSmtpCheck(server.port).run(context(), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('did not let this network start TLS');
  });

  it('fails with naming advice when the tenant MX host does not exist', async () => {
    const outcome = await createEopSmtpCheck().run(context({ inputs: { tenantMx: 'nope.mail.protection.outlook.com' } }), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('nope.mail.protection.outlook.com did not resolve (NXDOMAIN)');
    expect(outcome.advice?.fixes).toEqual([{ kind: 'setting', setting: 'tenantMx' }]);
  });
});
