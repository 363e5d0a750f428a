/** dns.tlsrpt: the domain's SMTP TLS Reporting record is valid (the verdict lives in core/dns/tlsrpt). */
import { resolveTxtFollowingCnames } from '../../dns/address-lookup.js';
import { evaluateTlsRpt } from '../../dns/tlsrpt.js';
import { adviceOf, commandFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome } from '../types.js';
import { domainOf } from './shared.js';

export const tlsRptCheck: CheckDefinition<'dns.tlsrpt'> = {
  id: 'dns.tlsrpt',
  title: 'TLS reporting (TLS-RPT) record is valid',
  step: 'part1',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: 'The domain publishes exactly one valid TLS-RPT record at _smtp._tls (following a CNAME to a reporting provider), so senders report TLS and MTA-STS failures delivering to it.',
  statuses: {
    pass: 'One valid record; where the reports go is in the evidence.',
    warn: 'There is no TLS-RPT record; a record to publish (with a placeholder mailbox to change) is in the advice.',
    fail: 'Several TLS-RPT records, an invalid one, or the lookup failed.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.tlsrpt'>>> {
    const domain = domainOf('dns.tlsrpt', target);
    const answer = await resolveTxtFollowingCnames(ctx.resolver, `_smtp._tls.${domain}`);
    const verdict = evaluateTlsRpt(domain, answer);
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        state: verdict.state,
        records: [...verdict.records],
        rua: [...verdict.rua],
        recordToPublish: verdict.recordToPublish,
        resolver: ctx.resolver.description,
        ...(answer.ok ? {} : { failure: answer.failure }),
      },
      ...adviceOf(verdict.advice, ...(verdict.recordToPublish === null ? [] : [commandFix('dns', verdict.recordToPublish)])),
    };
  },
};
