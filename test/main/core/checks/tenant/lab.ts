/** What the tenant.* tests share: a tenant snapshot, the five checks fed by it, and a way to run one. */
import { createTenantAcceptedDomainsCheck } from '../../../../../main/core/checks/tenant/accepted-domains.js';
import { createTenantCnamesCheck } from '../../../../../main/core/checks/tenant/cnames.js';
import { createTenantDomainsCheck } from '../../../../../main/core/checks/tenant/domains.js';
import { createTenantMxCheck } from '../../../../../main/core/checks/tenant/mx.js';
import type { TenantSnapshotSource } from '../../../../../main/core/checks/tenant/shared.js';
import { createTenantSpfCheck } from '../../../../../main/core/checks/tenant/spf.js';
import type { CheckDefinition, CheckOutcome, CheckResult } from '../../../../../main/core/checks/types.js';
import type { TenantSnapshot } from '../../../../../main/core/m365/tenant-snapshot.js';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import type { StaticRecords } from '../../../../lab/check-context.js';

export const SNAPSHOT: TenantSnapshot = {
  version: 1,
  readAt: '2026-11-27T09:30:00.000Z',
  cloud: 'Worldwide',
  tenantId: '0550b473-9fd2-4dbb-a058-a1640b4bf458',
  account: 'admin@contoso.test',
  domains: [
    {
      id: 'contoso.test',
      isVerified: true,
      isDefault: true,
      supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      records: [
        { type: 'MX', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 },
        { type: 'TXT', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, text: 'v=spf1 include:spf.protection.outlook.com -all' },
        { type: 'CNAME', label: 'autodiscover.contoso.test', service: 'Email', optional: false, ttl: 3600, canonicalName: 'autodiscover.outlook.com' },
        { type: 'CNAME', label: 'sip.contoso.test', service: 'OfficeCommunicationsOnline', optional: false, ttl: 3600, canonicalName: 'sipdir.online.lync.com' },
      ],
    },
    { id: 'fabrikam.test', isVerified: false, isDefault: false, supportedServices: [], records: null },
    { id: 'tailspin.test', isVerified: true, isDefault: false, supportedServices: ['OfficeCommunicationsOnline'], records: null },
  ],
  acceptedDomains: [{ domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true }],
  errors: [],
};

/** The five tenant checks in report order, fed by `getSnapshot`. */
export function createTenantChecks(getSnapshot: TenantSnapshotSource): readonly CheckDefinition[] {
  return [
    createTenantDomainsCheck(getSnapshot),
    createTenantMxCheck(getSnapshot),
    createTenantAcceptedDomainsCheck(getSnapshot),
    createTenantSpfCheck(getSnapshot),
    createTenantCnamesCheck(getSnapshot),
  ];
}

export const checks = createTenantChecks(() => SNAPSHOT);
export const byId = (id: string, source: readonly CheckDefinition[] = checks): CheckDefinition => {
  const found = source.find((check) => check.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
};

export function run(
  id: string,
  target: string | null,
  zone: Readonly<Record<string, StaticRecords>> = {},
  options: { domains?: string[]; results?: CheckResult[]; source?: readonly CheckDefinition[] } = {},
): Promise<CheckOutcome> {
  const ctx = createCheckContext({ resolver: staticResolver(zone), inputs: { domains: options.domains ?? ['contoso.test'] }, results: options.results ?? [] });
  return byId(id, options.source).run(ctx, target);
}
