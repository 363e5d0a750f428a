/** The real clock: the one place the time of day is read; the core gets it through the Clock port. */
import type { Clock } from '../core/ports/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};
