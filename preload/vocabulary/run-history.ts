/**
 * The runs an engagement keeps (its last RUN_HISTORY_LIMIT, newest first): when each ran, for
 * which step (or the whole pre-flight from the command line), with which inputs — domains, smart
 * hosts, the tenant MX setting and a fingerprint of the check settings, never a secret — and each
 * result's verdict in one line. compareRuns says what changed from one run to the next. DOM-free.
 */
import { z } from 'zod';
import { CHECK_STATUSES, STEP_IDS, type CheckResult, type CheckStatus, type StepId } from './checks.js';
import type { Engagement } from './engagement.js';
import { fingerprint } from './inputs-key.js';

export const RUN_HISTORY_LIMIT = 20;
/** A result's summary is kept up to this many characters in the history. */
export const RUN_SUMMARY_CHARS = 500;

/** What a run covered: one step of the checklist (the app), or every check (`mailflow preflight`). */
export const RUN_SCOPES = [...STEP_IDS, 'preflight'] as const;
export type RunScope = (typeof RUN_SCOPES)[number];

export const runResultSchema = z.object({
  id: z.string().min(1),
  target: z.string().nullable(),
  status: z.enum(CHECK_STATUSES),
  summary: z.string().max(RUN_SUMMARY_CHARS),
});

export const runInputsSchema = z.object({
  domains: z.array(z.string()),
  smartHosts: z.array(z.string()),
  /** The tenant MX setting; null = derived from the first domain. */
  tenantMx: z.string().nullable(),
  /** Fingerprint of every check setting: a different one means the checks ran another way. */
  settingsKey: z.string().max(16),
});

const isoTimestamp = z.iso.datetime();

export const savedRunSchema = z.object({
  id: z.string().min(1).max(100),
  startedAt: isoTimestamp,
  finishedAt: isoTimestamp,
  step: z.enum(RUN_SCOPES),
  inputs: runInputsSchema,
  results: z.array(runResultSchema),
});

/** Newest first. */
export const runHistorySchema = z.array(savedRunSchema).max(RUN_HISTORY_LIMIT);

export type RunResult = z.infer<typeof runResultSchema>;
export type RunInputs = z.infer<typeof runInputsSchema>;
export type SavedRun = z.infer<typeof savedRunSchema>;

/** The inputs a run is made with, as the history keeps them (the relay test's certificate by its fingerprint, with the check settings). */
export function runInputsOf(engagement: Pick<Engagement, 'domains' | 'smartHosts' | 'checkSettings' | 'relayCertificate'>): RunInputs {
  return {
    domains: [...engagement.domains],
    smartHosts: [...engagement.smartHosts],
    tenantMx: engagement.checkSettings.tenantMx,
    settingsKey: fingerprint(JSON.stringify({ ...engagement.checkSettings, relayCertificate: engagement.relayCertificate?.sha256 ?? null })),
  };
}

const shortened = (summary: string): string => (summary.length > RUN_SUMMARY_CHARS ? `${summary.slice(0, RUN_SUMMARY_CHARS - 1)}…` : summary);

/** One finished run as the history keeps it: each result's id, target, status and summary. */
export function runRecord(
  run: { readonly id: string; readonly step: RunScope; readonly startedAt: string; readonly finishedAt: string },
  inputs: RunInputs,
  results: readonly Pick<CheckResult, 'id' | 'target' | 'status' | 'summary'>[],
): SavedRun {
  return { ...run, inputs, results: results.map(({ id, target, status, summary }) => ({ id, target, status, summary: shortened(summary) })) };
}

/** The history with `run` added, newest first, the oldest beyond RUN_HISTORY_LIMIT dropped. */
export function withRun(history: readonly SavedRun[], run: SavedRun): SavedRun[] {
  return [run, ...history.filter((entry) => entry.id !== run.id)].slice(0, RUN_HISTORY_LIMIT);
}

/** How many results of a run have each status. */
export function runCounts(run: { readonly results: readonly Pick<RunResult, 'status'>[] }): Readonly<Record<CheckStatus, number>> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const result of run.results) counts[result.status] += 1;
  return counts;
}

/**
 * The runs a step's panel compares, newest first: that step's runs, and the command line's whole
 * runs cut down to the step's checks (`stepChecks`); a whole run with none of them is left out.
 */
export function runsForStep(history: readonly SavedRun[], step: StepId, stepChecks: ReadonlySet<string>): SavedRun[] {
  return history.flatMap((run) => {
    if (run.step === step) return [run];
    if (run.step !== 'preflight') return [];
    const results = run.results.filter((result) => stepChecks.has(result.id));
    return results.length === 0 ? [] : [{ ...run, results }];
  });
}

/** One check and target whose status differs between two runs. */
export interface StatusChange {
  readonly id: string;
  readonly target: string | null;
  readonly from: CheckStatus;
  readonly to: CheckStatus;
  /** The later run's summary. */
  readonly summary: string;
}

/** An input that differs between two runs. */
export type InputChange =
  | { readonly kind: 'domains' | 'smartHosts'; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'tenantMx'; readonly from: string | null; readonly to: string | null }
  | { readonly kind: 'checkSettings' };

export interface RunComparison {
  /** Now fail or error, before anything else. */
  readonly newlyFailing: readonly StatusChange[];
  /** Now pass, before anything else. */
  readonly newlyPassing: readonly StatusChange[];
  /** Every other change of status (a warning, a skip, fail to error…). */
  readonly statusChanged: readonly StatusChange[];
  /** Checks and targets only the later run has. */
  readonly added: readonly RunResult[];
  /** Checks and targets only the earlier run has. */
  readonly removed: readonly RunResult[];
  readonly inputs: readonly InputChange[];
}

const failing = (status: CheckStatus): boolean => status === 'fail' || status === 'error';
const resultKey = (result: Pick<RunResult, 'id' | 'target'>): string => `${result.id}\u0000${result.target?.toLowerCase() ?? ''}`;

function listChange(kind: 'domains' | 'smartHosts', before: readonly string[], after: readonly string[]): InputChange[] {
  const had = new Set(before.map((value) => value.toLowerCase()));
  const has = new Set(after.map((value) => value.toLowerCase()));
  const added = after.filter((value) => !had.has(value.toLowerCase()));
  const removed = before.filter((value) => !has.has(value.toLowerCase()));
  return added.length === 0 && removed.length === 0 ? [] : [{ kind, added, removed }];
}

/** What differs between the inputs of two runs (or a run and the engagement as it is now). */
export function compareInputs(before: RunInputs, after: RunInputs): InputChange[] {
  return [
    ...listChange('domains', before.domains, after.domains),
    ...listChange('smartHosts', before.smartHosts, after.smartHosts),
    ...((before.tenantMx?.toLowerCase() ?? null) === (after.tenantMx?.toLowerCase() ?? null) ? [] : [{ kind: 'tenantMx' as const, from: before.tenantMx, to: after.tenantMx }]),
    ...(before.settingsKey === after.settingsKey ? [] : [{ kind: 'checkSettings' as const }]),
  ];
}

/** What changed from `previous` to `current`: each result in at most one list, in the later run's order. */
export function compareRuns(previous: Pick<SavedRun, 'inputs' | 'results'>, current: Pick<SavedRun, 'inputs' | 'results'>): RunComparison {
  const before = new Map(previous.results.map((result) => [resultKey(result), result]));
  const after = new Map(current.results.map((result) => [resultKey(result), result]));
  const changes = [...after.entries()].flatMap(([key, result]): StatusChange[] => {
    const earlier = before.get(key);
    return earlier === undefined || earlier.status === result.status ? [] : [{ id: result.id, target: result.target, from: earlier.status, to: result.status, summary: result.summary }];
  });
  return {
    newlyFailing: changes.filter((change) => failing(change.to) && !failing(change.from)),
    newlyPassing: changes.filter((change) => change.to === 'pass'),
    statusChanged: changes.filter((change) => change.to !== 'pass' && !(failing(change.to) && !failing(change.from))),
    added: [...after.entries()].filter(([key]) => !before.has(key)).map(([, result]) => result),
    removed: [...before.entries()].filter(([key]) => !after.has(key)).map(([, result]) => result),
    inputs: compareInputs(previous.inputs, current.inputs),
  };
}

/** Nothing changed between the two runs. */
export const isUnchanged = (comparison: RunComparison): boolean =>
  comparison.newlyFailing.length + comparison.newlyPassing.length + comparison.statusChanged.length + comparison.added.length + comparison.removed.length + comparison.inputs.length === 0;
