/**
 * What an imported inventory document holds, in a few lines a person reads at a glance before the
 * checks say what it means: counts, connectors the Hybrid Configuration Wizard made, disabled
 * ones, and the Postfix version.
 */
import type { InventoryDocument } from './document.js';

function count(n: number, one: string, many = `${one}s`): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

function connectors(n: number, kind: string, flags: readonly { readonly wizard: boolean; readonly disabled: boolean }[]): string {
  const wizard = flags.filter((flag) => flag.wizard).length;
  const disabled = flags.filter((flag) => flag.disabled).length;
  const notes = [
    ...(wizard > 0 ? [`${String(wizard)} made by the Hybrid Configuration Wizard`] : []),
    ...(disabled > 0 ? [`${String(disabled)} disabled`] : []),
  ];
  return `${count(n, `${kind} connector`)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

export function describeInventory(document: InventoryDocument): string[] {
  switch (document.side) {
    case 'exchange-online': {
      const { outboundConnectors, inboundConnectors, acceptedDomains, transportRules } = document.data;
      const routing = transportRules.filter((rule) => rule.RouteMessageOutboundConnector !== null);
      const flags = (list: readonly { readonly ConnectorSource: string | null; readonly Enabled: boolean | null }[]) =>
        list.map((connector) => ({ wizard: connector.ConnectorSource === 'HybridWizard', disabled: connector.Enabled === false }));
      return [
        connectors(outboundConnectors.length, 'outbound', flags(outboundConnectors)),
        connectors(inboundConnectors.length, 'inbound', flags(inboundConnectors)),
        `${count(acceptedDomains.length, 'accepted domain')}${
          acceptedDomains.length === 0 ? '' : `: ${acceptedDomains.map((domain) => `${domain.DomainName} (${domain.DomainType ?? 'type not read'})`).join(', ')}`
        }`,
        `${count(routing.length, 'mail flow rule')} routing to a connector`,
      ];
    }
    case 'exchange-server': {
      const { servers, edgeSubscriptions, sendConnectors, receiveConnectors, certificates } = document.data;
      return [
        `${count(servers.length, 'server')}${servers.length === 0 ? '' : `: ${servers.map((server) => `${server.Name} (${server.AdminDisplayVersion ?? 'version not read'})`).join(', ')}`}`,
        connectors(sendConnectors.length, 'send', sendConnectors.map((connector) => ({ wizard: false, disabled: connector.Enabled === false }))),
        connectors(receiveConnectors.length, 'receive', receiveConnectors.map((connector) => ({ wizard: false, disabled: connector.Enabled === false }))),
        count(certificates.length, 'certificate'),
        ...(edgeSubscriptions.length > 0 ? [count(edgeSubscriptions.length, 'Edge subscription')] : []),
      ];
    }
    case 'postfix':
      return [`Postfix ${document.data.mailVersion}`, count(Object.keys(document.data.settings).length, 'setting changed from the defaults', 'settings changed from the defaults')];
  }
}
