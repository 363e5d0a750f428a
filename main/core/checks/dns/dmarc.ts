/** dns.dmarc: the domain's DMARC record is valid (the verdict lives in core/dns/dmarc). */
import { resolveTxtFollowingCnames } from '../../dns/address-lookup.js';
import { evaluateDmarc } from '../../dns/dmarc.js';
import { adviceOf, commandFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome, Json } from '../types.js';
import { domainOf } from './shared.js';

export const dmarcCheck: CheckDefinition<'dns.dmarc'> = {
  id: 'dns.dmarc',
  title: 'DMARC record is valid',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: 'The domain publishes exactly one valid DMARC record at _dmarc (following a CNAME to a reporting provider).',
  statuses: {
    pass: 'One valid DMARC record; its policy is in the evidence (notes may follow as advice).',
    warn: 'There is no DMARC record; a starter record is in the evidence.',
    fail: 'Several DMARC records, an invalid one, or the lookup failed.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.dmarc'>>> {
    const domain = domainOf('dns.dmarc', target);
    const answer = await resolveTxtFollowingCnames(ctx.resolver, `_dmarc.${domain}`);
    const verdict = evaluateDmarc(domain, answer);
    const policy: Json = verdict.policy === null ? null : { ...verdict.policy, rua: [...verdict.policy.rua], ruf: [...verdict.policy.ruf] };
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        state: verdict.state,
        effect: verdict.effect,
        records: [...verdict.records],
        policy,
        recordToPublish: verdict.recordToPublish,
        resolver: ctx.resolver.description,
        ...(answer.ok ? {} : { failure: answer.failure }),
      },
      ...adviceOf(verdict.advice, ...(verdict.status === 'pass' ? [] : [commandFix('dns', `_dmarc.${domain}. IN TXT "${verdict.recordToPublish}"`)])),
    };
  },
};
