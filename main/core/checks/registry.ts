/**
 * Every check, once, in report order: this list is the only place the ids and their order are
 * written (docs/checks.md, `mailflow checks` and the app's sorting are derived from it). The
 * registry is a function of what the checks need from outside, so each face injects the same
 * sources (the EOP ranges from its offline cache, the tenant snapshot of the engagement).
 */
import type { CheckInfo } from '../../../preload/vocabulary/checks.js';
import type { EopRanges } from '../eop/ranges.js';
import { dkimCheck } from './dns/dkim.js';
import { dmarcCheck } from './dns/dmarc.js';
import { createMtaStsCheck } from './dns/mta-sts.js';
import { mxCheck } from './dns/mx.js';
import { smartHostPtrCheck } from './dns/smarthost-ptr.js';
import { smartHostResolveCheck } from './dns/smarthost-resolve.js';
import { spfCheck } from './dns/spf.js';
import { tlsRptCheck } from './dns/tlsrpt.js';
import { createEopRelayCheck } from './eop/relay.js';
import { createEopSmtpCheck } from './eop/smtp.js';
import { createFirewallCheck } from './firewall/eop-ranges.js';
import { onpremPostfixCheck } from './onprem/postfix.js';
import { onpremReceiveCertificateCheck } from './onprem/receive-certificate.js';
import { onpremSendConnectorCheck } from './onprem/send-connector.js';
import { bannerCheck } from './smtp/banner.js';
import { connectCheck } from './smtp/connect.js';
import { ehloCheck } from './smtp/ehlo.js';
import { starttlsCheck } from './smtp/starttls.js';
import { createTenantAcceptedDomainsCheck } from './tenant/accepted-domains.js';
import { tenantAcceptedDomainTypeCheck } from './tenant/accepted-domain-type.js';
import { createTenantCnamesCheck } from './tenant/cnames.js';
import { tenantConnectorsCheck } from './tenant/connectors.js';
import { createTenantDomainsCheck } from './tenant/domains.js';
import { createTenantMxCheck } from './tenant/mx.js';
import { snapshotFromInputs, type TenantSnapshotSource } from './tenant/shared.js';
import { createTenantSpfCheck } from './tenant/spf.js';
import { createCertificateAcceptedDomainCheck } from './tls/certificate-accepted-domain.js';
import { createCertificateNameCheck } from './tls/certificate-name.js';
import { createCertificateStrengthCheck } from './tls/certificate-strength.js';
import { createCertificateTrustedCheck } from './tls/certificate-trusted.js';
import { createCertificateValidityCheck } from './tls/certificate-validity.js';
import { handshakeCheck } from './tls/handshake.js';
import { tlsProtocolsCheck } from './tls/protocols.js';
import type { CheckDefinition, CheckId } from './types.js';

export interface CheckRegistryDependencies {
  /** The EOP ranges firewall.eop-ranges compares with: the face's offline cache or the bundled snapshot. */
  readonly ranges: () => Promise<EopRanges>;
  /** The tenant snapshot for tenant.*; by default the one in the run's inputs. */
  readonly tenant?: TenantSnapshotSource;
}

export function createCheckRegistry(dependencies: CheckRegistryDependencies): readonly CheckDefinition[] {
  const tenant = dependencies.tenant ?? snapshotFromInputs;
  // Each check is declared with its own id, so its evidence has that id's schema type at compile time.
  return [
    smartHostResolveCheck,
    smartHostPtrCheck,
    connectCheck,
    bannerCheck,
    ehloCheck,
    starttlsCheck,
    handshakeCheck,
    tlsProtocolsCheck,
    createCertificateTrustedCheck(),
    createCertificateNameCheck(),
    createCertificateValidityCheck(),
    createCertificateStrengthCheck(),
    createCertificateAcceptedDomainCheck(),
    createFirewallCheck(dependencies.ranges),
    mxCheck,
    spfCheck,
    dmarcCheck,
    dkimCheck,
    createMtaStsCheck(tenant),
    tlsRptCheck,
    createEopSmtpCheck(),
    createEopRelayCheck(),
    createTenantDomainsCheck(tenant),
    createTenantMxCheck(tenant),
    createTenantAcceptedDomainsCheck(tenant),
    createTenantSpfCheck(tenant),
    createTenantCnamesCheck(tenant),
    tenantConnectorsCheck,
    tenantAcceptedDomainTypeCheck,
    onpremSendConnectorCheck,
    onpremReceiveCertificateCheck,
    onpremPostfixCheck,
  ] satisfies readonly CheckDefinition<CheckId>[];
}

/** What each check is, for `mailflow checks`, docs/checks.md and the app (no run needed). */
export function checkCatalog(registry: readonly CheckDefinition[]): CheckInfo[] {
  return registry.map((definition) => ({
    id: definition.id,
    title: definition.title,
    step: definition.step,
    perDomain: definition.perDomain,
    perSmartHost: definition.perSmartHost === true,
    network: definition.network,
    proves: definition.proves,
    dependsOn: [...definition.dependsOn],
    statuses: { ...definition.statuses },
  }));
}

/** The catalog without running anything: the sources are never called to describe the checks. */
export function describeChecks(): CheckInfo[] {
  const unused = (): Promise<never> => Promise.reject(new Error('describing the checks reads no ranges'));
  return checkCatalog(createCheckRegistry({ ranges: unused }));
}
