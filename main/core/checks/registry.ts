/** Every check, in the order DESIGN.md lists them (and reports show them). */
import { dnsChecks } from './dns-checks.js';
import { eopSmtpCheck } from './eop-smtp-check.js';
import { firewallCheck } from './firewall-check.js';
import { onpremPostfixCheck } from './onprem/postfix.js';
import { onpremReceiveCertificateCheck } from './onprem/receive-certificate.js';
import { onpremSendConnectorCheck } from './onprem/send-connector.js';
import { smtpChecks } from './smtp-checks.js';
import { createTenantChecks } from './tenant-checks.js';
import { tenantAcceptedDomainTypeCheck } from './tenant/accepted-domain-type.js';
import { tenantConnectorsCheck } from './tenant/connectors.js';
import { tlsCertificateChecks } from './tls-certificate-checks.js';
import type { CheckDefinition } from './types.js';

const byId = (definitions: readonly CheckDefinition[], id: string): CheckDefinition[] => definitions.filter((d) => d.id === id);

export const checkRegistry: readonly CheckDefinition[] = [
  ...byId(dnsChecks, 'dns.smarthost.resolve'),
  ...byId(dnsChecks, 'dns.smarthost.ptr'),
  ...smtpChecks,
  ...tlsCertificateChecks,
  firewallCheck,
  ...dnsChecks.filter((d) => !d.id.startsWith('dns.smarthost.')),
  eopSmtpCheck,
  ...createTenantChecks((ctx) => ctx.inputs.tenant ?? null),
  tenantConnectorsCheck,
  tenantAcceptedDomainTypeCheck,
  onpremSendConnectorCheck,
  onpremReceiveCertificateCheck,
  onpremPostfixCheck,
];
