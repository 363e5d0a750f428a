/**
 * The Exchange Online Admin API's AcceptedDomain endpoint (Get-AcceptedDomain over REST; Microsoft's
 * "AcceptedDomain endpoint in the Exchange Online Admin API", in preview). It needs its own token
 * (the Exchange resource, not Graph) and an Exchange role; the accepted domains are what EOP relays
 * for, which Graph's domain list does not say.
 */
import { z } from 'zod';
import { callApi } from './api-request.js';
import type { ApiClientOptions } from './api-request.js';
import { M365Error } from './errors.js';

export const EXCHANGE_PERMISSION_ADVICE =
  'Grant the app the delegated Office 365 Exchange Online permission Exchange.ManageV2 (with admin consent), and give the signed-in account an Exchange role that may read accepted domains, such as View-Only Organization Management or Global Reader.';

/** Where the accepted domains come from when the Admin API cannot be used. */
export const ACCEPTED_DOMAINS_FALLBACK =
  'Read the accepted domains from the Exchange Online inventory instead: run `mailflow inventory-script --side exchange-online` in Exchange Online PowerShell and import its output into the engagement.';

/**
 * The routing hint for organisation-level calls (Get Started with the Admin API, "X-AnchorMailbox
 * routing hint"): the organisation's system mailbox, whose name is the same in every tenant, at the
 * tenant. Unlike "UPN:<signed-in user>" it works for an admin without a mailbox.
 */
export const organizationAnchorMailbox = (tenantId: string): string => `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenantId}`;

/** Only what the checks use; the endpoint supports $select (AcceptedDomain endpoint, "Property selection"). */
const SELECT = 'DomainName,DomainType,Default';

/** AcceptedDomainType as the cmdlet's enum numbers it, for answers that send the number. */
const DOMAIN_TYPES = ['Authoritative', 'ExternalRelay', 'InternalRelay'] as const;

/**
 * One entry as the cmdlet's output may carry it: DomainName as text or as the SmtpDomainWithSubdomains
 * object, DomainType as its name or enum number, Default as a boolean or "True"/"False".
 */
const domainNameSchema = z.union([
  z.string().min(1),
  z.looseObject({ Domain: z.string().min(1), IncludeSubDomains: z.boolean().optional() }).transform((value) => (value.IncludeSubDomains === true ? `*.${value.Domain}` : value.Domain)),
  z.looseObject({ Address: z.string().min(1) }).transform((value) => value.Address),
]);
const domainTypeSchema = z.union([z.string(), z.number().int().transform((value) => DOMAIN_TYPES[value] ?? String(value))]);
const defaultSchema = z.union([z.boolean(), z.enum(['True', 'False', 'true', 'false']).transform((value) => value.toLowerCase() === 'true')]);

const acceptedDomainSchema = z.looseObject({
  DomainName: domainNameSchema,
  DomainType: domainTypeSchema.nullish(),
  Default: defaultSchema.nullish(),
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
  /** POST <exchange>/adminapi/v2.0/<tenantId>/AcceptedDomain?$select=… with Get-AcceptedDomain. */
  acceptedDomains(): Promise<AcceptedDomain[]>;
}

export interface ExchangeAdminTarget {
  /** The cloud's Exchange origin (M365Endpoints.exchangeBaseUrl). */
  readonly baseUrl: string;
  /** The tenant id (a GUID), from the signed-in account. */
  readonly tenantId: string;
}

/** 403 and 404 are how a tenant or account without the preview is told "no". */
function previewRefusal(status: number, said: string): M365Error | null {
  if (status !== 403 && status !== 404) return null;
  return new M365Error(
    status === 403 ? 'permission' : 'service',
    `The Exchange Online Admin API (preview) is not available to this tenant or account (HTTP ${String(status)}${said}). ${status === 403 ? `${EXCHANGE_PERMISSION_ADVICE} ` : ''}${ACCEPTED_DOMAINS_FALLBACK}`,
    { status },
  );
}

export function createExchangeAdminClient(target: ExchangeAdminTarget, options: ApiClientOptions): ExchangeAdminClient {
  return {
    async acceptedDomains() {
      const domains: AcceptedDomain[] = [];
      let url: string | undefined = `${target.baseUrl}/adminapi/v2.0/${encodeURIComponent(target.tenantId)}/AcceptedDomain?$select=${SELECT}`;
      for (let page = 0; url !== undefined && page < MAX_PAGES; page += 1) {
        const body: z.infer<typeof acceptedDomainPageSchema> = await callApi(options, {
          method: 'POST',
          url,
          body: { CmdletInput: { CmdletName: 'Get-AcceptedDomain', Parameters: {} } },
          headers: { 'x-anchormailbox': organizationAnchorMailbox(target.tenantId) },
          schema: acceptedDomainPageSchema,
          what: 'the accepted domains (Exchange Online)',
          permissionAdvice: EXCHANGE_PERMISSION_ADVICE,
          explainRefusal: previewRefusal,
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
