/**
 * `mailflow preflight --engagement NAME` and `--all-engagements`: re-checks engagements saved by
 * the app (the settings file of the data directory the app uses), a few at a time, as JSON lines
 * on stdout (one per engagement, as each finishes) with progress on stderr. Each run is saved into
 * the engagement's results and history as the app saves it, unless --no-save. Offline, the checks
 * that need the network end as not run and the earlier results stay (offlineForRun).
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import type { CheckDefinition, CheckResult, PreflightInputs } from '../../core/checks/types.js';
import { mailflowDataDir } from '../../core/data-dir.js';
import { MissingAnswersError, preflightInputsFromEngagement } from '../../core/engagements/preflight-inputs.js';
import { createEngagementRepository, readEngagementsUnchanged, SettingsDamagedError, type EngagementRepository } from '../../core/engagements/repository.js';
import { SettingsBusyError, type SettingsStore } from '../../core/ports/settings-store.js';
import { offlineForRun } from '../../../preload/vocabulary/offline.js';
import { mapConcurrently } from '../../core/preflight/concurrent.js';
import { runPreflight } from '../../core/preflight/run.js';
import { netConnector } from '../../core/smtp/net-connector.js';
import { systemClock } from '../../platform/clock.js';
import { createKeychainSecretStore } from '../../platform/keychain.js';
import { createChunkedSecretStore } from '../../core/secrets/chunked-secret-store.js';
import { SecretStoreUnavailableError, type SecretStore } from '../../core/ports/secret-store.js';
import { RelayCertificateMissingError, withRelayCertificate } from '../../app/relay-certificate.js';
import { createNodeSettingsStore } from '../../platform/node-settings-store.js';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { checkInputsKey } from '../../../preload/vocabulary/inputs-key.js';
import { runCounts, runInputsOf, runRecord } from '../../../preload/vocabulary/run-history.js';
import { jsonResult } from '../advice.js';
import { networkOf, UsageError, type CliIo } from '../command.js';

export const CONCURRENCY = { min: 1, max: 16, default: 4 } as const;

export interface SavedEngagementsRequest {
  /** The engagements named by --engagement (name or id); empty with --all-engagements. */
  readonly names: readonly string[];
  readonly all: boolean;
  readonly concurrency: number;
  readonly save: boolean;
}

/** --concurrency N, a whole number in CONCURRENCY's range. */
export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return CONCURRENCY.default;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < CONCURRENCY.min || value > CONCURRENCY.max) {
    throw new UsageError(`--concurrency: give a whole number from ${String(CONCURRENCY.min)} to ${String(CONCURRENCY.max)}, not "${text}"`);
  }
  return value;
}

/** The engagements asked for, each once, in the order asked; an unknown or ambiguous name is bad input. */
function chosen(saved: readonly Engagement[], request: SavedEngagementsRequest, location: string): readonly Engagement[] {
  if (request.all) return saved;
  const picked = new Map<string, Engagement>();
  for (const name of request.names) {
    const byId = saved.filter((engagement) => engagement.id === name);
    const exact = saved.filter((engagement) => engagement.name === name);
    const loose = saved.filter((engagement) => engagement.name.trim().toLowerCase() === name.trim().toLowerCase());
    const matches = [byId, exact, loose].find((list) => list.length > 0) ?? [];
    if (matches.length === 0) {
      const known = saved.length === 0 ? 'there are none' : `saved: ${saved.slice(0, 10).map((engagement) => `“${engagement.name}”`).join(', ')}${saved.length > 10 ? ', …' : ''}`;
      throw new UsageError(`--engagement: no saved engagement is named “${name}” in ${location} (${known})`);
    }
    if (matches.length > 1) throw new UsageError(`--engagement: ${String(matches.length)} engagements are named “${name}”: give one of their ids (${matches.map((engagement) => engagement.id).join(', ')})`);
    for (const match of matches) picked.set(match.id, match);
  }
  return [...picked.values()];
}

/** One line of output: an engagement's run, or why it could not run. */
type EngagementLine =
  | { readonly version: 1; readonly name: string; readonly id: string; readonly startedAt: string; readonly durationMs: number; readonly offline: boolean; readonly saved: boolean; readonly counts: Readonly<Record<CheckResult['status'], number>>; readonly results: readonly ReturnType<typeof jsonResult>[] }
  | { readonly version: 1; readonly name: string; readonly id: string; readonly error: string };

interface RunContext {
  readonly io: CliIo;
  readonly registry: readonly CheckDefinition[];
  /** Where each run is saved; null with --no-save. */
  readonly repository: EngagementRepository | null;
  /** The keychain, where the app keeps the relay test's certificate. */
  readonly secrets: SecretStore;
}

/**
 * The inputs with the relay test's certificate from the keychain, as the app runs it; when the
 * engagement names one this computer's keychain cannot give, eop.relay is left out of the run
 * (its saved result stays) rather than run without it, which would judge another connection.
 */
async function relayRun(engagement: Engagement, inputs: PreflightInputs, context: RunContext): Promise<{ readonly inputs: PreflightInputs; readonly only?: readonly string[] }> {
  try {
    return { inputs: await withRelayCertificate(context.secrets, engagement, inputs) };
  } catch (error) {
    if (!(error instanceof RelayCertificateMissingError) && !(error instanceof SecretStoreUnavailableError)) throw error;
    context.io.stderr.write(`[${engagement.name}] eop.relay not run: ${error.message}\n`);
    return { inputs, only: context.registry.filter((definition) => definition.id !== 'eop.relay').map((definition) => definition.id) };
  }
}

async function runEngagement(engagement: Engagement, context: RunContext): Promise<{ readonly line: EngagementLine; readonly failed: boolean }> {
  const { io, repository } = context;
  const label = { version: 1 as const, name: engagement.name, id: engagement.id };
  let inputs: PreflightInputs;
  try {
    inputs = preflightInputsFromEngagement(engagement);
  } catch (error) {
    if (error instanceof MissingAnswersError) {
      io.stderr.write(`[${engagement.name}] not checked: ${error.message}\n`);
      return { line: { ...label, error: error.message }, failed: true };
    }
    throw error;
  }
  const offline = offlineForRun(networkOf(io), inputs);
  if (offline) io.stderr.write(`[${engagement.name}] This computer is offline: the checks that need the network are not run, and their saved results stay.\n`);
  const relay = offline ? { inputs } : await relayRun(engagement, inputs, context);
  const report = await runPreflight(
    relay.inputs,
    { connector: netConnector, clock: systemClock, registry: context.registry, offline },
    {
      ...(relay.only === undefined ? {} : { only: relay.only }),
      onProgress: (progress) => {
        if (progress.kind !== 'finished') return;
        const { result } = progress;
        io.stderr.write(`[${engagement.name}] [${String(progress.done)}/${String(progress.total)}] ${result.id}${result.target === null ? '' : ` (${result.target})`}: ${result.status}\n`);
      },
    },
  );
  if (repository !== null) {
    const run = runRecord({ id: randomUUID(), step: 'preflight', startedAt: report.startedAt, finishedAt: new Date(systemClock.now()).toISOString() }, runInputsOf(engagement), report.results);
    repository.appendRun(engagement.id, run, report.results.map((result) => ({ ...result, ranAt: report.startedAt, inputsKey: checkInputsKey(result.id, engagement) })));
  }
  const line: EngagementLine = {
    ...label,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    offline,
    saved: repository !== null,
    counts: runCounts(report),
    results: report.results.map(jsonResult),
  };
  return { line, failed: report.results.some((result) => result.status === 'fail' || result.status === 'error') };
}

/** The repository the runs are saved through (as the app opens it); a data folder another process holds is bad input. */
function openRepository(store: SettingsStore): EngagementRepository {
  try {
    return createEngagementRepository(store, systemClock);
  } catch (error) {
    if (error instanceof SettingsBusyError) throw new UsageError(`${store.location}: ${error.message}`);
    throw error;
  }
}

/** Runs the saved engagements asked for; the exit code of docs/cli.md (1 when any check failed or errored, or an engagement could not run). */
export async function runSavedEngagements(request: SavedEngagementsRequest, io: CliIo, registry: readonly CheckDefinition[]): Promise<number> {
  const store = createNodeSettingsStore({ cwd: mailflowDataDir(io.env, process.platform, homedir()) });
  let engagements: readonly Engagement[];
  try {
    engagements = chosen(readEngagementsUnchanged(store), request, store.location);
  } catch (error) {
    if (error instanceof SettingsDamagedError) throw new UsageError(error.message);
    throw error;
  }
  if (engagements.length === 0) {
    io.stderr.write(`No saved engagements in ${store.location}: nothing to check.\n`);
    return 0;
  }
  const context: RunContext = { io, registry, repository: request.save ? openRepository(store) : null, secrets: createChunkedSecretStore(createKeychainSecretStore()) };
  const outcomes = await mapConcurrently(engagements, request.concurrency, async (engagement) => {
    const outcome = await runEngagement(engagement, context);
    io.stdout.write(`${JSON.stringify(outcome.line)}\n`);
    return outcome;
  });
  return outcomes.some((outcome) => outcome.failed) ? 1 : 0;
}
