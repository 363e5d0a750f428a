/** tenant.accepted-domains: the engagement's domains are accepted domains of the tenant (or the certificate names one). */
import type { CheckDefinition, CheckContext, Json } from '../types.js';
import { errorsOf, NO_SNAPSHOT, NO_SNAPSHOT_STATUS, normalise, say, snapshotEvidence, type TenantSnapshotSource } from './shared.js';

/** Engagement domains the certificate names, as tls.certificate.accepted-domain recorded them. */
function certificateDomains(ctx: CheckContext): string[] {
  const matches = ctx.resultOf('tls.certificate.accepted-domain', null)?.evidence['matches'];
  if (!Array.isArray(matches)) return [];
  return matches.flatMap((match: Json) => {
    if (typeof match !== 'object' || match === null || Array.isArray(match)) return [];
    const domain = (match as { readonly [key: string]: Json })['domain'];
    return typeof domain === 'string' ? [normalise(domain)] : [];
  });
}

export function createTenantAcceptedDomainsCheck(getSnapshot: TenantSnapshotSource): CheckDefinition<'tenant.accepted-domains'> {
  return {
    id: 'tenant.accepted-domains',
    title: 'Sender domains are accepted domains',
    step: 'part1',
    dependsOn: [],
    after: ['tls.certificate.accepted-domain'],
    perDomain: false,
    network: false,
    proves: "Office 365 will relay your server's mail: every domain is an accepted domain of the tenant, or the server's certificate names one.",
    statuses: {
      pass: 'Every domain is accepted, or the certificate names an accepted domain.',
      fail: 'A domain is not accepted and the certificate names no accepted domain.',
      skip: NO_SNAPSHOT_STATUS,
    },
    run(ctx) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return Promise.resolve(NO_SNAPSHOT);
      const base = snapshotEvidence(snapshot);
      if (snapshot.acceptedDomains === null) {
        return Promise.resolve({ status: 'skip', summary: `The accepted domains could not be read from Exchange Online.${errorsOf(snapshot, 'accepted-domains', null)}`, evidence: base });
      }
      const accepted = snapshot.acceptedDomains.map((entry) => normalise(entry.domainName));
      const domains = ctx.inputs.domains.map(normalise);
      const missing = domains.filter((domain) => !accepted.includes(domain));
      const evidence = { ...base, domains, accepted, notAccepted: missing };
      if (domains.length === 0) return Promise.resolve({ status: 'skip', summary: 'No domain was given to compare with the accepted domains.', evidence });
      if (missing.length === 0) return Promise.resolve({ status: 'pass', summary: `Every domain is an accepted domain: ${domains.join(', ')}.`, evidence });
      const named = certificateDomains(ctx).filter((domain) => accepted.includes(domain));
      if (named.length > 0) {
        return Promise.resolve({
          status: 'pass',
          summary: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not accepted, but the certificate names the accepted domain ${named.join(', ')}, so Office 365 relays by certificate.`,
          evidence: { ...evidence, certificateNames: named },
        });
      }
      return Promise.resolve({
        status: 'fail',
        summary: `Not accepted domains in the tenant: ${missing.join(', ')}.`,
        evidence,
        advice: say('Office 365 relays your server\'s mail only for accepted domains, or when the server\'s certificate names one. Add and verify the domains in the Microsoft 365 admin center (Settings > Domains), or use a certificate whose name is an accepted domain.'),
      });
    },
  };
}
