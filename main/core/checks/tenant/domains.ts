/** tenant.domains: each domain is a verified Email domain of the tenant. */
import type { CheckDefinition } from '../types.js';
import { domainOf, errorsOf, NO_SNAPSHOT, NO_SNAPSHOT_STATUS, normalise, say, snapshotEvidence, type TenantSnapshotSource } from './shared.js';

export function createTenantDomainsCheck(getSnapshot: TenantSnapshotSource): CheckDefinition<'tenant.domains'> {
  return {
    id: 'tenant.domains',
    title: 'Domains are in the tenant',
    step: 'prerequisites',
    dependsOn: [],
    perDomain: true,
    network: false,
    proves: 'The domain is a verified domain of the tenant, set up for Email.',
    statuses: {
      pass: 'The domain is verified and has the Email service.',
      warn: 'The domain is verified but not set up for Email.',
      fail: 'The domain is not in the tenant, or not verified.',
      skip: NO_SNAPSHOT_STATUS,
    },
    run(ctx, target) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return Promise.resolve(NO_SNAPSHOT);
      const name = domainOf('tenant.domains', target);
      const base = { ...snapshotEvidence(snapshot), domain: name };
      if (snapshot.domains === null) {
        return Promise.resolve({ status: 'skip', summary: `The tenant's domains could not be read.${errorsOf(snapshot, 'domains', null)}`, evidence: base });
      }
      const found = snapshot.domains.find((candidate) => normalise(candidate.id) === name);
      if (found === undefined) {
        return Promise.resolve({
          status: 'fail',
          summary: `${name} is not a domain of the tenant (${snapshot.domains.map((domain) => domain.id).join(', ')}).`,
          evidence: { ...base, tenantDomains: snapshot.domains.map((domain) => domain.id) },
          advice: say(`Add ${name} in the Microsoft 365 admin center (Settings > Domains > Add domain) and verify it with the TXT record it shows.`),
        });
      }
      const evidence = { ...base, isVerified: found.isVerified, isDefault: found.isDefault, supportedServices: [...found.supportedServices] };
      if (!found.isVerified) {
        return Promise.resolve({
          status: 'fail',
          summary: `${name} is in the tenant but not verified.`,
          evidence,
          advice: say(`Finish the verification in the Microsoft 365 admin center (Settings > Domains > ${name}): publish the TXT record it shows, then select Verify.`),
        });
      }
      if (!found.supportedServices.includes('Email')) {
        return Promise.resolve({
          status: 'warn',
          summary: `${name} is verified but not set up for Email (services: ${found.supportedServices.join(', ') || 'none'}).`,
          evidence,
          advice: say(`In the Microsoft 365 admin center, open Settings > Domains > ${name} and add the Exchange (Email) service.`),
        });
      }
      return Promise.resolve({ status: 'pass', summary: `${name} is a verified Email domain of the tenant.`, evidence });
    },
  };
}

