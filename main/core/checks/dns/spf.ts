/** dns.spf: the domain's SPF authorises Office 365 (the verdict lives in core/dns/spf-verdict). */
import { collectSpf } from '../../dns/spf-tree.js';
import { evaluateSpf } from '../../dns/spf-verdict.js';
import { adviceOf, commandFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome, Json } from '../types.js';
import { domainOf, smartHostAddresses } from './shared.js';

export const spfCheck: CheckDefinition<'dns.spf'> = {
  id: 'dns.spf',
  title: 'SPF authorises Office 365',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  network: true,
  proves: "The domain publishes one valid SPF record, within the lookup limits, that authorises Office 365 (and says whether it authorises the server's addresses).",
  statuses: {
    pass: 'One valid SPF record authorises Office 365.',
    warn: 'There is no SPF record, or it does not authorise Office 365 yet; the corrected record is in the evidence.',
    fail: 'The SPF is broken: several records, a syntax error, too many lookups, a loop, or the lookup failed.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.spf'>>> {
    const domain = domainOf('dns.spf', target);
    const [root, servers] = await Promise.all([collectSpf(ctx.resolver, domain), Promise.all(ctx.inputs.smartHosts.map((host) => smartHostAddresses(ctx, host)))]);
    // Every address of every smart host that resolved; null when none did (nothing to compare).
    const resolved = servers.flatMap((server) => (server.ok ? [server.addresses] : []));
    const serverAddresses = resolved.length === 0 ? null : [...new Set(resolved.flat())];
    const verdict = evaluateSpf({ domain, root, serverAddresses });
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        records: [...verdict.records],
        lookupCount: verdict.lookupCount,
        lookupCountIsMinimum: verdict.lookupCountIsMinimum,
        voidLookupCount: verdict.voidLookupCount,
        office365Authorised: verdict.office365Authorised,
        serverAddresses: verdict.serverAddresses.map((entry): Json => ({ address: entry.address, authorised: entry.authorised, public: entry.public })),
        findings: verdict.findings.map((finding): Json => ({ problem: finding.problem, detail: finding.detail })),
        recordToPublish: verdict.recordToPublish,
        dropped: verdict.dropped.map((entry): Json => ({ term: entry.term, reason: entry.reason })),
        reductions: verdict.reductions.map((entry): Json => ({ term: entry.term, lookups: entry.lookups, voidLookups: entry.voidLookups })),
        reducedRecord: verdict.reducedRecord,
        resolver: ctx.resolver.description,
      },
      ...adviceOf(
        verdict.advice,
        ...(verdict.status === 'pass' || verdict.recordToPublish === null ? [] : [commandFix('dns', `${domain}. IN TXT "${verdict.recordToPublish}"`)]),
      ),
    };
  },
};
