/**
 * Results of the core's analyses that cross the contract whole (header paths, bounces, test
 * messages, generated scripts). They are declared beside the analysis that builds them, as types
 * only, and reach the renderer through here.
 */
export type { EngagementScripts, SavableScript } from '../../main/core/engagements/script-inputs.js';
export type { AuthVerdict, Finding, FindingSeverity, HeaderAnalysis, Hop } from '../../main/core/headers/analyse.js';
export type { HopTls } from '../../main/core/headers/received.js';
export type { BounceAnalysis, Diagnosis, DsnRecipient } from '../../main/core/ndr/decode.js';
export type { StatusClass } from '../../main/core/ndr/enhanced-status.js';
export type { TestMessageErrorKind, TestMessageResult, TranscriptLine } from '../../main/core/test-message/send.js';
