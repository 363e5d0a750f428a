import { describe, expect, it } from 'vitest';
import { onpremReceiveCertificateCheck } from '../../../../../main/core/checks/onprem/receive-certificate.js';
import type { CheckResult } from '../../../../../main/core/checks/types.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { inventoryOf, listOf, rawInventory } from '../../../../fixtures/inventory/load.js';

const WILDCARD = "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=*.contoso.com";
const clock = { now: () => Date.parse('2026-12-01T00:00:00Z'), monotonic: () => 0 };

async function run(change: (raw: ReturnType<typeof rawInventory>) => void, results: CheckResult[] = []) {
  const raw = rawInventory('exchange-server.json');
  change(raw);
  return onpremReceiveCertificateCheck.run(createCheckContext({ inputs: { domains: ['contoso.com'], smartHosts: ['mail.contoso.com'], inventory: inventoryOf(raw) }, clock, results }), null);
}

const setName = (name: string) => (raw: ReturnType<typeof rawInventory>) => Object.assign(listOf(raw, 'receiveConnectors')[0] ?? {}, { TlsCertificateName: name });

describe('onprem.receive-certificate', () => {
  it('suggests the CA-signed wildcard certificate when the connector names none', async () => {
    const outcome = await run(() => undefined);
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence['receiveConnector']).toBe('EX01\\Default Frontend EX01');
    expect(outcome.evidence['suggestedTlsCertificateName']).toBe(WILDCARD);
  });

  it('passes when the connector names a usable certificate the server also presented', async () => {
    const presented = { id: 'tls.certificate.name', target: 'mail.contoso.com', evidence: { tlsCertificateName: WILDCARD } } as unknown as CheckResult;
    const outcome = await run(setName(WILDCARD), [presented]);
    expect(outcome.status).toBe('pass');
  });

  it('fails a self-signed certificate, an unknown one and a mismatch with what the server presented', async () => {
    expect((await run(setName('<I>CN=EX01<S>CN=EX01'))).status).toBe('fail');
    expect((await run(setName('<I>CN=Other CA<S>CN=mail.contoso.com'))).summary).toContain('which is no certificate on this server');
    const presented = { id: 'tls.certificate.name', target: 'mail.contoso.com', evidence: { tlsCertificateName: '<I>CN=Firewall<S>CN=fw.contoso.com' } } as unknown as CheckResult;
    const outcome = await run(setName(WILDCARD), [presented]);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('another connector or device answers on port 25');
  });

  it('fails when only a self-signed certificate names the smart host', async () => {
    const outcome = await run((raw) => {
      raw.data['certificates'] = listOf(raw, 'certificates').filter((certificate) => certificate['IsSelfSigned'] === true);
      Object.assign(listOf(raw, 'certificates')[0] ?? {}, { CertificateDomains: ['mail.contoso.com'] });
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('only a self-signed one does');
  });
});
