import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEopRelayCheck } from '../../../../../main/core/checks/eop/relay.js';
import type { CheckOutcome, RelayInputs } from '../../../../../main/core/checks/types.js';
import { startAttributingMx, type AttributingMx, type AttributingMxOptions } from '../../../../lab/attributing-mx.js';
import { createTestPki, type IssuedCert, type TestPki } from '../../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';

/** This suite's loopback range is 127.0.4.0/24: one attributing Office 365 MX stand-in per scenario. */
const TENANT_MX = 'contoso-test.mail.protection.outlook.com';
const SERVER = 'mail.contoso.test';
let pki: TestPki;
let serverCert: IssuedCert;
const stands: AttributingMx[] = [];

beforeAll(() => {
  pki = createTestPki();
  serverCert = pki.issue({ commonName: SERVER, dnsNames: [SERVER] });
});
afterAll(async () => {
  await Promise.all(stands.map((stand) => stand.close()));
});

async function standIn(host: string, options: Partial<AttributingMxOptions> = {}): Promise<AttributingMx> {
  const stand = await startAttributingMx({ host, cert: pki.issue({ dnsNames: [TENANT_MX] }), clientCaPem: pki.rootPem, acceptedDomains: ['contoso.test'], connectors: {}, ...options });
  stands.push(stand);
  return stand;
}

const relay = (overrides: Partial<RelayInputs> = {}): RelayInputs => ({
  from: 'it@contoso.test',
  to: 'someone@fabrikam.example',
  clientCertificate: null,
  inboundConnector: 'On-premises mail server to Office 365',
  inboundBy: 'certificate',
  senderIpAddresses: [],
  certificateName: null,
  ...overrides,
});

function run(stand: AttributingMx, relayInputs: RelayInputs | null): Promise<CheckOutcome> {
  const ctx = createCheckContext({
    inputs: { domains: ['contoso.test'], smartHosts: [SERVER], tenantMx: TENANT_MX, extraCaPem: [pki.rootPem], timeoutMs: 3000, relay: relayInputs },
    resolver: staticResolver({ [TENANT_MX]: { A: [stand.host] } }),
  });
  return createEopRelayCheck(stand.port).run(ctx, null);
}

const withCertificate = (): RelayInputs['clientCertificate'] => ({ certPem: [serverCert.certPem, ...serverCert.chainPem].join('\n'), keyPem: serverCert.keyPem });
const fixCommands = (outcome: CheckOutcome): string[] => (outcome.advice?.fixes ?? []).flatMap((fix) => (fix.kind === 'command' ? [fix.command] : []));

describe('eop.relay against an Office 365 MX stand-in that attributes connections as Exchange Online does', () => {
  it('passes when the inbound connector claims the server’s certificate, and never sends DATA', async () => {
    const stand = await standIn('127.0.4.10', { connectors: { certificateNames: [SERVER] } });
    const outcome = await run(stand, relay({ clientCertificate: withCertificate() }));
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toMatch(/^Office 365 accepts relay to the Internet from this network: contoso-test\.mail\.protection\.outlook\.com answered RCPT TO:<someone@fabrikam\.example> with 250 /);
    expect(outcome.summary).toContain('proves the address this computer sends from');
    expect(outcome.evidence['certificatePresented']).toMatchObject({ names: [SERVER], fingerprintSha256: expect.stringMatching(/^[0-9A-F:]{95}$/) as unknown });
    const transcript = outcome.evidence['transcript'] as readonly string[];
    expect(transcript.some((line) => /C: EHLO mail\.contoso\.test$/.test(line))).toBe(true);
    expect(transcript.filter((line) => / C: /.test(line)).map((line) => line.replace(/^.* C: /, '').split(/[ :]/)[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'MAIL', 'RCPT', 'RSET', 'QUIT']);
    expect(stand.sessions[0]?.clientCertificateNames).toContain(SERVER);
    expect(stand.sessions[0]?.commands).toEqual(['MAIL FROM:<it@contoso.test>', 'RCPT TO:<someone@fabrikam.example>']);
    expect(stand.dataSeen()).toBe(false);
  });

  it('fails with TenantAttribution when no certificate is presented, naming the Set-InboundConnector fix for the certificate', async () => {
    const stand = await standIn('127.0.4.11', { connectors: { certificateNames: [SERVER] } });
    const outcome = await run(stand, relay());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('does not recognise this connection as your server’s (TenantAttribution)');
    expect(outcome.summary).toContain('550 5.7.64 TenantAttribution; Relay Access Denied');
    expect(fixCommands(outcome)).toEqual(['Set-InboundConnector "On-premises mail server to Office 365" -TlsSenderCertificateName mail.contoso.test -RequireTls $true']);
    expect(outcome.advice?.text).toContain('No certificate was presented in this test');
    expect(stand.dataSeen()).toBe(false);
  });

  it('attributes by source address: passes when the connector lists it, fails with the SenderIPAddresses fix when it does not', async () => {
    const byIp = await standIn('127.0.4.12', { connectors: { senderIps: ['127.0.0.1'] } });
    expect((await run(byIp, relay({ inboundBy: 'ip' }))).status).toBe('pass');
    expect(byIp.sessions[0]?.remoteAddress).toBe('127.0.0.1');
    const other = await standIn('127.0.4.13', { connectors: { senderIps: ['198.51.100.20'] } });
    const refused = await run(other, relay({ inboundBy: 'ip', senderIpAddresses: ['198.51.100.20'], inboundConnector: 'From "Contoso" mail' }));
    expect(refused.status).toBe('fail');
    expect(fixCommands(refused)).toEqual(['Set-InboundConnector "From `"Contoso`" mail" -SenderIPAddresses 198.51.100.20']);
    const unknownIp = await run(other, relay({ inboundBy: 'ip' }));
    expect(fixCommands(unknownIp)).toEqual(['Set-InboundConnector "On-premises mail server to Office 365" -SenderIPAddresses <this network’s public IP address>']);
  });

  it('fails a blocked sending address with the delisting portal, and warns on a temporary refusal', async () => {
    const blocked = await run(await standIn('127.0.4.14', { blockedIps: ['127.0.0.1'], connectors: { senderIps: ['127.0.0.1'] } }), relay());
    expect(blocked.status).toBe('fail');
    expect(blocked.summary).toContain('blocks the address this network sends from (5.7.606)');
    expect(blocked.advice?.text).toContain('https://sender.office.com');
    const busy = await run(await standIn('127.0.4.15', { busy: true }), relay());
    expect(busy.status).toBe('warn');
    expect(busy.summary).toContain('“not now” (4.7.500)');
  });

  it('is skipped, saying why, without an outside recipient, and connects to nothing', async () => {
    const stand = await standIn('127.0.4.16');
    for (const inputs of [null, relay({ to: null })]) {
      const outcome = await run(stand, inputs);
      expect(outcome.status).toBe('skip');
      expect(outcome.summary).toContain('give an outside recipient');
      expect(outcome.advice?.fixes).toEqual([{ kind: 'setting', setting: 'relayTo' }]);
    }
    expect(stand.sessions).toEqual([]);
  });
});
