import { domainToASCII, domainToUnicode } from 'node:url';
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsFailureKind } from '../ports/dns.js';

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/**
 * The classic Office 365 MX host of a domain: dots become dashes (existing dashes stay). Long or
 * unusual names are escaped differently by Microsoft, which is why --tenant-mx can override it.
 */
export function expectedTenantMx(domain: string): string {
  const name = normalise(domain);
  return `${name.startsWith('xn--') ? internationalLabel(name) : name.replaceAll('.', '-')}.mail.protection.outlook.com`;
}

/**
 * A name whose first label is an A-label, joined with dashes ("xn--bcher-kva-de"), is not valid
 * punycode, so the label is built from the Unicode form instead ("bücher-de" → "xn--bcher-de-65a").
 * Microsoft does not publish its rule for these names: the tenant's own value is the one to use.
 */
function internationalLabel(name: string): string {
  const unicode = domainToUnicode(name);
  const label = domainToASCII(unicode.replaceAll('.', '-'));
  return label === '' ? name.replaceAll('.', '-') : label;
}

/** Any Office 365 MX host, of any tenant: the classic name or the DNSSEC-capable `mx.microsoft` one. */
export function isOffice365MxHost(host: string): boolean {
  const name = normalise(host);
  return name.endsWith('.mail.protection.outlook.com') || name.endsWith('.mx.microsoft');
}

/**
 * Whether an Office 365 host belongs to this domain's tenant: one of the accepted hosts, or an
 * `mx.microsoft` host with the same first label (its letter is assigned by Microsoft and cannot be
 * derived, so the tenant part is all that can be compared).
 */
export function isTenantMxHost(host: string, acceptedHosts: readonly string[]): boolean {
  const name = normalise(host);
  const firstLabel = name.split('.')[0] ?? '';
  return acceptedHosts.some((accepted) => {
    const expected = normalise(accepted);
    if (name === expected) return true;
    return name.endsWith('.mx.microsoft') && firstLabel === (expected.split('.')[0] ?? '');
  });
}

export interface MxHostObservation {
  readonly exchange: string;
  readonly priority: number;
  /** Addresses the host resolved to (after CNAMEs), or why it did not resolve. */
  readonly resolution:
    | { readonly ok: true; readonly addresses: readonly string[]; readonly chain: readonly string[] }
    | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };
}

export type MxLookupObservation =
  | { readonly ok: true; readonly hosts: readonly MxHostObservation[] }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };

export interface MxInput {
  readonly domain: string;
  /** The tenant's MX hosts that count as "ours" for this domain (see acceptedTenantHosts). */
  readonly tenantHosts: readonly string[];
  readonly mx: MxLookupObservation;
}

export type MxState = 'office365' | 'pending' | 'mixed' | 'none' | 'null-mx' | 'dangling' | 'wrong-tenant' | 'lookup-failed';

export interface MxVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly state: MxState;
  readonly summary: string;
  readonly advice?: string;
  /** The MX record set to publish, one line per record in zone-file form. */
  readonly recordToPublish: string;
}

/** The hosts that count as this domain's own Office 365 MX: --tenant-mx if given, and the derived name. */
export function acceptedTenantHosts(domain: string, tenantMx: string | null): readonly string[] {
  const derived = expectedTenantMx(domain);
  return tenantMx === null || normalise(tenantMx) === derived ? [derived] : [normalise(tenantMx), derived];
}

function describeHosts(hosts: readonly MxHostObservation[]): string {
  return hosts.map((host) => `${host.exchange} (${host.priority})`).join(', ');
}

/**
 * The dns.mx verdict: the MX set must be the tenant's Office 365 host alone at cutover; before
 * that, pointing elsewhere is expected (warn), but a domain without working MX loses mail (fail).
 */
export function evaluateMx(input: MxInput): MxVerdict {
  const domain = normalise(input.domain);
  const target = input.tenantHosts[0] ?? expectedTenantMx(domain);
  const recordToPublish = `${domain}. IN MX 0 ${target}.`;
  const publish = `Publish exactly one MX record: ${recordToPublish}`;
  if (!input.mx.ok) {
    const { failure, message } = input.mx;
    const what =
      failure === 'NXDOMAIN' ? `${domain} does not exist in DNS`
      : failure === 'NODATA' ? `${domain} has no MX record`
      : `the MX lookup for ${domain} failed`;
    return {
      status: 'fail',
      state: failure === 'NXDOMAIN' || failure === 'NODATA' ? 'none' : 'lookup-failed',
      summary: `${what} (${failure}): ${message}`,
      advice: failure === 'NXDOMAIN' || failure === 'NODATA' ? publish : `Make the domain's DNS servers answer. ${publish}`,
      recordToPublish,
    };
  }
  const hosts = input.mx.hosts;
  if (hosts.length === 0) {
    return { status: 'fail', state: 'none', summary: `${domain} has no MX record`, advice: publish, recordToPublish };
  }
  if (hosts.length === 1 && hosts[0] !== undefined && normalise(hosts[0].exchange) === '') {
    return {
      status: 'fail',
      state: 'null-mx',
      summary: `${domain} publishes a null MX ("."): it declares that it accepts no mail`,
      advice: `Replace the null MX. ${publish}`,
      recordToPublish,
    };
  }
  const dangling = hosts.filter((host) => !host.resolution.ok);
  if (dangling.length > 0) {
    const reasons = dangling.map((host) => (host.resolution.ok ? '' : `${host.exchange}: ${host.resolution.failure}`)).join('; ');
    return {
      status: 'fail',
      state: 'dangling',
      summary: `MX host${dangling.length > 1 ? 's' : ''} of ${domain} do${dangling.length > 1 ? '' : 'es'} not resolve to an address (${reasons})`,
      advice: `Mail to ${domain} cannot be delivered to a host without an address. ${publish}`,
      recordToPublish,
    };
  }
  const office = hosts.filter((host) => isOffice365MxHost(host.exchange));
  const foreignTenant = office.filter((host) => !isTenantMxHost(host.exchange, input.tenantHosts));
  if (foreignTenant.length > 0) {
    return {
      status: 'fail',
      state: 'wrong-tenant',
      summary: `${domain} points to an Office 365 host of another domain or tenant: ${describeHosts(foreignTenant)} (expected ${target})`,
      advice: `Office 365 routes by the MX host name; use this domain's own host. ${publish}`,
      recordToPublish,
    };
  }
  const others = hosts.filter((host) => !isOffice365MxHost(host.exchange));
  if (others.length === 0) {
    return { status: 'pass', state: 'office365', summary: `${domain} MX points to Office 365: ${describeHosts(hosts)}`, recordToPublish };
  }
  if (office.length === 0) {
    return {
      status: 'warn',
      state: 'pending',
      summary: `pending: change the MX at cutover; ${domain} MX still points to ${describeHosts(others)}`,
      advice: `When the connectors are validated, replace the MX records of ${domain}. ${publish}`,
      recordToPublish,
    };
  }
  return {
    status: 'warn',
    state: 'mixed',
    summary: `${domain} MX mixes Office 365 (${describeHosts(office)}) with other hosts (${describeHosts(others)}): senders pick by preference and may bypass Office 365`,
    advice: `Remove the other MX records. ${publish}`,
    recordToPublish,
  };
}
