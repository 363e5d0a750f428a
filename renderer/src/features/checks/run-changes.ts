/**
 * What a step's checks panel says about its run history, DOM-free: the step's runs (newest first),
 * the pair it compares, what changed between them in words, and one line per run with its counts.
 */
import {
  compareInputs,
  compareRuns,
  runCounts,
  runInputsOf,
  runsForStep,
  type CheckInfo,
  type CheckStatus,
  type Engagement,
  type InputChange,
  type RunComparison,
  type RunResult,
  type SavedRun,
  type StatusChange,
  type StepId,
} from '../../../../preload/contract';
import { joinList } from './proof';

/** The runs of this step, newest first, the command line's whole runs cut down to its checks. */
export function stepRuns(engagement: Engagement, step: StepId, catalog: readonly CheckInfo[]): readonly SavedRun[] {
  return runsForStep(engagement.runHistory, step, new Set(catalog.filter((check) => check.step === step).map((check) => check.id)));
}

/** The latest run and the one it is compared with: the chosen earlier run, else the one before it; null with fewer than two. */
export function comparedPair(runs: readonly SavedRun[], chosenId: string | null): { readonly current: SavedRun; readonly previous: SavedRun } | null {
  const [current, ...earlier] = runs;
  const previous = earlier.find((run) => run.id === chosenId) ?? earlier[0];
  return current === undefined || previous === undefined ? null : { current, previous };
}

const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = { pass: 'passed', warn: 'warned', fail: 'failed', error: 'could not complete', skip: 'skipped' };

/** A group of changes with its heading, each change one line. */
export interface ChangeGroup {
  readonly kind: 'failing' | 'passing' | 'changed' | 'added' | 'removed' | 'inputs';
  readonly heading: string;
  readonly lines: readonly string[];
}

type TitleOf = (id: string) => string;

const named = (titleOf: TitleOf, result: Pick<RunResult, 'id' | 'target'>): string => `${titleOf(result.id)}${result.target === null ? '' : ` (${result.target})`}`;
const statusLine = (titleOf: TitleOf) => (change: StatusChange): string => `${named(titleOf, change)}: ${STATUS_WORDS[change.from]}, now ${STATUS_WORDS[change.to]} — ${change.summary}`;

function inputLine(change: InputChange): string {
  switch (change.kind) {
    case 'domains':
    case 'smartHosts': {
      const what = change.kind === 'domains' ? 'Domains' : 'Smart hosts';
      const parts = [...(change.added.length > 0 ? [`added ${joinList(change.added)}`] : []), ...(change.removed.length > 0 ? [`removed ${joinList(change.removed)}`] : [])];
      return `${what}: ${parts.join('; ')}`;
    }
    case 'tenantMx':
      return `Tenant MX host: ${change.from ?? 'derived from the first domain'} → ${change.to ?? 'derived from the first domain'}`;
    case 'checkSettings':
      return 'Check settings changed (port, DNS server, timeout, trusted certificates, allow list, relay recipient or its certificate)';
  }
}

/**
 * Status changes as lines; the checks that are now skipped for one same reason (behind a new
 * failure, or offline) share one line, so that one failure does not bury the list.
 */
function statusLines(changes: readonly StatusChange[], titleOf: TitleOf): string[] {
  const skippedFor = new Map<string, StatusChange[]>();
  const lines: string[] = [];
  for (const change of changes) {
    if (change.to !== 'skip') {
      lines.push(statusLine(titleOf)(change));
      continue;
    }
    const same = skippedFor.get(change.summary);
    if (same === undefined) skippedFor.set(change.summary, [change]);
    else same.push(change);
  }
  for (const [summary, same] of skippedFor) {
    lines.push(same.length === 1 && same[0] !== undefined ? statusLine(titleOf)(same[0]) : `${joinList(same.map((change) => named(titleOf, change)))}: now skipped — ${summary}`);
  }
  return lines;
}

/** What changed, grouped, problems first; empty when nothing did. */
export function changeGroups(comparison: RunComparison, titleOf: TitleOf): readonly ChangeGroup[] {
  const groups: ChangeGroup[] = [
    { kind: 'failing', heading: 'Newly failing', lines: comparison.newlyFailing.map(statusLine(titleOf)) },
    { kind: 'passing', heading: 'Newly passing', lines: comparison.newlyPassing.map(statusLine(titleOf)) },
    { kind: 'changed', heading: 'Status changed', lines: statusLines(comparison.statusChanged, titleOf) },
    { kind: 'added', heading: 'Checked for the first time', lines: comparison.added.map((result) => `${named(titleOf, result)}: ${STATUS_WORDS[result.status]}`) },
    { kind: 'removed', heading: 'No longer checked', lines: comparison.removed.map((result) => named(titleOf, result)) },
    { kind: 'inputs', heading: 'Inputs changed', lines: comparison.inputs.map(inputLine) },
  ];
  return groups.filter((group) => group.lines.length > 0);
}

/** The comparison of the pair, in groups. */
export const pairChanges = (pair: { readonly current: SavedRun; readonly previous: SavedRun }, titleOf: TitleOf): readonly ChangeGroup[] => changeGroups(compareRuns(pair.previous, pair.current), titleOf);

/** "12 passed, 1 failed, 3 skipped": a run's counts, in the order that matters. */
export function countsText(run: SavedRun): string {
  const counts = runCounts(run);
  const order: readonly CheckStatus[] = ['fail', 'error', 'warn', 'pass', 'skip'];
  const parts = order.filter((status) => counts[status] > 0).map((status) => `${String(counts[status])} ${STATUS_WORDS[status]}`);
  return parts.length === 0 ? 'no results' : parts.join(', ');
}

/** Why a run's results would not be about the engagement as it is now: the inputs that changed since, or null. */
export function inputsSince(run: SavedRun, engagement: Engagement): string | null {
  const changes = compareInputs(run.inputs, runInputsOf(engagement));
  if (changes.length === 0) return null;
  const what: Readonly<Record<InputChange['kind'], string>> = { domains: 'domains', smartHosts: 'smart hosts', tenantMx: 'tenant MX host', checkSettings: 'check settings' };
  return `ran with other ${joinList(changes.map((change) => what[change.kind]))} than now`;
}
