/** dns.mx: the domain's MX points to its own Office 365 host (the verdict lives in core/dns/office365-mx). */
import { resolveAddresses } from '../../dns/address-lookup.js';
import { acceptedTenantHosts, evaluateMx, type MxHostObservation, type MxLookupObservation } from '../../dns/office365-mx.js';
import { adviceOf, commandFix, settingFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome, Json } from '../types.js';
import { domainOf } from './shared.js';

async function observeMx(ctx: CheckContext, domain: string): Promise<MxLookupObservation> {
  const answer = await ctx.resolver.resolveMx(domain);
  if (!answer.ok) return { ok: false, failure: answer.failure, message: answer.message };
  const sorted = [...answer.records].sort((a, b) => a.priority - b.priority);
  const hosts = await Promise.all(
    sorted.map(async (record): Promise<MxHostObservation> => {
      const exchange = record.exchange.toLowerCase().replace(/\.$/, '');
      if (exchange === '') return { exchange, priority: record.priority, resolution: { ok: false, failure: 'NODATA', message: 'null MX (".")' } };
      const lookup = await resolveAddresses(ctx.resolver, exchange);
      return {
        exchange,
        priority: record.priority,
        resolution: lookup.ok ? { ok: true, addresses: lookup.addresses, chain: lookup.chain } : { ok: false, failure: lookup.failure, message: lookup.message },
      };
    }),
  );
  return { ok: true, hosts };
}

export const mxCheck: CheckDefinition<'dns.mx'> = {
  id: 'dns.mx',
  title: 'MX points to Office 365',
  step: 'part1',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: "The domain's MX records name only its own Office 365 host, so Internet mail arrives at Office 365 first.",
  statuses: {
    pass: "The MX set is the domain's Office 365 host alone.",
    warn: 'The MX still points elsewhere (expected before cutover), or mixes Office 365 with other hosts.',
    fail: "The domain has no usable MX (none, null MX, a host without an address, a failed lookup) or points to another tenant's host.",
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.mx'>>> {
    const domain = domainOf('dns.mx', target);
    const tenantHosts = acceptedTenantHosts(domain, ctx.inputs.tenantMx);
    const observation = await observeMx(ctx, domain);
    const verdict = evaluateMx({ domain, tenantHosts, mx: observation });
    const records: Json = observation.ok
      ? observation.hosts.map((host): Json => ({
          exchange: host.exchange,
          priority: host.priority,
          ...(host.resolution.ok ? { addresses: [...host.resolution.addresses], chain: [...host.resolution.chain] } : { failure: host.resolution.failure, message: host.resolution.message }),
        }))
      : [];
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        state: verdict.state,
        records,
        ...(observation.ok ? {} : { failure: observation.failure, message: observation.message }),
        expected: [...tenantHosts],
        recordToPublish: verdict.recordToPublish,
        resolver: ctx.resolver.description,
      },
      ...adviceOf(verdict.advice, commandFix('dns', verdict.recordToPublish), ...(verdict.state === 'wrong-tenant' ? [settingFix('tenantMx')] : [])),
    };
  },
};
