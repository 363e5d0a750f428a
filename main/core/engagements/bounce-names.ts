/**
 * The names a bounce's fix is filled in with, from an engagement: the connector names its scripts
 * use (the defaults, or those found in an imported inventory), its first smart host and domain,
 * its tenant MX host, its first sender IP, test address and certificate name.
 */
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { expectedTenantMx } from '../dns/office365-mx.js';
import type { BounceNames } from '../ndr/fill-names.js';
import { validateScriptInputs } from '../scripts/validate-inputs.js';
import { scriptInputsFromEngagement } from './script-inputs.js';

export function bounceNamesOf(engagement: Engagement): Omit<BounceNames, 'recipient'> {
  const firstDomain = engagement.domains[0] ?? null;
  const smartHost = engagement.smartHosts[0] ?? null;
  const validated = firstDomain === null || smartHost === null ? null : validateScriptInputs(scriptInputsFromEngagement(engagement));
  const names = validated?.ok === true ? validated.value.names : null;
  return {
    outboundConnector: names?.outbound ?? null,
    inboundConnector: names?.inbound ?? null,
    sendConnector: engagement.serverKind === 'exchange' ? (names?.sendConnector ?? null) : null,
    smartHost,
    domain: firstDomain,
    tenantMx: engagement.checkSettings.tenantMx ?? (firstDomain === null ? null : expectedTenantMx(firstDomain)),
    publicIp: engagement.connectorChoices.senderIpAddresses[0] ?? null,
    testAddress: engagement.testAddresses[0] ?? null,
    certificateName: engagement.connectorChoices.certificateName ?? smartHost,
  };
}
