/**
 * The Test tools with an engagement: a header analysis names the connector hops, a decoded bounce
 * names the engagement's own connectors and addresses, a test message's outcome is read, and each
 * is kept on the engagement as evidence for the Test item it proves (or the answer says why not).
 */
import { randomUUID } from 'node:crypto';
import type { Recorded, TestMessageOutcome } from '../../preload/contract.js';
import type { BounceAnalysis, HeaderAnalysis } from '../../preload/vocabulary/index.js';
import type { TestMessageRequest } from '../../preload/vocabulary/test-message.js';
import { bounceNamesOf } from '../core/engagements/bounce-names.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import { withEngagementNames } from '../core/ndr/fill-names.js';
import type { Clock } from '../core/ports/clock.js';
import { bounceEvidence, headerEvidence, messageEvidence, type EvidenceContext, type EvidenceReading, type SentMessage } from '../core/test-evidence/record.js';
import type { Analysers } from './analysis.js';

export interface EvidenceDependencies {
  readonly repository: EngagementRepository;
  readonly analysers: Analysers;
  readonly clock: Clock;
}

const stamp = (clock: Clock) => ({ id: randomUUID(), at: new Date(clock.now()).toISOString() });

function keep<T>(deps: EvidenceDependencies, engagementId: string, reading: EvidenceReading<T>): Recorded<T> {
  if (!reading.ok) return { value: reading.value, kept: { item: null, reason: reading.reason }, engagement: null };
  const engagement = deps.repository.saveTestEvidence(engagementId, reading.evidence);
  return { value: reading.value, kept: { item: reading.evidence.item, id: reading.evidence.id }, engagement };
}

function contextOf(deps: EvidenceDependencies, engagementId: string): EvidenceContext {
  const engagement = deps.repository.get(engagementId);
  return { domains: engagement.domains, smartHosts: engagement.smartHosts };
}

export async function analyseHeadersFor(deps: EvidenceDependencies, text: string, engagementId: string | null): Promise<Recorded<HeaderAnalysis>> {
  // The engagement is looked up first: an unknown one is refused before the work is done.
  const context = engagementId === null ? null : contextOf(deps, engagementId);
  const analysis = await deps.analysers.headers(text);
  if (engagementId === null || context === null) return { value: analysis, kept: null, engagement: null };
  return keep(deps, engagementId, headerEvidence(analysis, context, stamp(deps.clock)));
}

export async function decodeBounceFor(deps: EvidenceDependencies, text: string, engagementId: string | null): Promise<Recorded<BounceAnalysis>> {
  const engagement = engagementId === null ? null : deps.repository.get(engagementId);
  const decoded = await deps.analysers.bounce(text);
  if (engagementId === null || engagement === null) return { value: decoded, kept: null, engagement: null };
  const named = withEngagementNames(decoded, bounceNamesOf(engagement));
  return keep(deps, engagementId, bounceEvidence(named, { domains: engagement.domains, smartHosts: engagement.smartHosts }, stamp(deps.clock)));
}

/** What the outcome says was sent, or null when nothing reached a server (refused before connecting). */
function sentMessage(request: TestMessageRequest, outcome: TestMessageOutcome): SentMessage | null {
  if (outcome.ok) {
    const { result } = outcome;
    return {
      server: result.server.host,
      from: result.envelope.from,
      to: result.envelope.to,
      accepted: result.accepted,
      rejected: result.rejected,
      serverResponse: result.response,
      problem: null,
      transcript: result.transcript,
    };
  }
  if (outcome.transcript.length === 0) return null;
  return {
    server: request.server,
    from: request.from,
    to: request.to,
    accepted: [],
    rejected: request.to,
    serverResponse: outcome.serverResponse,
    problem: outcome.message,
    transcript: outcome.transcript,
  };
}

/** Keeps a test message's outcome as evidence when a server was reached. */
export function recordTestMessage(deps: EvidenceDependencies, request: TestMessageRequest, outcome: TestMessageOutcome): Recorded<TestMessageOutcome> {
  const sent = sentMessage(request, outcome);
  if (sent === null) return { value: outcome, kept: { item: null, reason: 'Nothing was kept: no server was reached.' }, engagement: null };
  const reading = messageEvidence(sent, contextOf(deps, request.engagementId), stamp(deps.clock));
  return keep(deps, request.engagementId, reading.ok ? { ...reading, value: outcome } : { ok: false, reason: reading.reason, value: outcome });
}
