/**
 * tenant.*: the live DNS and the engagement compared with what the Microsoft 365 tenant itself
 * says (a TenantSnapshot read while signed in), instead of values derived by rule. Graph's expected
 * records are the source of truth for the exact MX host, including the newer mx.microsoft form,
 * whose letter cannot be computed. Without a snapshot every check is skipped with the reason.
 */
import { isOffice365MxHost } from '../dns/office365-mx.js';
import type { TenantDomain, TenantSnapshot } from '../m365/tenant-snapshot.js';
import type { CheckContext, CheckDefinition, CheckOutcome, Evidence, Json } from './types.js';

/** Where the checks get the tenant data: the engagement's saved snapshot, or null when never read. */
export type TenantSnapshotSource = (ctx: CheckContext) => TenantSnapshot | null;

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');
const firstLabel = (name: string): string => normalise(name).split('.')[0] ?? '';

const NO_SNAPSHOT: CheckOutcome = {
  status: 'skip',
  summary: 'No tenant data: sign in to compare with the tenant.',
  evidence: {},
  advice: 'Sign in to Microsoft 365 in the app and read the tenant; the data is kept with the engagement for offline use.',
};

function domainOf(id: string, target: string | null): string {
  if (target === null || target === '') throw new Error(`${id} is a per-domain check and was run without a domain`);
  return normalise(target);
}

function snapshotEvidence(snapshot: TenantSnapshot): Evidence {
  return { tenantId: snapshot.tenantId, readAt: snapshot.readAt, account: snapshot.account };
}

function errorsOf(snapshot: TenantSnapshot, source: 'domains' | 'records' | 'accepted-domains', domain: string | null): string {
  const messages = snapshot.errors.filter((error) => error.source === source && (domain === null || error.domain === domain)).map((error) => error.message);
  return messages.length === 0 ? '' : ` ${messages.join(' ')}`;
}

type DomainLookup = { readonly ok: true; readonly domain: TenantDomain } | { readonly ok: false; readonly outcome: CheckOutcome };

/** The tenant's record of a domain, or the skip that explains why there is none. */
function tenantDomain(snapshot: TenantSnapshot, domain: string): DomainLookup {
  const base = snapshotEvidence(snapshot);
  if (snapshot.domains === null) {
    return { ok: false, outcome: { status: 'skip', summary: `The tenant's domains could not be read.${errorsOf(snapshot, 'domains', null)}`, evidence: { ...base, domain } } };
  }
  const found = snapshot.domains.find((candidate) => normalise(candidate.id) === domain);
  if (found === undefined) {
    return { ok: false, outcome: { status: 'skip', summary: `${domain} is not a domain of the tenant (see "Domains are in the tenant").`, evidence: { ...base, domain } } };
  }
  return { ok: true, domain: found };
}

function expectedOf<T extends NonNullable<TenantDomain['records']>[number]['type']>(
  domain: TenantDomain,
  type: T,
): Extract<NonNullable<TenantDomain['records']>[number], { readonly type: T }>[] {
  return (domain.records ?? []).filter((record): record is Extract<NonNullable<TenantDomain['records']>[number], { readonly type: T }> => record.type === type && record.service === 'Email');
}

function noRecords(snapshot: TenantSnapshot, domain: TenantDomain, what: string): CheckOutcome {
  const reason = domain.records === null ? `the records Microsoft expects for ${domain.id} were not read.${errorsOf(snapshot, 'records', domain.id)}` : `the tenant expects no ${what} for ${domain.id}.`;
  return { status: 'skip', summary: `Nothing to compare: ${reason}`, evidence: { ...snapshotEvidence(snapshot), domain: domain.id } };
}

function createMxCheck(getSnapshot: TenantSnapshotSource): CheckDefinition {
  return {
    id: 'tenant.mx',
    title: "MX is the tenant's own Office 365 host",
    step: 'part1',
    dependsOn: [],
    perDomain: true,
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
      const evidenceBase: Evidence = { ...snapshotEvidence(snapshot), domain: name, expected: host, recordToPublish, resolver: ctx.resolver.description };
      const answer = await ctx.resolver.resolveMx(name);
      if (!answer.ok) {
        return {
          status: 'fail',
          summary: `The MX lookup for ${name} failed (${answer.failure}): ${answer.message}`,
          evidence: { ...evidenceBase, failure: answer.failure },
          advice: `Publish exactly one MX record: ${recordToPublish}`,
        };
      }
      const live = answer.records.map((record) => ({ exchange: normalise(record.exchange), priority: record.priority }));
      const evidence: Evidence = { ...evidenceBase, records: live.map((record): Json => ({ ...record })) };
      const shown = live.map((record) => `${record.exchange} (${String(record.priority)})`).join(', ');
      const matching = live.filter((record) => record.exchange === host);
      if (live.length > 0 && matching.length === live.length) {
        return { status: 'pass', summary: `${name} MX is ${host}, exactly as the tenant expects.`, evidence };
      }
      if (matching.length > 0) {
        return { status: 'warn', summary: `${name} MX has ${host} next to other hosts (${shown}).`, evidence, advice: `Remove the other MX records, keeping only ${recordToPublish}` };
      }
      const office = live.filter((record) => isOffice365MxHost(record.exchange));
      const classicOfSameDomain = office.length > 0 && office.every((record) => record.exchange.endsWith('.mail.protection.outlook.com') && firstLabel(record.exchange) === firstLabel(host));
      if (classicOfSameDomain && host.endsWith('.mx.microsoft')) {
        return {
          status: 'warn',
          summary: `${name} MX uses the classic host ${shown}; the tenant now expects ${host}.`,
          evidence,
          advice: `Mail still flows, but Microsoft moves domains to mx.microsoft (with DNSSEC and DANE): change the MX to ${recordToPublish}`,
        };
      }
      if (office.length > 0) {
        return {
          status: 'fail',
          summary: `${name} MX points to an Office 365 host that is not this tenant's for the domain: ${shown} (expected ${host}).`,
          evidence,
          advice: `Office 365 routes by the MX host name. Publish exactly one MX record: ${recordToPublish}`,
        };
      }
      return {
        status: 'warn',
        summary: live.length === 0 ? `${name} has no MX record yet; the tenant expects ${host}.` : `pending: ${name} MX still points to ${shown}; the tenant expects ${host}.`,
        evidence,
        advice: `When the connectors are validated, replace the MX records: ${recordToPublish}`,
      };
    },
  };
}

const includesOf = (spf: string): string[] =>
  spf
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => /^[+]?include:/.test(term))
    .map((term) => term.replace(/^\+/, ''));

function createSpfCheck(getSnapshot: TenantSnapshotSource): CheckDefinition {
  return {
    id: 'tenant.spf',
    title: "SPF has what the tenant asks for",
    step: 'part2',
    dependsOn: [],
    perDomain: true,
    async run(ctx, target) {
      const snapshot = getSnapshot(ctx);
      if (snapshot === null) return NO_SNAPSHOT;
      const name = domainOf('tenant.spf', target);
      const lookup = tenantDomain(snapshot, name);
      if (!lookup.ok) return lookup.outcome;
      const expected = expectedOf(lookup.domain, 'TXT').find((record) => /^v=spf1(\s|$)/i.test(record.text.trim()));
      if (expected === undefined) return noRecords(snapshot, lookup.domain, 'SPF record');
      const needed = includesOf(expected.text);
      const evidenceBase: Evidence = { ...snapshotEvidence(snapshot), domain: name, expected: expected.text, resolver: ctx.resolver.description };
      const publish = `${name}. IN TXT "${expected.text}"`;
      const answer = await ctx.resolver.resolveTxt(name);
      if (!answer.ok && answer.failure !== 'NODATA' && answer.failure !== 'NXDOMAIN') {
        return { status: 'fail', summary: `The TXT lookup for ${name} failed (${answer.failure}): ${answer.message}`, evidence: { ...evidenceBase, failure: answer.failure }, advice: 'Make the domain\'s DNS servers answer, then run the check again.' };
      }
      const spf = answer.ok ? answer.records.filter((record) => /^v=spf1(\s|$)/i.test(record.trim())) : [];
      const evidence: Evidence = { ...evidenceBase, records: spf };
      if (spf.length === 0) {
        return { status: 'fail', summary: `${name} has no SPF record; the tenant expects "${expected.text}".`, evidence, advice: `Publish ${publish} (keep your server's addresses in it, as ip4: terms, while it still sends directly).` };
      }
      if (spf.length > 1) {
        return { status: 'fail', summary: `${name} has ${String(spf.length)} SPF records; receivers treat that as an error.`, evidence, advice: `Merge them into one record that contains ${needed.join(' ')}.` };
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
          advice: `Change the record to: ${name}. IN TXT "${merged.trim()}"`,
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

function createCnamesCheck(getSnapshot: TenantSnapshotSource): CheckDefinition {
  return {
    id: 'tenant.cnames',
    title: "CNAME records match the tenant's",
    step: 'part2',
    dependsOn: [],
    perDomain: true,
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
      const evidence: Evidence = {
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
        advice: `These records do not carry mail, but Outlook and other clients rely on them. Publish: ${wrong.map((record) => `${record.label}. IN CNAME ${record.expected}.`).join(' ')}`,
      };
    },
  };
}

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

function createAcceptedDomainsCheck(getSnapshot: TenantSnapshotSource): CheckDefinition {
  return {
    id: 'tenant.accepted-domains',
    title: 'Sender domains are accepted domains',
    step: 'part1',
    dependsOn: [],
    after: ['tls.certificate.accepted-domain'],
    perDomain: false,
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
      const evidence: Evidence = { ...base, domains, accepted, notAccepted: missing };
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
        advice: 'Office 365 relays your server\'s mail only for accepted domains, or when the server\'s certificate names one. Add and verify the domains in the Microsoft 365 admin center (Settings > Domains), or use a certificate whose name is an accepted domain.',
      });
    },
  };
}

function createDomainsCheck(getSnapshot: TenantSnapshotSource): CheckDefinition {
  return {
    id: 'tenant.domains',
    title: 'Domains are in the tenant',
    step: 'prerequisites',
    dependsOn: [],
    perDomain: true,
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
          advice: `Add ${name} in the Microsoft 365 admin center (Settings > Domains > Add domain) and verify it with the TXT record it shows.`,
        });
      }
      const evidence: Evidence = { ...base, isVerified: found.isVerified, isDefault: found.isDefault, supportedServices: [...found.supportedServices] };
      if (!found.isVerified) {
        return Promise.resolve({
          status: 'fail',
          summary: `${name} is in the tenant but not verified.`,
          evidence,
          advice: `Finish the verification in the Microsoft 365 admin center (Settings > Domains > ${name}): publish the TXT record it shows, then select Verify.`,
        });
      }
      if (!found.supportedServices.includes('Email')) {
        return Promise.resolve({
          status: 'warn',
          summary: `${name} is verified but not set up for Email (services: ${found.supportedServices.join(', ') || 'none'}).`,
          evidence,
          advice: `In the Microsoft 365 admin center, open Settings > Domains > ${name} and add the Exchange (Email) service.`,
        });
      }
      return Promise.resolve({ status: 'pass', summary: `${name} is a verified Email domain of the tenant.`, evidence });
    },
  };
}

/** The five tenant.* checks, fed by the snapshot `getSnapshot` returns for a run. */
export function createTenantChecks(getSnapshot: TenantSnapshotSource): readonly CheckDefinition[] {
  return [createDomainsCheck(getSnapshot), createMxCheck(getSnapshot), createAcceptedDomainsCheck(getSnapshot), createSpfCheck(getSnapshot), createCnamesCheck(getSnapshot)];
}
