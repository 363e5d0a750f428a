/** dns.dkim: the domain's Office 365 DKIM selector CNAMEs (the verdict lives in core/dns/dkim). */
import { followCnames } from '../../dns/address-lookup.js';
import { evaluateDkim, OFFICE365_DKIM_SELECTORS, type DkimSelectorObservation } from '../../dns/dkim.js';
import { adviceOf } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome, Json } from '../types.js';
import { domainOf } from './shared.js';

async function observeSelector(ctx: CheckContext, domain: string, selector: DkimSelectorObservation['selector']): Promise<DkimSelectorObservation> {
  const name = `${selector}._domainkey.${domain}`;
  const cname = await followCnames(ctx.resolver, name);
  if (cname.ok || cname.chain.length > 1 || cname.failure !== 'NODATA') return { selector, cname, hasTxtKey: false };
  const txt = await ctx.resolver.resolveTxt(name);
  return { selector, cname, hasTxtKey: txt.ok && txt.records.some((record) => /(^|;)\s*p=/.test(record)) };
}

export const dkimCheck: CheckDefinition<'dns.dkim'> = {
  id: 'dns.dkim',
  title: 'DKIM selectors for Office 365',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: 'Both Office 365 DKIM selectors (selector1, selector2) are CNAMEs to the tenant, so Office 365 can sign the domain\u2019s mail.',
  statuses: {
    pass: 'Both selector CNAMEs are present.',
    warn: 'A selector is missing or is not a CNAME to Office 365; the advice says where to read the targets.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.dkim'>>> {
    const domain = domainOf('dns.dkim', target);
    const observations = await Promise.all(OFFICE365_DKIM_SELECTORS.map((selector) => observeSelector(ctx, domain, selector)));
    const verdict = evaluateDkim(domain, observations);
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        selectors: verdict.selectors.map((selector): Json => ({ selector: selector.selector, name: selector.name, state: selector.state, target: selector.target, detail: selector.detail })),
        resolver: ctx.resolver.description,
      },
      ...adviceOf(verdict.advice),
    };
  },
};
