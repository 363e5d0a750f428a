import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../../main/core/preflight/concurrent.js';

describe('mapConcurrently', () => {
  it('never runs more than the limit at once, uses it when there is work, and keeps the items’ order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }), fc.integer({ min: 1, max: 6 }), async (delays, limit) => {
        let running = 0;
        let most = 0;
        const outcomes = await mapConcurrently(delays, limit, async (delay, index) => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, delay));
          running -= 1;
          return index * 10;
        });
        expect(outcomes).toEqual(delays.map((_, index) => index * 10));
        expect(most).toBe(Math.min(limit, delays.length));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a limit below one', async () => {
    await expect(mapConcurrently([1], 0, () => Promise.resolve(1))).rejects.toThrow(RangeError);
  });
});
