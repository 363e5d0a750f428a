import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../../../../preload/contract';
import { groupResults, groupSummary, nextStep } from '../../../../renderer/src/features/checks/step-results';

const results = (statuses: readonly CheckStatus[]) => statuses.map((status, index) => ({ id: `c${index}`, status }));

describe('grouping a step’s results', () => {
  it('puts failures and checks that could not complete first, then warnings, keeping report order inside each', () => {
    const groups = groupResults(results(['pass', 'warn', 'pass', 'fail', 'skip', 'error', 'warn', 'fail']));
    expect(groups.problems.map((r) => `${r.id}:${r.status}`)).toEqual(['c3:fail', 'c7:fail', 'c5:error', 'c1:warn', 'c6:warn']);
    expect(groups.passed.map((r) => r.id)).toEqual(['c0', 'c2']);
    expect(groups.skipped.map((r) => r.id)).toEqual(['c4']);
  });

  it('sums up what needs doing first, in words', () => {
    expect(groupSummary(groupResults(results(['pass', 'fail', 'warn', 'warn', 'skip', 'error'])))).toBe('2 to fix, 2 warnings, 1 passed, 1 skipped');
    expect(groupSummary(groupResults(results(['pass', 'pass'])))).toBe('2 passed');
    expect(groupSummary(groupResults(results(['warn'])))).toBe('1 warning');
  });

  it('knows the step that comes next, and that the Test step is the last', () => {
    expect(nextStep('prerequisites')).toMatchObject({ id: 'part1' });
    expect(nextStep('part2')).toMatchObject({ id: 'test' });
    expect(nextStep('test')).toBeNull();
  });
});
