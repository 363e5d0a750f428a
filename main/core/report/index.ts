/** The handover report: the engagement's answers, results, scripts and open items as one HTML file. */
export { renderHandoverReport } from './handover.js';
export { buildHandoverInputFromEngagement, renderEngagementReport, type HandoverOptions } from './from-engagement.js';
export { buildHandoverInputFromPreflight, type PreflightSources } from './from-preflight.js';
export { openItems, type OpenItem, type OpenItemStatus } from './open-items.js';
export type {
  HandoverAnswers,
  HandoverCertificate,
  HandoverCheckResult,
  HandoverCheckSettings,
  HandoverInput,
  HandoverScripts,
} from './types.js';
