/**
 * Sending a test message for an engagement, with the policy both faces keep: the saved SMTP
 * password goes only to one of the engagement's own smart hosts, and DNS goes to the engagement's
 * DNS server when it has one.
 */
import type { TestMessageOutcome } from '../../preload/contract.js';
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import type { TestMessageRequest } from '../../preload/vocabulary/test-message.js';
import { parseDnsServer } from '../../preload/vocabulary/validation/dns-server.js';
import { createResolver } from '../core/dns/node-resolver.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { Clock } from '../core/ports/clock.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import { lookupTimeoutMs } from '../core/preflight/run.js';
import { sendTestMessage, TestMessageError } from '../core/test-message/send.js';

export interface TestMessageDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
}

/** Why a request may not log in with the saved password, or null when it may. */
export function passwordRefusal(engagement: Engagement, request: Pick<TestMessageRequest, 'server' | 'username'>): string | null {
  const server = request.server.toLowerCase();
  if (request.username === undefined || engagement.smartHosts.includes(server)) return null;
  return `The saved SMTP password is only sent to this engagement's smart hosts (${engagement.smartHosts.join(', ') || 'none yet'}): add ${server} to the smart hosts in Details to log in there, or leave the user name empty.`;
}

export async function sendEngagementTestMessage(deps: TestMessageDependencies, request: TestMessageRequest): Promise<TestMessageOutcome> {
  const engagement = deps.repository.get(request.engagementId);
  const refusal = passwordRefusal(engagement, request);
  if (refusal !== null) return { ok: false, kind: 'auth', message: refusal, serverResponse: null, transcript: [] };
  const dnsServer = engagement.checkSettings.dnsServer === null ? null : parseDnsServer(engagement.checkSettings.dnsServer);
  const resolver = createResolver({
    server: dnsServer?.ok === true ? dnsServer.value : null,
    timeoutMs: lookupTimeoutMs(request.timeoutMs),
    tries: 2,
  });
  try {
    return { ok: true, result: await sendTestMessage(request, { secrets: deps.secrets, clock: deps.clock, resolver }) };
  } catch (error) {
    if (!(error instanceof TestMessageError)) throw error;
    return { ok: false, kind: error.kind, message: error.message, serverResponse: error.serverResponse, transcript: error.transcript };
  }
}
