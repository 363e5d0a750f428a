/**
 * The scripts start from what really exists: with an imported inventory, edit scripts target the
 * connectors and rules that are there (a wizard-made "Outbound to <GUID>" included), creation is
 * refused when an equivalent connector exists (naming it), an Edge topology or Exchange 2010 is
 * refused, and the facts the scripts act on (competing send connectors, Authoritative domains,
 * the certificate and receive connector) are read from the inventory instead of guessed.
 */
import type { Inventory } from '../inventory/document.js';
import {
  edgeTopology,
  inboundConnectorsFor,
  internetReceiveConnector,
  INTERNET_DOMAIN,
  isOffice365SendConnector,
  oldestExchangeVersion,
  outboundConnectorsFor,
  rulesRoutingTo,
  sendConnectorOrder,
  usableCertificates,
} from '../inventory/analysis.js';
import type { ScriptInputIssue, ScriptInputs, ScriptTargets, ValidatedScriptInputs } from './types.js';

type Names = ValidatedScriptInputs['names'];

export interface ResolvedTargets {
  readonly names: Names;
  readonly targets: ScriptTargets;
  readonly tlsCertificateName: string | null;
  readonly receiveConnectorIdentity: string | null;
  readonly issues: readonly ScriptInputIssue[];
}

const quoteList = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

export const UNKNOWN_TARGETS: ScriptTargets = { ruleExists: null, sendConnectorExists: null, competingSendConnectors: null, authoritativeDomains: null, found: { online: [], server: [] } };

/** Applies the inventory to validated inputs; without one, nothing changes and the scripts check at run time. */
export function resolveTargets(inputs: ValidatedScriptInputs, given: ScriptInputs['connectorNames'], inventory: Inventory | null): ResolvedTargets {
  const issues: ScriptInputIssue[] = [];
  const foundOnline: string[] = [];
  const foundServer: string[] = [];
  let names: Names = inputs.names;
  let ruleExists: boolean | null = null;
  let authoritativeDomains: readonly string[] | null = null;
  let competingSendConnectors: readonly string[] | null = null;
  let sendConnectorExists: boolean | null = null;
  let tlsCertificateName = inputs.tlsCertificateName;
  let receiveConnectorIdentity = inputs.receiveConnectorIdentity;
  const domains = inputs.domains.join(', ');

  const online = inventory?.exchangeOnline?.data ?? null;
  if (online !== null) {
    const outbound = outboundConnectorsFor(online, inputs.domains);
    const inbound = inboundConnectorsFor(online, inputs.domains);
    authoritativeDomains = inputs.domains.filter((domain) => online.acceptedDomains.some((accepted) => accepted.DomainName.toLowerCase() === domain && accepted.DomainType === 'Authoritative'));
    if (inputs.mode === 'new') {
      if (outbound.length > 0) {
        issues.push({ field: 'mode', message: `an outbound connector for ${domains} already exists (${quoteList(outbound.map((c) => c.Name))}): edit it instead of creating a duplicate` });
      }
      if (inbound.length > 0) {
        issues.push({ field: 'mode', message: `an OnPremises inbound connector already exists (${quoteList(inbound.map((c) => c.Name))}): edit it instead of creating a duplicate` });
      }
    } else {
      const pick = <T extends { readonly Name: string; readonly Enabled: boolean | null }>(field: 'outbound' | 'inbound', candidates: readonly T[], all: readonly T[]): T | null => {
        const wanted = given?.[field];
        if (wanted !== undefined) {
          const named = all.find((connector) => connector.Name.toLowerCase() === wanted.trim().toLowerCase()) ?? null;
          if (named === null) issues.push({ field: `connectorNames.${field}`, message: `there is no ${field} connector named "${wanted}" (the tenant has ${quoteList(all.map((c) => c.Name)) || 'none'})` });
          return named;
        }
        const chosen = candidates.find((connector) => connector.Enabled !== false) ?? candidates[0] ?? null;
        if (chosen === null) issues.push({ field: 'mode', message: `no ${field} connector for ${domains} exists in the tenant yet: create it (new) instead of editing` });
        return chosen;
      };
      const outboundTarget = pick('outbound', outbound, online.outboundConnectors);
      const inboundTarget = pick('inbound', inbound, online.inboundConnectors);
      if (outboundTarget !== null) {
        names = { ...names, outbound: outboundTarget.Name };
        foundOnline.push(`outbound connector "${outboundTarget.Name}"`);
        const rules = rulesRoutingTo(online, outboundTarget);
        const rule = given?.transportRule === undefined ? rules[0] : online.transportRules.find((candidate) => candidate.Name.toLowerCase() === given.transportRule?.trim().toLowerCase());
        ruleExists = rule !== undefined;
        if (rule !== undefined) {
          names = { ...names, transportRule: rule.Name };
          if (inputs.scope === 'transport-rule') foundOnline.push(`mail flow rule "${rule.Name}"`);
        }
      }
      if (inboundTarget !== null) {
        names = { ...names, inbound: inboundTarget.Name };
        foundOnline.push(`inbound connector "${inboundTarget.Name}"`);
      }
    }
  }

  const server = inputs.serverKind === 'exchange' ? (inventory?.exchangeServer?.data ?? null) : null;
  if (server !== null) {
    const edge = edgeTopology(server);
    if (edge.isEdge) {
      issues.push({ field: 'serverKind', message: 'the Exchange inventory is from an Edge Transport server: run the inventory on a Mailbox server; the send connector is made in the organisation, not on the Edge' });
    } else if (edge.subscriptions.length > 0) {
      issues.push({
        field: 'serverKind',
        message: `the organisation sends through the Edge subscription ${quoteList(edge.subscriptions)}: the generated Exchange script does not support an Edge topology (the send connector needs the subscription as source server and the Edge's own certificate; run the Hybrid Configuration Wizard instead)`,
      });
    }
    const version = oldestExchangeVersion(server);
    if (version !== null && version < 15) {
      issues.push({ field: 'serverKind', message: 'Exchange 2010 or older is not supported: its connectors have no TlsCertificateName or CloudServicesMailEnabled' });
    }
    const order = sendConnectorOrder(server.sendConnectors, INTERNET_DOMAIN);
    const toOffice = server.sendConnectors.filter((connector) => isOffice365SendConnector(connector) && connector.AddressSpaces.some((space) => space.address === '*'));
    const explicit = given?.sendConnector;
    const target = explicit === undefined ? (toOffice[0] ?? null) : (server.sendConnectors.find((connector) => connector.Name.toLowerCase() === explicit.trim().toLowerCase()) ?? null);
    if (inputs.mode === 'new' && toOffice.length > 0) {
      issues.push({ field: 'mode', message: `a send connector to Office 365 already exists (${quoteList(toOffice.map((c) => c.Name))}): edit it instead of creating a duplicate` });
    }
    sendConnectorExists = target !== null;
    if (inputs.mode === 'edit') {
      if (target === null && explicit !== undefined) {
        issues.push({ field: 'connectorNames.sendConnector', message: `there is no send connector named "${explicit}" (the server has ${quoteList(server.sendConnectors.map((c) => c.Name)) || 'none'})` });
      } else if (target !== null) {
        names = { ...names, sendConnector: target.Name };
        foundServer.push(`send connector "${target.Name}"`);
      }
    }
    const ours = names.sendConnector.toLowerCase();
    competingSendConnectors = order
      .filter((choice) => choice.space.address === '*' && choice.connector.Name.toLowerCase() !== ours && !isOffice365SendConnector(choice.connector))
      .map((choice) => choice.connector.Name);
    const fqdn = inputs.onPremFqdn;
    if (tlsCertificateName === null && fqdn !== null) {
      const certificate = usableCertificates(server.certificates, fqdn, Date.parse(inventory?.exchangeServer?.readAt ?? '')).at(0);
      if (certificate === undefined) {
        issues.push({ field: 'tlsCertificateName', message: `no certificate on the Exchange server is bound to SMTP, CA-signed, unexpired and names ${fqdn}: enable one for SMTP first` });
      } else {
        tlsCertificateName = `<I>${certificate.Issuer}<S>${certificate.Subject}`;
        foundServer.push(`certificate ${certificate.Thumbprint} (${certificate.CertificateDomains.join(', ')})`);
      }
    }
    if (receiveConnectorIdentity === null) {
      const receive = internetReceiveConnector(server.receiveConnectors);
      if (receive !== null) {
        receiveConnectorIdentity = receive.Identity;
        foundServer.push(`receive connector "${receive.Identity}"`);
      }
    }
  }

  return {
    names,
    targets: { ruleExists, sendConnectorExists, competingSendConnectors, authoritativeDomains, found: { online: foundOnline, server: foundServer } },
    tlsCertificateName,
    receiveConnectorIdentity,
    issues,
  };
}
