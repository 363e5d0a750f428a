/**
 * Does a certificate name a host (RFC 6125), and which of the engagement's domains does it name?
 * EOP checks the first when it delivers to the smart host with CertificateValidation/DomainValidation,
 * and the second when it identifies your server by certificate (TlsSenderCertificateName) and decides
 * whether it may relay your mail.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { Address4, Address6 } from 'ip-address';
import type { ParsedCertificate } from './certificate.js';

export type HostMatch =
  | { readonly matched: true; readonly by: 'dns-san' | 'wildcard-san' | 'common-name' | 'ip-san'; readonly name: string }
  | { readonly matched: false; readonly reason: string };

/** Lower-case A-label form without a trailing dot, so names compare as DNS does. */
export function normaliseDnsName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '').toLowerCase();
  if (trimmed.includes('*')) return trimmed;
  const ascii = domainToASCII(trimmed);
  return ascii === '' ? trimmed : ascii;
}

function canonicalIp(address: string): string {
  if (isIP(address) === 4) return new Address4(address).correctForm();
  return new Address6(address).correctForm();
}

/**
 * RFC 6125 §6.4.3, the strict reading: the wildcard is the whole left-most label, matches exactly one
 * non-empty label, and needs at least two labels after it (no "*.com").
 */
export function wildcardMatches(pattern: string, host: string): boolean {
  const patternLabels = normaliseDnsName(pattern).split('.');
  const hostLabels = normaliseDnsName(host).split('.');
  if (patternLabels[0] !== '*' || patternLabels.length < 3) return false;
  if (patternLabels.slice(1).some((label) => label === '' || label.includes('*'))) return false;
  if (hostLabels.length !== patternLabels.length || hostLabels[0] === '') return false;
  return patternLabels.slice(1).every((label, i) => label === hostLabels[i + 1]);
}

function nameMatches(presented: string, host: string): 'exact' | 'wildcard' | null {
  const name = normaliseDnsName(presented);
  if (!name.includes('*')) return name === host ? 'exact' : null;
  return wildcardMatches(name, host) ? 'wildcard' : null;
}

/** Whether the certificate is valid for `host` (a DNS name or an IP address). */
export function matchHost(cert: ParsedCertificate, host: string): HostMatch {
  if (isIP(host) !== 0) {
    const wanted = canonicalIp(host);
    const hit = cert.ipAddresses.find((ip) => isIP(ip) !== 0 && canonicalIp(ip) === wanted);
    if (hit !== undefined) return { matched: true, by: 'ip-san', name: hit };
    return {
      matched: false,
      reason:
        cert.ipAddresses.length === 0
          ? `${host} is an IP address and the certificate has no IP address names`
          : `${host} is not among the certificate's IP addresses (${cert.ipAddresses.join(', ')})`,
    };
  }
  const wanted = normaliseDnsName(host);
  if (cert.dnsNames.length > 0) {
    for (const name of cert.dnsNames) {
      const kind = nameMatches(name, wanted);
      if (kind !== null) return { matched: true, by: kind === 'exact' ? 'dns-san' : 'wildcard-san', name };
    }
    return { matched: false, reason: `${host} is not among the certificate's DNS names (${cert.dnsNames.join(', ')})` };
  }
  for (const name of cert.commonNames) {
    if (nameMatches(name, wanted) !== null) return { matched: true, by: 'common-name', name };
  }
  return {
    matched: false,
    reason:
      cert.commonNames.length === 0
        ? 'the certificate has neither DNS names nor a common name'
        : `the certificate has no DNS names and its common name (${cert.commonNames.join(', ')}) is not ${host}`,
  };
}

export type DomainMatchKind = 'exact' | 'wildcard' | 'subdomain';

export interface DomainMatch {
  readonly domain: string;
  /** The name as the certificate presents it. */
  readonly certName: string;
  /** exact: the domain itself; wildcard: `*.domain`; subdomain: a name under the domain (mail.domain). */
  readonly kind: DomainMatchKind;
}

/**
 * The engagement domains the certificate names. Microsoft asks that the certificate's CN or a SAN
 * "matches an accepted domain", and TlsSenderCertificateName takes a domain or `*.domain`; a name
 * under the domain (mail.contoso.com for contoso.com) is accepted the same way, so it counts, but is
 * reported as such. CN counts even when SANs exist, because Exchange Online looks at both.
 */
export function matchDomains(cert: ParsedCertificate, domains: readonly string[]): DomainMatch[] {
  const names = [...new Set([...cert.dnsNames, ...cert.commonNames])];
  const matches: DomainMatch[] = [];
  for (const domain of domains) {
    const wanted = normaliseDnsName(domain);
    for (const certName of names) {
      const name = normaliseDnsName(certName);
      const kind: DomainMatchKind | null =
        name === wanted ? 'exact' : name === `*.${wanted}` ? 'wildcard' : name.endsWith(`.${wanted}`) ? 'subdomain' : null;
      if (kind !== null) matches.push({ domain, certName, kind });
    }
  }
  const rank: Readonly<Record<DomainMatchKind, number>> = { exact: 0, wildcard: 1, subdomain: 2 };
  return matches.sort((a, b) => rank[a.kind] - rank[b.kind]);
}
