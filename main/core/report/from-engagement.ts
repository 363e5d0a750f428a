/**
 * The app's way to a handover report: an engagement (answers, progress, saved results, the last
 * certificate inspection) in, the report's input out. Secrets live in the keychain, not in the
 * engagement, and this function is never given the keychain, so none can reach the report.
 */
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { isCurrent } from '../../../preload/vocabulary/inputs-key.js';
import { scriptInputsFromEngagement } from '../engagements/script-inputs.js';
import { renderHandoverReport } from './handover.js';
import { scriptsForReport } from './report-scripts.js';
import type { HandoverCheckSettings, HandoverInput } from './types.js';

/** What every report states about itself: the app that made it, and when. */
export interface ReportMeta {
  readonly appVersion: string;
  readonly now: Date;
}

export interface HandoverOptions extends ReportMeta {
  /** The engagement's notes are the consultant's own: in the customer's report only when asked. */
  readonly includeNotes: boolean;
}

/** The allow list's lines as typed, blank lines left out. */
function allowListLines(text: string): readonly string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function checkSettingsOf(engagement: Engagement): HandoverCheckSettings {
  const settings = engagement.checkSettings;
  const lines = allowListLines(settings.firewallAllow);
  return {
    smtpPort: settings.smtpPort,
    dnsServer: settings.dnsServer,
    tenantMx: settings.tenantMx,
    firewallAllow: lines.length === 0 ? null : { source: 'the engagement', lines },
    caFiles: settings.extraCaPem.trim() === '' ? [] : ['the extra trusted CA certificates of the check settings'],
    timeoutMs: settings.timeoutMs,
  };
}

/** The report's input for an engagement; the scripts are the ones the app's Scripts step shows. */
export function buildHandoverInputFromEngagement(engagement: Engagement, options: HandoverOptions): HandoverInput {
  const inspection = engagement.certificateInspection;
  return {
    title: engagement.name,
    generatedAt: options.now.toISOString(),
    appVersion: options.appVersion,
    source: 'Mailflow Assistant',
    answers: {
      domains: engagement.domains,
      smartHosts: engagement.smartHosts,
      serverKind: engagement.serverKind,
      testAddresses: engagement.testAddresses,
      // Withheld notes are named as such; an engagement without notes simply has none.
      notes: options.includeNotes || engagement.notes.trim() === '' ? engagement.notes : null,
      checkSettings: checkSettingsOf(engagement),
      certificate: inspection === null ? null : { fileName: inspection.fileName, at: inspection.at, report: inspection.report },
    },
    progress: engagement.progress,
    // Results about an earlier smart host or domain, or run with other settings, prove nothing now.
    results: engagement.checkResults.filter((result) => isCurrent(engagement, result)),
    imports: { inventory: engagement.inventory, officeProof: engagement.officeProof, testEvidence: engagement.testEvidence },
    scripts: scriptsForReport(scriptInputsFromEngagement(engagement), {
      serverKind: engagement.serverKind,
      tenantMxDerived: engagement.checkSettings.tenantMx === null,
      notes: [],
    }),
  };
}

/** The app's "Export report": the finished HTML document for an engagement. */
export function renderEngagementReport(engagement: Engagement, options: HandoverOptions): string {
  return renderHandoverReport(buildHandoverInputFromEngagement(engagement, options));
}
