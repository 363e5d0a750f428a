/**
 * What the tenant expects, read once while signed in and kept in the engagement with its time, so
 * the checklist and the tenant.* checks work offline afterwards. A read that fails is recorded as an
 * error in the snapshot next to what did succeed; it never hides the rest.
 */
import type { ApiClientOptions } from './api-request.js';
import type { M365Auth } from './auth.js';
import { M365Error } from './errors.js';
import { createExchangeAdminClient } from './exchange-admin.js';
import { createGraphClient } from './graph.js';
import type { HttpTransport, Sleep } from './http.js';

export {
  acceptedDomainSchema,
  expectedRecordSchema,
  tenantDomainSchema,
  tenantSnapshotErrorSchema,
  tenantSnapshotSchema,
  type TenantDomain,
  type TenantSnapshot,
  type TenantSnapshotError,
} from '../../../preload/vocabulary/tenant.js';
import type { TenantDomain, TenantSnapshot, TenantSnapshotError } from '../../../preload/vocabulary/tenant.js';

export interface ReadTenantOptions {
  readonly auth: M365Auth;
  readonly transport: HttpTransport;
  readonly sleep?: Sleep;
  readonly now?: () => number;
  readonly maxRetries?: number;
  readonly signal?: AbortSignal;
}

export async function readTenant(options: ReadTenantOptions): Promise<TenantSnapshot> {
  const { auth } = options;
  const account = await auth.currentAccount();
  if (account === null) throw new M365Error('sign-in-required', 'Nobody is signed in to Microsoft 365: sign in first to read the tenant.');
  const now = options.now ?? Date.now;
  const common: Omit<ApiClientOptions, 'getToken'> = {
    transport: options.transport,
    now,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const graph = createGraphClient(auth.endpoints.graphBaseUrl, { ...common, getToken: () => auth.getToken(auth.endpoints.graphScopes) });
  const exchange = createExchangeAdminClient(
    { baseUrl: auth.endpoints.exchangeBaseUrl, tenantId: account.tenantId },
    { ...common, getToken: () => auth.getToken(auth.endpoints.exchangeScopes) },
  );
  const errors: TenantSnapshotError[] = [];
  const attempt = async <T>(source: TenantSnapshotError['source'], domain: string | null, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof M365Error) || error.kind === 'cancelled') throw error;
      errors.push({ source, domain, kind: error.kind, message: error.message });
      return null;
    }
  };

  const listed = await attempt('domains', null, () => graph.listDomains());
  let domains: TenantDomain[] | null = null;
  if (listed !== null) {
    domains = [];
    for (const domain of listed) {
      const id = domain.id.toLowerCase();
      const read = domain.supportedServices.includes('Email') ? await attempt('records', id, () => graph.serviceConfigurationRecords(domain.id)) : null;
      for (const record of read?.unreadable ?? []) {
        if (record.kind.toLowerCase() === 'unavailable' && record.service !== 'Email') continue;
        errors.push({
          source: 'records',
          domain: id,
          kind: 'malformed',
          message: `Microsoft 365 lists a ${record.optional ? 'optional' : 'required'} ${record.service} record of kind "${record.kind}" at ${record.label} that this app cannot read: compare it by hand in the Microsoft 365 admin center > Settings > Domains > ${id} > DNS records.`,
        });
      }
      domains.push({ id, isVerified: domain.isVerified, isDefault: domain.isDefault, supportedServices: [...domain.supportedServices], records: read === null ? null : read.records });
    }
  }
  const acceptedDomains = await attempt('accepted-domains', null, () => exchange.acceptedDomains());
  return {
    version: 1,
    readAt: new Date(now()).toISOString(),
    cloud: account.cloud,
    tenantId: account.tenantId,
    account: account.username,
    domains,
    acceptedDomains,
    errors,
  };
}
