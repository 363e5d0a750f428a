/**
 * What a step's Checks card says, DOM-free. Saved results are shown in the registry's order (the
 * report's, from the check catalog); a live run's results come in the order they arrive.
 */
import type { CheckStatus, Engagement, SavedCheckResult, StepId } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';

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

const SUMMARY_ORDER: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'error', 'skip'];

/** When the saved results were last run, or null when never. */
export function lastRunAt(saved: readonly SavedCheckResult[]): string | null {
  return saved.reduce<string | null>((latest, result) => (latest === null || result.ranAt > latest ? result.ranAt : latest), null);
}

/** "Last run …: 9 pass, 1 fail." or "Not run yet …". */
export function lastRunText(saved: readonly SavedCheckResult[]): string {
  const lastRun = lastRunAt(saved);
  if (lastRun === null) return 'Not run yet for this engagement.';
  const counts = SUMMARY_ORDER.map((status) => [status, saved.filter((r) => r.status === status).length] as const).filter(([, count]) => count > 0);
  return `Last run ${formatTime(lastRun)}: ${counts.map(([status, count]) => `${count} ${status}`).join(', ')}.`;
}
