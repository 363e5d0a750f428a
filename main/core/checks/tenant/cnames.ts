/** tenant.cnames: the domain's CNAME records (Autodiscover and the like) match the tenant's. */
import { advise, commandFix } from '../advice.js';
import type { CheckDefinition, Json } from '../types.js';
import { domainOf, expectedOf, NO_SNAPSHOT, NO_SNAPSHOT_STATUS, noRecords, normalise, snapshotEvidence, tenantDomain, type TenantSnapshotSource } from './shared.js';

export function createTenantCnamesCheck(getSnapshot: TenantSnapshotSource): CheckDefinition<'tenant.cnames'> {
  return {
    id: 'tenant.cnames',
    title: "CNAME records match the tenant's",
    step: 'part2',
    dependsOn: [],
    perDomain: true,
    network: false,
    proves: "The domain's Email CNAME records (such as autodiscover) point where the tenant expects.",
    statuses: {
      pass: 'Every expected CNAME points where the tenant expects.',
      warn: 'A CNAME is missing or points elsewhere; mail still flows, but clients rely on it.',
      skip: NO_SNAPSHOT_STATUS,
    },
    async run(ctx, target) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return NO_SNAPSHOT;
      const name = domainOf('tenant.cnames', target);
      const lookup = tenantDomain(snapshot, name);
      if (!lookup.ok) return lookup.outcome;
      const expected = expectedOf(lookup.domain, 'CNAME');
      if (expected.length === 0) return noRecords(snapshot, lookup.domain, 'CNAME record');
      const observed = await Promise.all(
        expected.map(async (record) => {
          const answer = await ctx.resolver.resolveCname(record.label);
          const live = answer.ok ? (answer.records[0] === undefined ? null : normalise(answer.records[0])) : null;
          const problem = answer.ok || answer.failure === 'NODATA' || answer.failure === 'NXDOMAIN' ? null : `${answer.failure}: ${answer.message}`;
          return { label: normalise(record.label), expected: normalise(record.canonicalName), live, optional: record.optional, problem };
        }),
      );
      const evidence = {
        ...snapshotEvidence(snapshot),
        domain: name,
        records: observed.map((record): Json => ({ ...record })),
        resolver: ctx.resolver.description,
      };
      const wrong = observed.filter((record) => record.live !== record.expected);
      if (wrong.length === 0) {
        return { status: 'pass', summary: `${observed.map((record) => `${record.label} -> ${record.expected}`).join('; ')}, as the tenant expects.`, evidence };
      }
      const describe = wrong.map((record) => `${record.label} ${record.problem ?? (record.live === null ? 'is missing' : `points to ${record.live}`)} (expected ${record.expected})`);
      return {
        status: 'warn',
        summary: `${describe.join('; ')}.`,
        evidence,
        advice: advise(
          `These records do not carry mail, but Outlook and other clients rely on them. Publish: ${wrong.map((record) => `${record.label}. IN CNAME ${record.expected}.`).join(' ')}`,
          ...wrong.map((record) => commandFix('dns', `${record.label}. IN CNAME ${record.expected}.`)),
        ),
      };
    },
  };
}

