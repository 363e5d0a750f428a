/**
 * Running one step's checks for an engagement: the step's checks from the registry, under a run
 * id that can be cancelled, with progress, and the finished verdicts saved with their time and the
 * run kept in the engagement's history. Offline (offlineForRun), the checks that need the network
 * end as not run: that shows in the run's progress and history, and their earlier results stay.
 */
import type { CheckProgress, StepId } from '../../preload/vocabulary/index.js';
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import { checkInputsKey } from '../../preload/vocabulary/inputs-key.js';
import { runInputsOf, runRecord } from '../../preload/vocabulary/run-history.js';
import { isCancelledResult } from '../core/checks/runner.js';
import type { CheckDefinition } from '../core/checks/types.js';
import { preflightInputsFromEngagement } from '../core/engagements/preflight-inputs.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { Clock } from '../core/ports/clock.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import type { SocketConnector } from '../core/ports/socket.js';
import { runPreflight } from '../core/preflight/run.js';
import type { NetworkStatusReading } from '../core/network/status.js';
import { offlineForRun } from '../../preload/vocabulary/offline.js';
import { withRelayCertificate } from './relay-certificate.js';
import type { RunRegistry } from './runs.js';

export interface CheckRunDependencies {
  readonly repository: EngagementRepository;
  readonly registry: readonly CheckDefinition[];
  readonly connector: SocketConnector;
  readonly clock: Clock;
  readonly runs: RunRegistry;
  /** Whether this computer is online now; offline, the checks that need the network are not run. */
  readonly network: () => NetworkStatusReading;
  /** Where the relay test's certificate is kept. */
  readonly secrets: SecretStore;
}

export async function runStepChecks(
  deps: CheckRunDependencies,
  request: { readonly engagementId: string; readonly step: StepId; readonly runId: string },
  onProgress: (progress: CheckProgress) => void,
): Promise<Engagement> {
  const { repository } = deps;
  const only = deps.registry.filter((definition) => definition.step === request.step).map((definition) => definition.id);
  // Inputs are read (and the allow list parsed) before any deadline starts.
  const ranWith = repository.get(request.engagementId);
  const fromEngagement = preflightInputsFromEngagement(ranWith);
  if (only.length === 0) return ranWith;
  const offline = offlineForRun(deps.network(), fromEngagement);
  // The relay test presents the chosen certificate, read from the keychain only when it runs (never offline: it needs the network).
  const inputs = only.includes('eop.relay') && !offline ? await withRelayCertificate(deps.secrets, ranWith, fromEngagement) : fromEngagement;
  return deps.runs.run('check run', request.runId, async (signal) => {
    const report = await runPreflight(inputs, { connector: deps.connector, clock: deps.clock, registry: deps.registry, offline }, { only, signal, onProgress });
    // A cancelled run keeps the previous verdicts of the checks it did not finish.
    const finished = report.results.filter((result) => !isCancelledResult(result));
    if (finished.length === 0) return repository.get(request.engagementId);
    const run = runRecord(
      { id: request.runId, step: request.step, startedAt: report.startedAt, finishedAt: new Date(deps.clock.now()).toISOString() },
      runInputsOf(ranWith),
      finished,
    );
    // Each result keeps the fingerprint of the inputs it ran with, so a later change marks it out of date.
    return repository.appendRun(
      request.engagementId,
      run,
      finished.map((result) => ({ ...result, ranAt: report.startedAt, inputsKey: checkInputsKey(result.id, ranWith) })),
    );
  });
}
