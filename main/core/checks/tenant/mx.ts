/** tenant.mx: the domain's MX is exactly the Office 365 host the tenant names. */
import { isOffice365MxHost } from '../../dns/office365-mx.js';
import { advise, commandFix } from '../advice.js';
import type { CheckDefinition, Json } from '../types.js';
import { domainOf, firstLabel, NO_SNAPSHOT, NO_SNAPSHOT_STATUS, noRecords, normalise, snapshotEvidence, tenantDomain, expectedOf, type TenantSnapshotSource } from './shared.js';

export function createTenantMxCheck(getSnapshot: TenantSnapshotSource): CheckDefinition<'tenant.mx'> {
  return {
    id: 'tenant.mx',
    title: "MX is the tenant's own Office 365 host",
    step: 'part1',
    dependsOn: [],
    perDomain: true,
    network: false,
    proves: "The domain's MX is exactly the Office 365 host Microsoft 365 names for it (including the newer mx.microsoft form, which cannot be derived).",
    statuses: {
      pass: 'The MX set is the tenant’s host alone.',
      warn: 'The MX still points elsewhere (before cutover), mixes hosts, or uses the classic host the tenant moved away from.',
      fail: 'The MX points to an Office 365 host that is not the tenant’s for the domain, or the lookup failed.',
      skip: NO_SNAPSHOT_STATUS,
    },
    async run(ctx, target) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return NO_SNAPSHOT;
      const name = domainOf('tenant.mx', target);
      const lookup = tenantDomain(snapshot, name);
      if (!lookup.ok) return lookup.outcome;
      const expectedRecords = expectedOf(lookup.domain, 'MX');
      const expected = expectedRecords[0];
      if (expected === undefined) return noRecords(snapshot, lookup.domain, 'MX record');
      const host = normalise(expected.mailExchange);
      const recordToPublish = `${name}. IN MX ${String(expected.preference)} ${host}.`;
      const evidenceBase = { ...snapshotEvidence(snapshot), domain: name, expected: host, recordToPublish, resolver: ctx.resolver.description };
      const answer = await ctx.resolver.resolveMx(name);
      if (!answer.ok) {
        return {
          status: 'fail',
          summary: `The MX lookup for ${name} failed (${answer.failure}): ${answer.message}`,
          evidence: { ...evidenceBase, failure: answer.failure },
          advice: advise(`Publish exactly one MX record: ${recordToPublish}`, commandFix('dns', recordToPublish)),
        };
      }
      const live = answer.records.map((record) => ({ exchange: normalise(record.exchange), priority: record.priority }));
      const evidence = { ...evidenceBase, records: live.map((record): Json => ({ ...record })) };
      const shown = live.map((record) => `${record.exchange} (${String(record.priority)})`).join(', ');
      const matching = live.filter((record) => record.exchange === host);
      if (live.length > 0 && matching.length === live.length) {
        return { status: 'pass', summary: `${name} MX is ${host}, exactly as the tenant expects.`, evidence };
      }
      if (matching.length > 0) {
        return { status: 'warn', summary: `${name} MX has ${host} next to other hosts (${shown}).`, evidence, advice: advise(`Remove the other MX records, keeping only ${recordToPublish}`, commandFix('dns', recordToPublish)) };
      }
      const office = live.filter((record) => isOffice365MxHost(record.exchange));
      const classicOfSameDomain = office.length > 0 && office.every((record) => record.exchange.endsWith('.mail.protection.outlook.com') && firstLabel(record.exchange) === firstLabel(host));
      if (classicOfSameDomain && host.endsWith('.mx.microsoft')) {
        return {
          status: 'warn',
          summary: `${name} MX uses the classic host ${shown}; the tenant now expects ${host}.`,
          evidence,
          advice: advise(`Mail still flows, but Microsoft moves domains to mx.microsoft (with DNSSEC and DANE): change the MX to ${recordToPublish}`, commandFix('dns', recordToPublish)),
        };
      }
      if (office.length > 0) {
        return {
          status: 'fail',
          summary: `${name} MX points to an Office 365 host that is not this tenant's for the domain: ${shown} (expected ${host}).`,
          evidence,
          advice: advise(`Office 365 routes by the MX host name. Publish exactly one MX record: ${recordToPublish}`, commandFix('dns', recordToPublish)),
        };
      }
      return {
        status: 'warn',
        summary: live.length === 0 ? `${name} has no MX record yet; the tenant expects ${host}.` : `pending: ${name} MX still points to ${shown}; the tenant expects ${host}.`,
        evidence,
        advice: advise(`When the connectors are validated, replace the MX records: ${recordToPublish}`, commandFix('dns', recordToPublish)),
      };
    },
  };
}
