/**
 * Microsoft 365 clouds: each national cloud has its own sign-in, Graph and Exchange Online hosts,
 * and tokens from one never work in another. The app keeps the cloud, the app registration's client
 * id and the tenant as settings; everything else is derived here.
 */
import type { EndpointsInstance } from '../eop/endpoints-data.js';

import { CLOUD_LABELS, CLOUD_NAMES, type CloudName } from '../../../preload/vocabulary/m365.js';

export { CLOUD_NAMES, type CloudName };

export interface CloudProfile {
  readonly name: CloudName;
  readonly label: string;
  /** Entra ID sign-in host (the authority is https://<host>/<tenant>). */
  readonly authorityHost: string;
  /** Microsoft Graph host; also the resource the Graph scopes are named after. */
  readonly graphHost: string;
  /** Exchange Online Admin API host (its base URL); also the resource of the Exchange token. */
  readonly exchangeHost: string;
  /** Delegated Graph permission the domain reads need, named on this cloud's Graph resource. */
  readonly graphScope: string;
  /** Delegated Exchange Online permission of the Admin API, named on this cloud's Exchange resource. */
  readonly exchangeScope: string;
  /** Instance name of the Microsoft 365 IP address and URL web service. */
  readonly endpointsInstance: EndpointsInstance;
}

/**
 * Every per-cloud address, in this one table. Sources:
 * - sign-in hosts: Microsoft Entra "National clouds" / "Authentication endpoints"
 *   (learn.microsoft.com/entra/identity-platform/authentication-national-cloud): worldwide
 *   login.microsoftonline.com, US Government login.microsoftonline.us, China (21Vianet)
 *   login.partner.microsoftonline.cn;
 * - Graph hosts: "Microsoft Graph national cloud deployments"
 *   (learn.microsoft.com/graph/deployments): graph.microsoft.com, graph.microsoft.us (L4, GCC High),
 *   dod-graph.microsoft.us (L5, DoD), microsoftgraph.chinacloudapi.cn;
 * - Exchange Online Admin API base URLs: "Get started with the Exchange Online Admin API",
 *   section "Supported environments and base URLs" (learn.microsoft.com/exchange/reference/
 *   admin-api-get-started): Microsoft 365 and GCC https://outlook.office365.com, 21Vianet
 *   https://outlook.office365.cn, GCC High https://outlook.office365.us, DoD
 *   https://outlook-dod.office365.us; the delegated permission is Exchange.ManageV2
 *   ("Authentication and authorization for the Exchange Online Admin API"), asked for on the
 *   environment's own host, as the token must be for the host the call goes to.
 */
const profile = (entry: Omit<CloudProfile, 'graphScope' | 'exchangeScope'>): CloudProfile => ({
  ...entry,
  graphScope: `https://${entry.graphHost}/Domain.Read.All`,
  exchangeScope: `https://${entry.exchangeHost}/Exchange.ManageV2`,
});

export const CLOUD_PROFILES: Readonly<Record<CloudName, CloudProfile>> = {
  Worldwide: profile({
    name: 'Worldwide',
    label: CLOUD_LABELS.Worldwide,
    authorityHost: 'login.microsoftonline.com',
    graphHost: 'graph.microsoft.com',
    exchangeHost: 'outlook.office365.com',
    endpointsInstance: 'Worldwide',
  }),
  USGovGCCHigh: profile({
    name: 'USGovGCCHigh',
    label: CLOUD_LABELS.USGovGCCHigh,
    authorityHost: 'login.microsoftonline.us',
    graphHost: 'graph.microsoft.us',
    exchangeHost: 'outlook.office365.us',
    endpointsInstance: 'USGovGCCHigh',
  }),
  USGovDoD: profile({
    name: 'USGovDoD',
    label: CLOUD_LABELS.USGovDoD,
    authorityHost: 'login.microsoftonline.us',
    graphHost: 'dod-graph.microsoft.us',
    exchangeHost: 'outlook-dod.office365.us',
    endpointsInstance: 'USGovDoD',
  }),
  China: profile({
    name: 'China',
    label: CLOUD_LABELS.China,
    authorityHost: 'login.partner.microsoftonline.cn',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    exchangeHost: 'outlook.office365.cn',
    endpointsInstance: 'China',
  }),
};

/** What a person configures: the cloud, the app registration and which tenants may sign in. */
export interface M365Settings {
  readonly cloud: CloudName;
  /** Application (client) id of the Entra ID app registration; null until one is registered. */
  readonly clientId: string | null;
  /**
   * `organizations` (any work account; needs a multi-tenant app registration, "Accounts in any
   * organizational directory"), or the tenant id or a verified domain of the tenant (needed for a
   * single-tenant registration: Entra ID refuses it at `organizations` with AADSTS50194).
   */
  readonly tenant: string;
}

export const DEFAULT_M365_SETTINGS: M365Settings = { cloud: 'Worldwide', clientId: null, tenant: 'organizations' };

/**
 * Base URLs (scheme, host, optional port) that replace a cloud's hosts on the network. Scopes keep
 * the cloud's resource names, so a test peer on loopback sees the same requests Microsoft would.
 */
export interface HostOverrides {
  readonly authorityBaseUrl?: string;
  readonly graphBaseUrl?: string;
  readonly exchangeBaseUrl?: string;
}

/** Everything the sign-in and the readers need, resolved from the settings. */
export interface M365Endpoints {
  readonly cloud: CloudProfile;
  readonly clientId: string;
  readonly tenant: string;
  /** https://<authority host>/<tenant> */
  readonly authority: string;
  readonly authorityBaseUrl: string;
  readonly graphBaseUrl: string;
  readonly exchangeBaseUrl: string;
  /** Delegated Graph permission the domain reads need. */
  readonly graphScopes: readonly string[];
  /**
   * The Exchange Online Admin API token is for another resource, so it is asked for separately.
   * Named (not /.default), because Entra ID refuses /.default next to other scopes at sign-in.
   */
  readonly exchangeScopes: readonly string[];
}

export class M365ConfigurationError extends Error {
  override readonly name = 'M365ConfigurationError';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^(organizations|common|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

function baseUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new M365ConfigurationError(`The ${what} address "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:') throw new M365ConfigurationError(`The ${what} address must use https (got ${value}).`);
  return url.origin;
}

/** Checks the settings and derives the endpoints; throws M365ConfigurationError with what to fix. */
export function resolveM365Endpoints(settings: M365Settings, overrides: HostOverrides = {}): M365Endpoints {
  const cloud = CLOUD_PROFILES[settings.cloud];
  const clientId = settings.clientId?.trim() ?? '';
  if (clientId === '') {
    throw new M365ConfigurationError('No app registration is configured: register an app in Microsoft Entra ID (see the README, "Signing in to Microsoft 365") and enter its Application (client) ID in the settings.');
  }
  if (!GUID.test(clientId)) {
    throw new M365ConfigurationError(`"${clientId}" is not an Application (client) ID: copy the GUID shown on the app registration's Overview page.`);
  }
  const tenant = settings.tenant.trim() === '' ? DEFAULT_M365_SETTINGS.tenant : settings.tenant.trim();
  if (!TENANT.test(tenant)) {
    throw new M365ConfigurationError(`"${tenant}" is not a tenant: use "organizations", the tenant id (a GUID) or one of the tenant's verified domains.`);
  }
  const authorityBaseUrl = baseUrl(overrides.authorityBaseUrl ?? `https://${cloud.authorityHost}`, 'sign-in');
  return {
    cloud,
    clientId,
    tenant,
    authority: `${authorityBaseUrl}/${tenant}`,
    authorityBaseUrl,
    graphBaseUrl: baseUrl(overrides.graphBaseUrl ?? `https://${cloud.graphHost}`, 'Microsoft Graph'),
    exchangeBaseUrl: baseUrl(overrides.exchangeBaseUrl ?? `https://${cloud.exchangeHost}`, 'Exchange Online'),
    graphScopes: [cloud.graphScope],
    exchangeScopes: [cloud.exchangeScope],
  };
}
