/** tenant.spf: the domain's SPF has the includes the tenant asks for. */
import { actionFix, advise, commandFix } from '../advice.js';
import type { CheckDefinition } from '../types.js';
import { domainOf, expectedOf, NO_SNAPSHOT, NO_SNAPSHOT_STATUS, noRecords, say, snapshotEvidence, tenantDomain, type TenantSnapshotSource } from './shared.js';

const includesOf = (spf: string): string[] =>
  spf
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => /^[+]?include:/.test(term))
    .map((term) => term.replace(/^\+/, ''));

export function createTenantSpfCheck(getSnapshot: TenantSnapshotSource): CheckDefinition<'tenant.spf'> {
  return {
    id: 'tenant.spf',
    title: "SPF has what the tenant asks for",
    step: 'part2',
    dependsOn: [],
    perDomain: true,
    network: false,
    proves: "The domain's one SPF record contains every include the tenant's expected SPF record asks for.",
    statuses: {
      pass: 'The SPF record includes what the tenant asks for.',
      fail: 'There is no SPF record, there are several, an include the tenant asks for is missing, or the lookup failed.',
      skip: NO_SNAPSHOT_STATUS,
    },
    async run(ctx, target) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return NO_SNAPSHOT;
      const name = domainOf('tenant.spf', target);
      const lookup = tenantDomain(snapshot, name);
      if (!lookup.ok) return lookup.outcome;
      const expected = expectedOf(lookup.domain, 'TXT').find((record) => /^v=spf1(\s|$)/i.test(record.text.trim()));
      if (expected === undefined) return noRecords(snapshot, lookup.domain, 'SPF record');
      const needed = includesOf(expected.text);
      const evidenceBase = { ...snapshotEvidence(snapshot), domain: name, expected: expected.text, resolver: ctx.resolver.description };
      const publish = `${name}. IN TXT "${expected.text}"`;
      const answer = await ctx.resolver.resolveTxt(name);
      if (!answer.ok && answer.failure !== 'NODATA' && answer.failure !== 'NXDOMAIN') {
        return { status: 'fail', summary: `The TXT lookup for ${name} failed (${answer.failure}): ${answer.message}`, evidence: { ...evidenceBase, failure: answer.failure }, advice: advise('Make the domain\'s DNS servers answer, then run the check again.', actionFix('run-again')) };
      }
      const spf = answer.ok ? answer.records.filter((record) => /^v=spf1(\s|$)/i.test(record.trim())) : [];
      const evidence = { ...evidenceBase, records: spf };
      if (spf.length === 0) {
        return { status: 'fail', summary: `${name} has no SPF record; the tenant expects "${expected.text}".`, evidence, advice: advise(`Publish ${publish} (keep your server's addresses in it, as ip4: terms, while it still sends directly).`, commandFix('dns', publish)) };
      }
      if (spf.length > 1) {
        return { status: 'fail', summary: `${name} has ${String(spf.length)} SPF records; receivers treat that as an error.`, evidence, advice: say(`Merge them into one record that contains ${needed.join(' ')}.`) };
      }
      const record = spf[0] ?? '';
      const present = new Set(includesOf(record));
      const missing = needed.filter((term) => !present.has(term));
      if (missing.length > 0) {
        const merged = /\s[~?+-]?all\s*$/i.test(record) ? record.replace(/(\s[~?+-]?all\s*)$/i, ` ${missing.join(' ')}$1`) : `${record} ${missing.join(' ')}`;
        return {
          status: 'fail',
          summary: `${name} SPF lacks ${missing.join(', ')}, which the tenant asks for: "${record}".`,
          evidence: { ...evidence, missing },
          advice: advise(`Change the record to: ${name}. IN TXT "${merged.trim()}"`, commandFix('dns', `${name}. IN TXT "${merged.trim()}"`)),
        };
      }
      const same = record.trim().toLowerCase() === expected.text.trim().toLowerCase();
      return {
        status: 'pass',
        summary: same ? `${name} SPF is exactly the tenant's: "${record}".` : `${name} SPF includes ${needed.join(', ')} as the tenant asks: "${record}".`,
        evidence,
      };
    },
  };
}
