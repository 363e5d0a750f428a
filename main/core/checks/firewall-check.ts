/**
 * firewall.eop-ranges: proves, before Office 365 ever tries, that the firewall allow list in front
 * of the smart host accepts every Exchange Online Protection range on TCP 25. Without it, validating
 * the outbound connector fails at the "Connection" stage and mail queues with 4.4.316 / 4.4.1.
 */
import { homedir } from 'node:os';
import { AllowListParseError, checkCoverage } from '../eop/coverage.js';
import type { CoverageReport } from '../eop/coverage.js';
import { mailflowDataDir } from '../data-dir.js';
import { fileEndpointsCacheStore } from '../eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf } from '../eop/endpoints-client.js';
import type { EopRanges } from '../eop/ranges.js';
import { staleNote } from '../eop/ranges.js';
import type { CheckDefinition, CheckOutcome } from './types.js';

export const FIREWALL_CHECK_ID = 'firewall.eop-ranges';

/** `getRanges` supplies the EOP ranges (bundled snapshot, cached refresh, or a test's own). */
export function createFirewallCheck(getRanges: () => Promise<EopRanges>): CheckDefinition {
  return {
    id: FIREWALL_CHECK_ID,
    title: 'Firewall accepts every Exchange Online Protection range on TCP 25',
    step: 'prerequisites',
    dependsOn: [],
    perDomain: false,
    async run(ctx): Promise<CheckOutcome> {
      const allowList = ctx.inputs.firewallAllow;
      if (allowList === null) {
        return {
          status: 'skip',
          summary: 'No firewall allow list was given, so the EOP ranges were not compared with it.',
          evidence: {},
          advice:
            'Pass --firewall-allow FILE (one IP address or CIDR block per line, # for comments) with the addresses your firewall accepts on TCP 25.',
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

      let report: CoverageReport;
      try {
        report = checkCoverage(all, allowList);
      } catch (error) {
        if (!(error instanceof AllowListParseError)) throw error;
        return {
          status: 'error',
          summary: `Entry ${String(error.lineNumber)} of the firewall allow list is not an IP address or CIDR block: "${error.line}".`,
          evidence: { ...about, badEntry: error.line },
          advice: 'Correct or remove that entry; each line must be one IPv4/IPv6 address or CIDR block.',
        };
      }

      if (report.covered) {
        return {
          status: 'pass',
          summary: `The allow list covers all ${String(all.length)} EOP ranges (endpoints version ${ranges.version}).`,
          evidence: { ...about, uncovered: [] },
          ...(stale === null ? {} : { advice: stale }),
        };
      }
      const missing = report.uncovered.flatMap((entry) => entry.missing);
      return {
        status: 'fail',
        summary: `${String(report.uncovered.length)} of ${String(all.length)} EOP ranges are not fully allowed: ${report.uncovered
          .map((entry) => entry.range)
          .join(', ')}.`,
        evidence: { ...about, uncovered: report.uncovered.map((entry) => ({ range: entry.range, missing: entry.missing })) },
        advice:
          `Allow inbound TCP 25 from ${missing.join(', ')}; otherwise Office 365 cannot deliver to your server (4.4.316 / 4.4.1). ` +
          'Generate ready rules with `mailflow ranges --format iptables`, `--format nftables` or `--format windows` (`--format cidr` for a plain list).' +
          (stale === null ? '' : ` ${stale}`),
      };
    },
  };
}

/** Ranges from the cached refresh in the user's data directory, or the bundled snapshot; never the network. */
function offlineRanges(): Promise<EopRanges> {
  const store = fileEndpointsCacheStore(mailflowDataDir(process.env, process.platform, homedir()));
  return Promise.resolve(rangesOf(loadEndpointsOffline(store)));
}

export const firewallCheck: CheckDefinition = createFirewallCheck(offlineRanges);
