/**
 * The stable check ids in report order (DESIGN.md's table). Zod- and Node-free, so the renderer can
 * sort results; the registry test keeps it in step with the registry.
 */
export const CHECK_IDS = [
  'dns.smarthost.resolve',
  'dns.smarthost.ptr',
  'smtp.connect',
  'smtp.banner',
  'smtp.ehlo',
  'smtp.starttls',
  'tls.handshake',
  'tls.certificate.trusted',
  'tls.certificate.name',
  'tls.certificate.validity',
  'tls.certificate.strength',
  'tls.certificate.accepted-domain',
  'firewall.eop-ranges',
  'dns.mx',
  'dns.spf',
  'dns.dmarc',
  'dns.dkim',
  'eop.smtp',
  'tenant.domains',
  'tenant.mx',
  'tenant.accepted-domains',
  'tenant.spf',
  'tenant.cnames',
  'tenant.connectors',
  'tenant.accepted-domain-type',
  'onprem.send-connector',
  'onprem.receive-certificate',
  'onprem.postfix',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** Position of a check in report order; unknown ids go last. */
export function checkOrder(id: string): number {
  const index = (CHECK_IDS as readonly string[]).indexOf(id);
  return index === -1 ? CHECK_IDS.length : index;
}
