/**
 * What the checks need, taken from an engagement: its domains, its smart hosts and its check
 * settings. Missing answers are a clear error naming what to fill in, not a failed check.
 */
import type { PreflightInputs, RelayInputs } from '../checks/types.js';
import { DEFAULT_NAMES } from '../scripts/defaults.js';
import { AllowListParseError, parseAllowList } from '../eop/coverage.js';
import { parseDnsServer } from '../../../preload/vocabulary/validation/dns-server.js';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { inventoryOfEngagement } from './inventory.js';
import { bounceNamesOf } from './bounce-names.js';

/** The engagement's extra trusted CA certificates, as the checks and the inspector take them. */
export const engagementCaPem = (engagement: Engagement): readonly string[] => (engagement.checkSettings.extraCaPem.trim() === '' ? [] : [engagement.checkSettings.extraCaPem]);

export class MissingAnswersError extends Error {
  override readonly name = 'MissingAnswersError';
}

/** Who a relay test sends as: the first test address of the domains, else postmaster of the first domain. */
export function relaySender(domains: readonly string[], testAddresses: readonly string[]): string {
  const ours = testAddresses.find((address) => domains.some((domain) => address.toLowerCase().endsWith(`@${domain.toLowerCase()}`)));
  return ours ?? `postmaster@${domains[0] ?? 'localhost'}`;
}

/** eop.relay's test from the engagement: its recipient setting, the connector its scripts name and how it recognises the server. */
function relayInputsOf(engagement: Engagement): RelayInputs {
  const { connectorChoices } = engagement;
  return {
    from: relaySender(engagement.domains, engagement.testAddresses),
    to: engagement.checkSettings.relayTo,
    clientCertificate: null,
    inboundConnector: bounceNamesOf(engagement).inboundConnector ?? DEFAULT_NAMES.inbound,
    inboundBy: connectorChoices.inboundBy,
    senderIpAddresses: connectorChoices.senderIpAddresses,
    certificateName: connectorChoices.certificateName,
  };
}

export function preflightInputsFromEngagement(engagement: Engagement): PreflightInputs {
  const { smartHosts } = engagement;
  const missing = [
    ...(engagement.domains.length === 0 ? ['at least one email domain'] : []),
    ...(smartHosts.length === 0 ? ['the smart host (your server’s external name or IP)'] : []),
  ];
  if (missing.length > 0) {
    throw new MissingAnswersError(`Add ${missing.join(' and ')} in Details before running the checks.`);
  }
  const { checkSettings } = engagement;
  let dnsServer: PreflightInputs['dnsServer'] = null;
  if (checkSettings.dnsServer !== null) {
    const parsed = parseDnsServer(checkSettings.dnsServer);
    if (!parsed.ok) throw new MissingAnswersError(`The DNS server in the check settings is not usable: ${parsed.error}.`);
    dnsServer = parsed.value;
  }
  let firewallAllow: readonly string[] | null = null;
  if (checkSettings.firewallAllow.trim() !== '') {
    try {
      firewallAllow = parseAllowList(checkSettings.firewallAllow);
    } catch (error) {
      if (error instanceof AllowListParseError) throw new MissingAnswersError(`The firewall allow list in the check settings: ${error.message}`);
      throw error;
    }
  }
  return {
    domains: engagement.domains,
    smartHosts,
    smtpPort: checkSettings.smtpPort,
    dnsServer,
    extraCaPem: engagementCaPem(engagement),
    tenantMx: checkSettings.tenantMx,
    firewallAllow,
    timeoutMs: checkSettings.timeoutMs,
    tenant: engagement.tenantSnapshot,
    inventory: inventoryOfEngagement(engagement),
    relay: relayInputsOf(engagement),
  };
}
