import { describe, expect, it } from 'vitest';
import { checklist } from '../../../../preload/contract';
import { tally } from '../../../../renderer/src/features/checklist/progress';
import { engagementFixture } from '../../engagement-fixture';

describe('checklist progress', () => {
  it('counts ticked items per step and for the whole checklist, ignoring unticked and unknown ones', () => {
    const [first, second] = checklist[0]?.items ?? [];
    const engagement = engagementFixture({
      progress: {
        [first?.id ?? '']: { done: true, at: '2026-12-01T10:00:00.000Z' },
        [second?.id ?? '']: { done: false, at: '2026-12-01T10:00:00.000Z' },
        'no.such-item': { done: true, at: '2026-12-01T10:00:00.000Z' },
      },
    });
    const total = checklist.reduce((sum, step) => sum + step.items.length, 0);
    expect(tally(engagement)).toEqual({ done: 1, total });
    expect(tally(engagement, 'prerequisites')).toEqual({ done: 1, total: checklist[0]?.items.length });
    expect(tally(engagement, 'test')).toEqual({ done: 0, total: checklist.find((step) => step.id === 'test')?.items.length });
  });
});
