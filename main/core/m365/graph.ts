/**
 * The two Microsoft Graph reads the checks need: the tenant's domains, and for each the DNS records
 * Microsoft expects (the exact MX host, SPF, CNAMEs). Bodies are validated against the shapes
 * Graph documents; unknown fields are ignored, missing ones are an error, and a record of a kind
 * the checks do not know is reported, never silently dropped.
 */
import { z } from 'zod';
import { callApi } from './api-request.js';
import { M365Error } from './errors.js';
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

/**
 * serviceConfigurationRecords as Graph documents it (domainDnsRecord and its derived types). The kind
 * is decided by recordType (Mx, Txt, CName, Srv, Unavailable); @odata.type is only a fallback, read
 * with or without its leading "#" (Graph sends "#microsoft.graph.domainDnsMxRecord", the
 * documentation's example shows "microsoft.graph.domainDnsMxRecord").
 */
const recordEnvelopeSchema = z.looseObject({
  label: z.string(),
  isOptional: z.boolean(),
  supportedService: z.string(),
  ttl: z.number(),
  recordType: z.string().optional(),
  '@odata.type': z.string().optional(),
});
const recordPageSchema = z.object({ value: z.array(recordEnvelopeSchema), '@odata.nextLink': z.string().optional() });

const mxFields = z.object({ mailExchange: z.string().min(1), preference: z.number() });
const txtFields = z.object({ text: z.string() });
const cnameFields = z.object({ canonicalName: z.string().min(1) });
const srvFields = z.object({ nameTarget: z.string().min(1), port: z.number(), priority: z.number(), weight: z.number() });

/** One expected DNS record of a domain, reduced to what the checks compare. */
export type ExpectedRecord =
  | { readonly type: 'MX'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly mailExchange: string; readonly preference: number }
  | { readonly type: 'TXT'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly text: string }
  | { readonly type: 'CNAME'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly canonicalName: string }
  | { readonly type: 'SRV'; readonly label: string; readonly service: string; readonly optional: boolean; readonly ttl: number; readonly target: string; readonly port: number; readonly priority: number; readonly weight: number };

/** A record Graph listed that the checks cannot compare: an unknown kind, or "Unavailable". */
export interface UnreadableRecord {
  readonly label: string;
  readonly service: string;
  readonly optional: boolean;
  /** recordType as sent, or the @odata.type when recordType is missing. */
  readonly kind: string;
}

export interface DomainRecords {
  readonly records: ExpectedRecord[];
  readonly unreadable: UnreadableRecord[];
}

type RecordKind = 'MX' | 'TXT' | 'CNAME' | 'SRV' | 'UNAVAILABLE';

const KIND_BY_RECORD_TYPE: Readonly<Record<string, RecordKind>> = { mx: 'MX', txt: 'TXT', cname: 'CNAME', srv: 'SRV', unavailable: 'UNAVAILABLE' };
const KIND_BY_ODATA_TYPE: Readonly<Record<string, RecordKind>> = {
  'microsoft.graph.domaindnsmxrecord': 'MX',
  'microsoft.graph.domaindnstxtrecord': 'TXT',
  'microsoft.graph.domaindnscnamerecord': 'CNAME',
  'microsoft.graph.domaindnssrvrecord': 'SRV',
  'microsoft.graph.domaindnsunavailablerecord': 'UNAVAILABLE',
};

function kindOf(record: z.infer<typeof recordEnvelopeSchema>): RecordKind | null {
  if (record.recordType !== undefined) return KIND_BY_RECORD_TYPE[record.recordType.toLowerCase()] ?? null;
  const odataType = record['@odata.type']?.replace(/^#/, '').toLowerCase();
  return odataType === undefined ? null : (KIND_BY_ODATA_TYPE[odataType] ?? null);
}

const hostName = (value: string): string => value.toLowerCase().replace(/\.$/, '');

/** The fields a known kind must carry; a record of a known kind without them makes the whole answer unreadable. */
function fields<T>(schema: z.ZodType<T>, record: z.infer<typeof recordEnvelopeSchema>, kind: RecordKind, where: string): T {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new M365Error('malformed', `${where} sent a ${kind} record for ${record.label} without ${first?.path.join('.') ?? 'its value'}; the expected records cannot be trusted.`);
}

function toDomainRecords(values: readonly z.infer<typeof recordEnvelopeSchema>[], where: string): DomainRecords {
  const records: ExpectedRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const record of values) {
    const common = { label: record.label.toLowerCase(), service: record.supportedService, optional: record.isOptional, ttl: record.ttl };
    const kind = kindOf(record);
    if (kind === 'MX') {
      const mx = fields(mxFields, record, kind, where);
      records.push({ type: 'MX', ...common, mailExchange: hostName(mx.mailExchange), preference: mx.preference });
    } else if (kind === 'TXT') {
      records.push({ type: 'TXT', ...common, text: fields(txtFields, record, kind, where).text });
    } else if (kind === 'CNAME') {
      records.push({ type: 'CNAME', ...common, canonicalName: hostName(fields(cnameFields, record, kind, where).canonicalName) });
    } else if (kind === 'SRV') {
      const srv = fields(srvFields, record, kind, where);
      records.push({ type: 'SRV', ...common, target: hostName(srv.nameTarget), port: srv.port, priority: srv.priority, weight: srv.weight });
    } else {
      unreadable.push({ label: common.label, service: common.service, optional: common.optional, kind: record.recordType ?? record['@odata.type'] ?? 'no recordType' });
    }
  }
  return { records, unreadable };
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
  serviceConfigurationRecords(domainId: string): Promise<DomainRecords>;
}

/** `baseUrl` is the cloud's Graph origin (M365Endpoints.graphBaseUrl). */
export function createGraphClient(baseUrl: string, options: ApiClientOptions): GraphClient {
  return {
    listDomains: () => allPages(options, `${baseUrl}/v1.0/domains`, domainPageSchema, "the tenant's domains"),
    async serviceConfigurationRecords(domainId) {
      const url = `${baseUrl}/v1.0/domains/${encodeURIComponent(domainId)}/serviceConfigurationRecords`;
      const values = await allPages(options, url, recordPageSchema, `the DNS records Microsoft expects for ${domainId}`);
      return toDomainRecords(values, new URL(url).host);
    },
  };
}
