/**
 * The Exchange Online Admin API's AcceptedDomain endpoint (Get-AcceptedDomain over REST). It needs
 * its own token (the Exchange resource, not Graph) and an Exchange role; the accepted domains are
 * what EOP relays for, which Graph's domain list does not say.
 */
import { z } from 'zod';
import { callApi } from './api-request.js';
import type { ApiClientOptions } from './api-request.js';

export const EXCHANGE_PERMISSION_ADVICE =
  'Grant the app the delegated Office 365 Exchange Online permission Exchange.ManageV2 (with admin consent), and give the signed-in account an Exchange role that may read accepted domains, such as View-Only Organization Management or Global Reader.';

const acceptedDomainSchema = z.object({
  DomainName: z.string().min(1),
  DomainType: z.string().optional(),
  Default: z.boolean().optional(),
});

const acceptedDomainPageSchema = z.object({
  value: z.array(acceptedDomainSchema),
  '@odata.nextLink': z.string().optional(),
});

export interface AcceptedDomain {
  readonly domainName: string;
  /** Authoritative, InternalRelay or ExternalRelay. */
  readonly domainType: string | null;
  readonly isDefault: boolean;
}

const MAX_PAGES = 50;

export interface ExchangeAdminClient {
  /** POST <exchange>/adminapi/v2.0/<tenantId>/AcceptedDomain with Get-AcceptedDomain. */
  acceptedDomains(): Promise<AcceptedDomain[]>;
}

export interface ExchangeAdminTarget {
  /** The cloud's Exchange origin (M365Endpoints.exchangeBaseUrl). */
  readonly baseUrl: string;
  /** The tenant id (a GUID), from the signed-in account. */
  readonly tenantId: string;
  /** The signed-in user's UPN: the X-AnchorMailbox routing hint for delegated calls. */
  readonly userPrincipalName: string;
}

export function createExchangeAdminClient(target: ExchangeAdminTarget, options: ApiClientOptions): ExchangeAdminClient {
  return {
    async acceptedDomains() {
      const domains: AcceptedDomain[] = [];
      let url: string | undefined = `${target.baseUrl}/adminapi/v2.0/${encodeURIComponent(target.tenantId)}/AcceptedDomain`;
      for (let page = 0; url !== undefined && page < MAX_PAGES; page += 1) {
        const body: z.infer<typeof acceptedDomainPageSchema> = await callApi(options, {
          method: 'POST',
          url,
          body: { CmdletInput: { CmdletName: 'Get-AcceptedDomain', Parameters: {} } },
          headers: { 'x-anchormailbox': `UPN:${target.userPrincipalName}` },
          schema: acceptedDomainPageSchema,
          what: 'the accepted domains (Exchange Online)',
          permissionAdvice: EXCHANGE_PERMISSION_ADVICE,
        });
        for (const entry of body.value) {
          domains.push({ domainName: entry.DomainName.toLowerCase().replace(/\.$/, ''), domainType: entry.DomainType ?? null, isDefault: entry.Default ?? false });
        }
        url = body['@odata.nextLink'];
      }
      return domains;
    },
  };
}
