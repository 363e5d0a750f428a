/** dns.dane: the TLSA records (DANE) of the domain's MX hosts, and the mx.microsoft form (the verdict lives in core/dns/dane). */
import { followCnames } from '../../dns/address-lookup.js';
import { evaluateDane, tlsaName, type DaneHostObservation, type DaneMxObservation } from '../../dns/dane.js';
import { adviceOf, commandFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, Json, TypedOutcome } from '../types.js';
import { domainOf } from './shared.js';

/**
 * The TLSA records of one MX host. `_25._tcp.<host>` may be an alias (RFC 7671 section 7); an
 * authoritative-only server answers it with the CNAME alone, so the alias is followed here.
 */
async function observeHost(ctx: CheckContext, exchange: string, priority: number): Promise<DaneHostObservation> {
  if (exchange === '') return { exchange, priority, tlsa: { ok: false, failure: 'NODATA', message: 'null MX (".")' } };
  const name = tlsaName(exchange);
  const tlsa = await ctx.resolver.resolveTlsa(name, ctx.signal);
  if (tlsa.ok || tlsa.failure !== 'NODATA') return { exchange, priority, tlsa };
  const alias = await followCnames(ctx.resolver, name);
  const target = alias.chain[alias.chain.length - 1];
  if (!alias.ok || target === undefined || alias.chain.length < 2) return { exchange, priority, tlsa };
  return { exchange, priority, tlsa: await ctx.resolver.resolveTlsa(target, ctx.signal), cnameChain: alias.chain };
}

async function observe(ctx: CheckContext, domain: string): Promise<DaneMxObservation> {
  const answer = await ctx.resolver.resolveMx(domain);
  if (!answer.ok) return { ok: false, failure: answer.failure, message: answer.message };
  const hosts = await Promise.all(answer.records.map((record) => observeHost(ctx, record.exchange.toLowerCase().replace(/\.$/, ''), record.priority)));
  return { ok: true, hosts };
}

export const daneCheck: CheckDefinition<'dns.dane'> = {
  id: 'dns.dane',
  title: 'DANE (TLSA) records of the MX hosts',
  step: 'part1',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: "The TLSA records at _25._tcp of each MX host are well-formed and fit the move to Office 365: Exchange Online's mx.microsoft host handles DANE itself, and no record on your own server is left to break mail at cutover.",
  statuses: {
    pass: 'No MX host has a TLSA problem: DANE is handled by Microsoft (mx.microsoft host), or not used (no TLSA records); the notes say how to turn on inbound DANE in Exchange Online.',
    warn: 'An MX host that is not Office 365 publishes TLSA records, to be removed or kept matching at cutover; or the records have only usages SMTP senders ignore (0 and 1); or a TLSA lookup failed, so DANE could not be checked.',
    fail: 'A TLSA record is malformed (usage, selector, matching type, or a digest of the wrong length): DANE senders cannot use it.',
    skip: 'The domain has no MX host to check (no MX, a null MX, or the MX lookup failed: see dns.mx).',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.dane'>>> {
    const domain = domainOf('dns.dane', target);
    const observation = await observe(ctx, domain);
    const verdict = evaluateDane(domain, observation);
    const hosts = verdict.hosts.map((host): Json => ({
      host: host.host,
      priority: host.priority,
      form: host.form,
      tlsaName: host.tlsaName,
      cnameChain: [...host.cnameChain],
      lookup: host.lookup,
      tlsa: host.records.map((record): Json => ({ usage: record.usage, selector: record.selector, matchingType: record.matchingType, data: record.data, errors: [...record.errors], warnings: [...record.warnings] })),
      authenticated: host.authenticated,
      status: host.status,
      state: host.state,
      findings: [...host.findings],
    }));
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: { domain, state: verdict.state, hosts, resolver: ctx.resolver.description, ...(observation.ok ? {} : { failure: observation.failure }) },
      ...adviceOf(verdict.advice, ...verdict.commands.map((command) => commandFix(command.place, command.command))),
    };
  },
};
