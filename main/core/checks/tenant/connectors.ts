/**
 * tenant.connectors: what already exists in Exchange Online, compared with the connectors the
 * engagement needs, from the imported inventory. Connectors made by the Hybrid Configuration
 * Wizard are found and kept (the edit scripts change them in place); duplicates, disabled ones, a
 * rule-scoped connector that no rule routes to, weaker TLS and a missing or failed validation are named.
 */
import {
  inboundConnectorsFor,
  isWizardMade,
  outboundConnectorsFor,
  rulesRoutingTo,
  tlsWeakerThan,
} from '../../inventory/analysis.js';
import { finish, NOT_IMPORTED, type DraftOutcome, notImported } from '../inventory-outcome.js';
import type { CheckContext, CheckDefinition, Json } from '../types.js';

interface Finding {
  readonly status: 'warn' | 'fail';
  readonly text: string;
  readonly advice: string;
}

const quote = (name: string): string => `"${name}"`;

export const tenantConnectorsCheck: CheckDefinition<'tenant.connectors'> = {
  id: 'tenant.connectors',
  title: 'Existing Exchange Online connectors fit the engagement',
  step: 'part1',
  dependsOn: [],
  perDomain: false,
  network: false,
  proves: 'The existing Exchange Online connectors for the domains match the engagement: one per direction, enabled, TLS as chosen, validated.',
  statuses: { pass: 'The connectors that exist match the engagement.', warn: 'None exists yet, several overlap, one is disabled, its TLS is weaker or it was never validated.', fail: 'A rule-scoped connector has no enabled rule routing to it.', skip: NOT_IMPORTED },
  run(ctx) {
    return finish(evaluate(ctx));
  },
};

function evaluate(ctx: CheckContext): DraftOutcome {
  const document = ctx.inputs.inventory?.exchangeOnline ?? null;
  if (document === null) {
    return notImported('Exchange Online', 'the existing connectors are');
  }
  const { data } = document;
  const domains = ctx.inputs.domains;
  const wanted = ctx.inputs.outboundTlsSettings ?? 'CertificateValidation';
  const outbound = outboundConnectorsFor(data, domains);
  const inbound = inboundConnectorsFor(data, domains);
  const findings: Finding[] = [];

  const enabledOutbound = outbound.filter((connector) => connector.Enabled !== false);
  if (outbound.length === 0) {
    findings.push({ status: 'warn', text: `no outbound connector routes ${domains.join(', ')} to your server yet`, advice: 'Create the outbound connector with the generated script.' });
  }
  if (enabledOutbound.length > 1) {
    findings.push({
      status: 'warn',
      text: `${enabledOutbound.length} enabled outbound connectors overlap for these domains (${enabledOutbound.map((c) => quote(c.Name)).join(', ')})`,
      advice: 'Keep one connector per route: change the one the scripts target and disable or remove the others.',
    });
  }
  for (const connector of outbound) {
    if (connector.Enabled === false) {
      findings.push({ status: 'warn', text: `outbound connector ${quote(connector.Name)} is disabled`, advice: 'Enable it, or remove it if another connector replaces it.' });
    }
    if (connector.IsTransportRuleScoped === true && rulesRoutingTo(data, connector).every((rule) => rule.State === 'Disabled')) {
      findings.push({
        status: 'fail',
        text: `outbound connector ${quote(connector.Name)} is scoped to a mail flow rule, but no enabled rule routes to it, so nothing uses it`,
        advice: 'Create or enable the mail flow rule that routes your domains to this connector before relying on it.',
      });
    }
    if (tlsWeakerThan(connector.TlsSettings, wanted)) {
      findings.push({
        status: 'warn',
        text: `outbound connector ${quote(connector.Name)} uses TLS ${connector.TlsSettings ?? '(not set)'}, weaker than the chosen ${wanted}`,
        advice: `Change its TLS settings to ${wanted} with the generated edit script.`,
      });
    }
    if (connector.IsValidated !== true) {
      findings.push({
        status: 'warn',
        text:
          connector.LastValidationTimestamp === null
            ? `outbound connector ${quote(connector.Name)} was never validated`
            : `the last validation of outbound connector ${quote(connector.Name)} (${connector.LastValidationTimestamp}) did not pass`,
        advice: 'Run Validate-OutboundConnector (in the generated script) and import its output to prove delivery from Office 365.',
      });
    }
    const delivers = new Set(connector.SmartHosts.map((host) => host.toLowerCase()));
    const missing = ctx.inputs.smartHosts.filter((host) => !delivers.has(host.toLowerCase()));
    if (missing.length > 0) {
      findings.push({
        status: 'warn',
        text: `outbound connector ${quote(connector.Name)} delivers to ${connector.SmartHosts.join(', ') || 'MX records'}, not to ${missing.join(', ')}`,
        advice: 'Check which server should receive the mail; the edit script sets the smart host the engagement names.',
      });
    }
  }
  const enabledInbound = inbound.filter((connector) => connector.Enabled !== false);
  if (inbound.length === 0) {
    findings.push({ status: 'warn', text: 'no OnPremises inbound connector accepts your server\u2019s mail yet', advice: 'Create the inbound connector with the generated script.' });
  }
  if (enabledInbound.length > 1) {
    findings.push({
      status: 'warn',
      text: `${enabledInbound.length} enabled OnPremises inbound connectors overlap (${enabledInbound.map((c) => quote(c.Name)).join(', ')})`,
      advice: 'Keep one inbound connector for your server: change the one the scripts target and disable the others.',
    });
  }
  for (const connector of inbound.filter((c) => c.Enabled === false)) {
    findings.push({ status: 'warn', text: `inbound connector ${quote(connector.Name)} is disabled`, advice: 'Enable it, or remove it if another connector replaces it.' });
  }

  const wizard = [...outbound, ...inbound].filter(isWizardMade).map((connector) => connector.Name);
  const describe = (connector: { readonly Name: string; readonly Enabled: boolean | null; readonly ConnectorSource: string | null }): Json => ({
    name: connector.Name,
    enabled: connector.Enabled,
    source: connector.ConnectorSource,
    wizardMade: isWizardMade(connector),
  });
  const evidence = {
    readAt: document.readAt,
    outbound: outbound.map(describe),
    inbound: inbound.map(describe),
    wizardMade: wizard,
    findings: findings.map((finding) => finding.text),
  };
  const found = `Found ${outbound.length} outbound and ${inbound.length} inbound connector(s) for ${domains.join(', ')}${wizard.length > 0 ? `, made by the Hybrid Configuration Wizard: ${wizard.map(quote).join(', ')} (the edit scripts change these)` : ''}`;
  if (findings.length === 0) return ({ status: 'pass', summary: `${found}; they match the engagement.`, evidence });
  const status = findings.some((finding) => finding.status === 'fail') ? 'fail' : 'warn';
  return ({
    status,
    summary: `${found}; ${findings.map((finding) => finding.text).join('; ')}.`,
    evidence,
    advice: [...new Set(findings.map((finding) => finding.advice))].join(' '),
  });
}
