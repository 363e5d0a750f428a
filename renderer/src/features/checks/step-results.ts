/**
 * What a step's Checks card says, DOM-free. Saved results are shown in the registry's order (the
 * report's, from the check catalog); a live run's results come in the order they arrive.
 */
import { checklist, type CheckResult, type CheckStatus, type Engagement, type SavedCheckResult, type StepId } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';
import { isCurrent, staleReason } from './proof';

/** The step's own saved results, in report order. */
export function resultsForStep(engagement: Engagement, step: StepId, order: (id: string) => number): readonly SavedCheckResult[] {
  return engagement.checkResults.filter((result) => result.step === step).sort((a, b) => order(a.id) - order(b.id));
}

/** What the engagement still lacks before checks can run, or null. */
export function missingAnswers(engagement: Engagement): string | null {
  if (engagement.domains.length === 0 && engagement.smartHosts.length === 0) return 'Add a domain and the smart host in Details first.';
  if (engagement.domains.length === 0) return 'Add at least one domain in Details first.';
  if (engagement.smartHosts.length === 0) return 'Add the smart host in Details first.';
  return null;
}

/** When the saved results were last run, or null when never. */
export function lastRunAt(saved: readonly SavedCheckResult[]): string | null {
  return saved.reduce<string | null>((latest, result) => (latest === null || result.ranAt > latest ? result.ranAt : latest), null);
}

/** "Last run 2 Dec 2026, 09:30." or "Not run yet …" (the counts are in the tally below it). */
export function lastRunText(saved: readonly SavedCheckResult[]): string {
  const lastRun = lastRunAt(saved);
  return lastRun === null ? 'Not run yet for this engagement.' : `Last run ${formatTime(lastRun)}.`;
}

/** A step's results as the card shows them: what needs doing first, then what passed or was skipped. */
export interface ResultGroups<R> {
  /** Failures and checks that could not complete, then warnings: each shown open, with its fix. */
  readonly problems: readonly R[];
  readonly passed: readonly R[];
  /** Skipped because an earlier check failed (or nothing to check): collapsed with the passes. */
  readonly skipped: readonly R[];
}

const PROBLEM_RANK: Readonly<Partial<Record<CheckStatus, number>>> = { fail: 0, error: 1, warn: 2 };

/** Groups results, problems first (failures before warnings), keeping the given order within each group. */
export function groupResults<R extends Pick<CheckResult, 'status'>>(results: readonly R[]): ResultGroups<R> {
  const problems = results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => PROBLEM_RANK[result.status] !== undefined)
    .sort((a, b) => (PROBLEM_RANK[a.result.status] ?? 0) - (PROBLEM_RANK[b.result.status] ?? 0) || a.index - b.index)
    .map(({ result }) => result);
  return { problems, passed: results.filter((r) => r.status === 'pass'), skipped: results.filter((r) => r.status === 'skip') };
}

/** "1 to fix, 2 warnings, 11 passed, 2 skipped": the counts that matter, problems first. */
export function groupSummary(groups: ResultGroups<Pick<CheckResult, 'status'>>): string {
  const toFix = groups.problems.filter((r) => r.status !== 'warn').length;
  const warnings = groups.problems.length - toFix;
  const parts = [
    ...(toFix > 0 ? [`${toFix} to fix`] : []),
    ...(warnings > 0 ? [`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`] : []),
    ...(groups.passed.length > 0 ? [`${groups.passed.length} passed`] : []),
    ...(groups.skipped.length > 0 ? [`${groups.skipped.length} skipped`] : []),
  ];
  return parts.join(', ');
}

/** The step after this one in the guide, or null after the last. */
export function nextStep(step: StepId): { readonly id: StepId; readonly title: string } | null {
  const index = checklist.findIndex((s) => s.id === step);
  const next = checklist[index + 1];
  return next === undefined ? null : { id: next.id, title: next.title };
}

/** A step's saved results split into those about the engagement as it is now and those out of date. */
export function splitByCurrency(engagement: Engagement, saved: readonly SavedCheckResult[]): { readonly current: readonly SavedCheckResult[]; readonly stale: readonly SavedCheckResult[] } {
  return { current: saved.filter((result) => isCurrent(engagement, result)), stale: saved.filter((result) => !isCurrent(engagement, result)) };
}

/** Why results are out of date, naming what they were run for or that their settings changed; null when none is. */
export function staleText(engagement: Engagement, stale: readonly SavedCheckResult[]): string | null {
  if (stale.length === 0) return null;
  const byTarget = stale.filter((result) => staleReason(engagement, result) === 'target');
  const targets = [...new Set(byTarget.flatMap((result) => (result.target === null ? [] : [result.target])))];
  const count = stale.length === 1 ? '1 result is' : `${String(stale.length)} results are`;
  const reasons = [
    ...(byTarget.length === 0 ? [] : [`run for ${targets.length === 0 ? 'an earlier setup' : targets.join(', ')}, which this engagement no longer checks`]),
    ...(byTarget.length === stale.length ? [] : ['run before the check settings, inventory or tenant read they depend on changed']),
  ];
  return `${count} out of date: ${reasons.join('; ')}. Run the checks again to check it as it is now.`;
}
