/**
 * The command line's way to a handover report: `mailflow preflight --report FILE.html`. The CLI
 * keeps no engagement, so the answers are its options and there is no checklist progress.
 */
import { isIP } from 'node:net';
import type { PreflightInputs } from '../checks/types.js';
import { expectedTenantMx } from '../dns/office365-mx.js';
import type { PreflightReport } from '../preflight/run.js';
import type { ScriptInputs } from '../scripts/types.js';
import type { ReportMeta } from './from-engagement.js';
import { scriptsForReport } from './report-scripts.js';
import type { HandoverInput } from './types.js';

/** What the options named, as given: files by name, never their contents. */
export interface PreflightSources {
  readonly caFiles: readonly string[];
  readonly firewallAllowFile: string | null;
}

function dnsServerText(server: PreflightInputs['dnsServer']): string | null {
  if (server === null) return null;
  return isIP(server.address) === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}

/** What `mailflow scripts --domain ... --smart-host HOST` would use: every choice at its default. */
function defaultScriptInputs(inputs: PreflightInputs): ScriptInputs {
  const firstDomain = inputs.domains[0];
  return {
    domains: inputs.domains,
    smartHosts: inputs.smartHosts,
    scope: 'accepted-domains',
    inboundBy: 'certificate',
    serverKind: 'exchange',
    testAddresses: [],
    tenantMx: inputs.tenantMx ?? (firstDomain === undefined ? '' : expectedTenantMx(firstDomain)),
    mode: 'new',
  };
}

export function buildHandoverInputFromPreflight(
  inputs: PreflightInputs,
  sources: PreflightSources,
  report: PreflightReport,
  options: ReportMeta,
): HandoverInput {
  return {
    title: inputs.domains.join(', '),
    generatedAt: options.now.toISOString(),
    appVersion: options.appVersion,
    source: 'mailflow preflight',
    answers: {
      domains: inputs.domains,
      smartHosts: inputs.smartHosts,
      serverKind: null,
      testAddresses: [],
      notes: '',
      checkSettings: {
        smtpPort: inputs.smtpPort,
        dnsServer: dnsServerText(inputs.dnsServer),
        tenantMx: inputs.tenantMx,
        firewallAllow:
          inputs.firewallAllow === null || sources.firewallAllowFile === null ? null : { source: sources.firewallAllowFile, lines: inputs.firewallAllow },
        caFiles: sources.caFiles,
        timeoutMs: inputs.timeoutMs,
      },
      certificate: null,
    },
    progress: null,
    imports: null,
    // One run: every result carries the run's start time.
    results: report.results.map((result) => ({ ...result, ranAt: report.startedAt })),
    scripts: scriptsForReport(defaultScriptInputs(inputs), {
      serverKind: 'exchange',
      tenantMxDerived: inputs.tenantMx === null,
      notes: [
        'Made with the defaults of mailflow scripts, for an Exchange server; run mailflow scripts with --server postfix, --inbound-by ip, --scope transport-rule or --mode edit for other choices.',
      ],
    }),
  };
}
