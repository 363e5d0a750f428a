/**
 * What the tenant.* checks share: the live DNS and the engagement compared with what the Microsoft
 * 365 tenant itself says (a TenantSnapshot read while signed in), instead of values derived by rule.
 * Without a snapshot every check is skipped with the reason.
 */
import type { TenantDomain, TenantSnapshot } from '../../m365/tenant-snapshot.js';
import { actionFix, advise } from '../advice.js';
import type { Advice, CheckContext, CheckOutcome, Evidence } from '../types.js';

/** Where the checks get the tenant data: the engagement's saved snapshot, or null when never read. */
export type TenantSnapshotSource = (ctx: CheckContext) => TenantSnapshot | null;

/** The snapshot the caller put into the run's inputs (the app does, from the engagement). */
export const snapshotFromInputs: TenantSnapshotSource = (ctx) => ctx.inputs.tenant ?? null;

/** Text-only advice: the fix is in the Microsoft 365 admin center or in DNS, in words. */
export const say = (text: string): Advice => advise(text);

export const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');
export const firstLabel = (name: string): string => normalise(name).split('.')[0] ?? '';

export const NO_SNAPSHOT: CheckOutcome = {
  status: 'skip',
  summary: 'No tenant data: sign in to compare with the tenant.',
  evidence: {},
  advice: advise('Sign in to Microsoft 365 and read the tenant; the data is kept with the engagement for offline use.', actionFix('sign-in'), actionFix('read-tenant')),
};

export const NO_SNAPSHOT_STATUS = 'No tenant data: nobody signed in and read the tenant, or what it needs could not be read (the reason is in the summary).';

export function domainOf(id: string, target: string | null): string {
  if (target === null || target === '') throw new Error(`${id} is a per-domain check and was run without a domain`);
  return normalise(target);
}

export function snapshotEvidence(snapshot: TenantSnapshot): Evidence {
  return { tenantId: snapshot.tenantId, readAt: snapshot.readAt, account: snapshot.account };
}

export function errorsOf(snapshot: TenantSnapshot, source: 'domains' | 'records' | 'accepted-domains', domain: string | null): string {
  const messages = snapshot.errors.filter((error) => error.source === source && (domain === null || error.domain === domain)).map((error) => error.message);
  return messages.length === 0 ? '' : ` ${messages.join(' ')}`;
}

export type DomainLookup = { readonly ok: true; readonly domain: TenantDomain } | { readonly ok: false; readonly outcome: CheckOutcome };

/** The tenant's record of a domain, or the skip that explains why there is none. */
export function tenantDomain(snapshot: TenantSnapshot, domain: string): DomainLookup {
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

export function expectedOf<T extends NonNullable<TenantDomain['records']>[number]['type']>(
  domain: TenantDomain,
  type: T,
): Extract<NonNullable<TenantDomain['records']>[number], { readonly type: T }>[] {
  return (domain.records ?? []).filter((record): record is Extract<NonNullable<TenantDomain['records']>[number], { readonly type: T }> => record.type === type && record.service === 'Email');
}

export function noRecords(snapshot: TenantSnapshot, domain: TenantDomain, what: string): CheckOutcome {
  const reason = domain.records === null ? `the records Microsoft expects for ${domain.id} were not read.${errorsOf(snapshot, 'records', domain.id)}` : `the tenant expects no ${what} for ${domain.id}.`;
  return { status: 'skip', summary: `Nothing to compare: ${reason}`, evidence: { ...snapshotEvidence(snapshot), domain: domain.id } };
}
