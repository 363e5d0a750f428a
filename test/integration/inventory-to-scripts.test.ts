/**
 * The acceptance path of issue 12: the customer already has wizard-made connectors ("Inbound from
 * <GUID>" / "Outbound to <GUID>") and an Authoritative domain. Inventory documents (as the
 * read-only scripts write them) are imported, the checks name what exists and what is wrong, and
 * the edit scripts change exactly those objects.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { command as scriptsCommand } from '../../main/cli/commands/scripts.js';
import { onpremReceiveCertificateCheck } from '../../main/core/checks/onprem/receive-certificate.js';
import { onpremSendConnectorCheck } from '../../main/core/checks/onprem/send-connector.js';
import { tenantAcceptedDomainTypeCheck } from '../../main/core/checks/tenant/accepted-domain-type.js';
import { tenantConnectorsCheck } from '../../main/core/checks/tenant/connectors.js';
import { createCheckContext } from '../lab/check-context.js';
import { memoryIo } from '../lab/cli-io.js';
import { inventoryOf } from '../fixtures/inventory/load.js';

const fixtures = fileURLToPath(new URL('../fixtures/inventory/', import.meta.url));
const OUTBOUND = 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const INBOUND = 'Inbound from 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const clock = { now: () => Date.parse('2026-12-01T00:00:00Z'), monotonic: () => 0 };

describe('wizard-made connectors and an Authoritative domain: inventory → checks → edit scripts', () => {
  const inventory = inventoryOf('exchange-online-wizard.json', 'exchange-server.json');
  const ctx = createCheckContext({ inputs: { domains: ['contoso.com'], smartHosts: ['mail.contoso.com'], inventory }, clock });

  it('the checks find the wizard-made connectors, the Authoritative domain, the winning "*" connector and the unset certificate', async () => {
    const connectors = await tenantConnectorsCheck.run(ctx, null);
    expect(connectors.status).toBe('warn');
    expect(connectors.summary).toContain(`made by the Hybrid Configuration Wizard: "${OUTBOUND}", "${INBOUND}"`);
    const domainType = await tenantAcceptedDomainTypeCheck.run(ctx, 'contoso.com');
    expect(domainType.summary).toContain('contoso.com is Authoritative');
    const send = await onpremSendConnectorCheck.run(ctx, null);
    expect(send.summary).toContain('"Internet" (*, cost 1) carries Internet mail today');
    const receive = await onpremReceiveCertificateCheck.run(ctx, null);
    expect(receive.evidence['suggestedTlsCertificateName']).toBe("<I>CN=R11, O=Let's Encrypt, C=US<S>CN=*.contoso.com");
  });

  it('mailflow scripts --mode edit --inventory changes exactly those objects', async () => {
    const { io, out, err } = memoryIo({ cwd: fixtures });
    const args = ['--domain', 'contoso.com', '--smart-host', 'mail.contoso.com', '--mode', 'edit', '--inventory', 'exchange-online-wizard.json', '--inventory', 'exchange-server.json'];
    expect(await scriptsCommand.run(args, io)).toBe(0);
    expect(err()).toBe('');
    const text = out();
    const changes = text.split('\n').filter((line) => /^(?:Set|New)-(?!Item)/.test(line));
    expect(changes).toEqual([
      `Set-OutboundConnector -Identity '${OUTBOUND}' @outboundConnector`,
      `Set-InboundConnector -Identity '${INBOUND}' @inboundConnector`,
      "Set-AcceptedDomain -Identity 'contoso.com' -DomainType 'InternalRelay'",
      "New-SendConnector -Name 'To Office 365' @sendConnector",
      "Set-SendConnector -Identity 'Internet' -Enabled $false",
      "Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=*.contoso.com'",
    ]);
    expect(text).toContain("TlsSettings           = 'CertificateValidation'");
    expect(text.indexOf('Export-Clixml')).toBeLessThan(text.indexOf('Set-OutboundConnector'));
  });

  it('mailflow scripts --mode new --inventory refuses to duplicate them, naming them', async () => {
    const args = ['--domain', 'contoso.com', '--smart-host', 'mail.contoso.com', '--inventory', 'exchange-online-wizard.json'];
    await expect(scriptsCommand.run(args, memoryIo({ cwd: fixtures }).io)).rejects.toThrow(`--mode: an outbound connector for contoso.com already exists ("${OUTBOUND}")`);
  });
});
