/**
 * firewall.eop-ranges: proves, before Office 365 ever tries, that the firewall allow list in front
 * of the smart host accepts every Exchange Online Protection range on TCP 25. Without it, validating
 * the outbound connector fails at the "Connection" stage and mail queues with 4.4.316 / 4.4.1.
 * The ranges come from the caller (each face reads the same offline cache), never from here.
 */
import { AllowListParseError, checkCoverage } from '../../eop/coverage.js';
import type { CoverageReport } from '../../eop/coverage.js';
import type { EopRanges } from '../../eop/ranges.js';
import { staleNote } from '../../eop/ranges.js';
import { actionFix, advise, settingFix } from '../advice.js';
import type { CheckDefinition, EvidenceOf, TypedOutcome } from '../types.js';

export const FIREWALL_CHECK_ID = 'firewall.eop-ranges' as const;

/** `getRanges` supplies the EOP ranges (bundled snapshot, cached refresh, or a test's own). */
export function createFirewallCheck(getRanges: () => Promise<EopRanges>): CheckDefinition<'firewall.eop-ranges'> {
  return {
    id: FIREWALL_CHECK_ID,
    title: 'Firewall accepts every Exchange Online Protection range on TCP 25',
    step: 'prerequisites',
    dependsOn: [],
    perDomain: false,
    network: false,
    proves: 'The firewall allow list you gave covers every Exchange Online Protection range on TCP 25, so Office 365 can connect from any of its addresses.',
    statuses: {
      pass: 'Every EOP range is covered (advice follows when the ranges are old).',
      fail: 'Some EOP ranges are not (fully) allowed; they are listed in the evidence.',
      skip: 'No firewall allow list was given.',
      error: 'An entry of the allow list is not an IP address or CIDR block.',
    },
    async run(ctx): Promise<TypedOutcome<EvidenceOf<'firewall.eop-ranges'>>> {
      const allowList = ctx.inputs.firewallAllow;
      if (allowList === null) {
        return {
          status: 'skip',
          summary: 'No firewall allow list was given, so the EOP ranges were not compared with it.',
          evidence: {},
          advice: advise(
            'Give the firewall allow list: the addresses your firewall accepts on TCP 25, one IP address or CIDR block per line, # for comments.',
            settingFix('firewallAllow'),
          ),
        };
      }
      const ranges = await getRanges();
      const stale = staleNote(ranges, ctx.clock.now());
      const notes = stale === null ? ranges.notes : [...ranges.notes, stale];
      const all = [...ranges.ipv4, ...ranges.ipv6];
      const about = {
        endpointsVersion: ranges.version,
        takenAt: ranges.takenAt,
        origin: ranges.origin,
        eopRanges: all,
        allowEntries: allowList.length,
        notes,
      };
      const refresh = stale === null ? [] : [actionFix('refresh-ranges')];

      let report: CoverageReport;
      try {
        report = checkCoverage(all, allowList);
      } catch (error) {
        if (!(error instanceof AllowListParseError)) throw error;
        return {
          status: 'error',
          summary: `Entry ${String(error.lineNumber)} of the firewall allow list is not an IP address or CIDR block: "${error.line}".`,
          evidence: { ...about, badEntry: error.line },
          advice: advise('Correct or remove that entry; each line must be one IPv4/IPv6 address or CIDR block.', settingFix('firewallAllow')),
        };
      }

      if (report.covered) {
        return {
          status: 'pass',
          summary: `The allow list covers all ${String(all.length)} EOP ranges (endpoints version ${ranges.version}).`,
          evidence: { ...about, uncovered: [] },
          ...(stale === null ? {} : { advice: advise(stale, ...refresh) }),
        };
      }
      const missing = report.uncovered.flatMap((entry) => entry.missing);
      return {
        status: 'fail',
        summary: `${String(report.uncovered.length)} of ${String(all.length)} EOP ranges are not fully allowed: ${report.uncovered
          .map((entry) => entry.range)
          .join(', ')}.`,
        evidence: { ...about, uncovered: report.uncovered.map((entry) => ({ range: entry.range, missing: entry.missing })) },
        advice: advise(
          `Allow inbound TCP 25 from ${missing.join(', ')}; otherwise Office 365 cannot deliver to your server (4.4.316 / 4.4.1). ` +
            'Ready firewall rules for every range can be generated for iptables, nftables or Windows Firewall, or as a plain list.' +
            (stale === null ? '' : ` ${stale}`),
          actionFix('firewall-rules'),
          ...refresh,
        ),
      };
    },
  };
}
