/**
 * The two Microsoft Graph reads the checks need: the tenant's domains, and for each the DNS records
 * Microsoft expects (the exact MX host, SPF, CNAMEs). Bodies are validated against the shapes
 * Graph documents; unknown fields are ignored, missing ones are an error.
 */
import { z } from 'zod';
import { callApi } from './api-request.js';
import type { ApiClientOptions } from './api-request.js';

export const GRAPH_PERMISSION_ADVICE =
  'Grant the app the delegated Microsoft Graph permission Domain.Read.All (with admin consent), and give the signed-in account a role that may read domains, such as Global Reader.';

const domainSchema = z.object({
  id: z.string().min(1),
  isVerified: z.boolean(),
  isDefault: z.boolean(),
  isInitial: z.boolean().optional(),
  authenticationType: z.string().optional(),
  supportedServices: z.array(z.string()),
});

const domainPageSchema = z.object({
  value: z.array(domainSchema),
  '@odata.nextLink': z.string().optional(),
});

export type GraphDomain = z.infer<typeof domainSchema>;

const recordBase = {
  id: z.string().optional(),
  label: z.string(),
  isOptional: z.boolean(),
  supportedService: z.string(),
  ttl: z.number(),
};

const mxRecordSchema = z.object({ ...recordBase, '@odata.type': z.literal('#microsoft.graph.domainDnsMxRecord'), recordType: z.string(), mailExchange: z.string(), preference: z.number() });
const txtRecordSchema = z.object({ ...recordBase, '@odata.type': z.literal('#microsoft.graph.domainDnsTxtRecord'), recordType: z.string(), text: z.string() });
const cnameRecordSchema = z.object({ ...recordBase, '@odata.type': z.literal('#microsoft.graph.domainDnsCnameRecord'), recordType: z.string(), canonicalName: z.string() });
const srvRecordSchema = z.object({
  ...recordBase,
  '@odata.type': z.literal('#microsoft.graph.domainDnsSrvRecord'),
  recordType: z.string(),
  nameTarget: z.string(),
  port: z.number(),
  priority: z.number(),
  protocol: z.string(),
  service: z.string(),
  weight: z.number(),
});
/** Record types the checks do not use (domainDnsUnavailableRecord and future ones) are kept by label only. */
const otherRecordSchema = z.object({ ...recordBase, '@odata.type': z.string(), recordType: z.string().optional() });

const recordSchema = z.union([mxRecordSchema, txtRecordSchema, cnameRecordSchema, srvRecordSchema, otherRecordSchema]);
const recordPageSchema = z.object({ value: z.array(recordSchema), '@odata.nextLink': z.string().optional() });

/** One expected DNS record of a domain, reduced to what the checks compare. */
export type ExpectedRecord =
  | { readonly type: 'MX'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly mailExchange: string; readonly preference: number }
  | { readonly type: 'TXT'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly text: string }
  | { readonly type: 'CNAME'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly canonicalName: string }
  | { readonly type: 'SRV'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly target: string; readonly port: number; readonly priority: number; readonly weight: number };

function toExpected(record: z.infer<typeof recordSchema>): ExpectedRecord | null {
  const common = { label: record.label.toLowerCase(), service: record.supportedService, optional: record.isOptional, ttl: record.ttl };
  if ('mailExchange' in record) return { type: 'MX', ...common, mailExchange: record.mailExchange.toLowerCase().replace(/\.$/, ''), preference: record.preference };
  if ('text' in record) return { type: 'TXT', ...common, text: record.text };
  if ('canonicalName' in record) return { type: 'CNAME', ...common, canonicalName: record.canonicalName.toLowerCase().replace(/\.$/, '') };
  if ('nameTarget' in record) return { type: 'SRV', ...common, target: record.nameTarget.toLowerCase().replace(/\.$/, ''), port: record.port, priority: record.priority, weight: record.weight };
  return null;
}

/** Pages are followed, at most this many, so a broken nextLink cannot loop forever. */
const MAX_PAGES = 50;

async function allPages<T>(
  options: ApiClientOptions,
  firstUrl: string,
  schema: z.ZodType<{ readonly value: readonly T[]; readonly '@odata.nextLink'?: string | undefined }>,
  what: string,
): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = firstUrl;
  for (let page = 0; url !== undefined && page < MAX_PAGES; page += 1) {
    const body: { readonly value: readonly T[]; readonly '@odata.nextLink'?: string | undefined } = await callApi(options, {
      method: 'GET',
      url,
      schema,
      what,
      permissionAdvice: GRAPH_PERMISSION_ADVICE,
    });
    items.push(...body.value);
    url = body['@odata.nextLink'];
  }
  return items;
}

export interface GraphClient {
  /** GET /v1.0/domains */
  listDomains(): Promise<GraphDomain[]>;
  /** GET /v1.0/domains/{id}/serviceConfigurationRecords */
  serviceConfigurationRecords(domainId: string): Promise<ExpectedRecord[]>;
}

/** `baseUrl` is the cloud's Graph origin (M365Endpoints.graphBaseUrl). */
export function createGraphClient(baseUrl: string, options: ApiClientOptions): GraphClient {
  return {
    listDomains: () => allPages(options, `${baseUrl}/v1.0/domains`, domainPageSchema, "the tenant's domains"),
    async serviceConfigurationRecords(domainId) {
      const records = await allPages(
        options,
        `${baseUrl}/v1.0/domains/${encodeURIComponent(domainId)}/serviceConfigurationRecords`,
        recordPageSchema,
        `the DNS records Microsoft expects for ${domainId}`,
      );
      return records.flatMap((record) => {
        const expected = toExpected(record);
        return expected === null ? [] : [expected];
      });
    },
  };
}
