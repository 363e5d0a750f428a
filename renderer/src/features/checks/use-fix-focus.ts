import { useEffect } from 'react';
import { useFixStore } from './fix-store';

/** Frames to wait for a fix's field to appear (a step page and a dialog render first). */
const MAX_FRAMES = 60;

/** Frames the focus must stay on the field before the fix counts as done. */
const STEADY_FRAMES = 3;

/**
 * Focuses the place a fix button asked for once it is on screen, scrolled into the middle of the
 * view; gives up quietly after about a second (the page then simply shows the step).
 */
export function useFixFocus(): void {
  const pending = useFixStore((state) => state.pending);
  const focused = useFixStore((state) => state.focused);
  useEffect(() => {
    if (pending === null) return undefined;
    let frames = 0;
    let steady = 0;
    let handle = 0;
    // A dialog that opens moves focus to its own first field when it is shown, which may come a
    // frame after the field exists: keep the focus on the field until it has stayed for a few frames.
    const attempt = (): void => {
      const element = document.getElementById(pending.elementId);
      if (element !== null) {
        if (steady === 0) {
          element.scrollIntoView({ block: 'center' });
          element.focus();
        }
        steady = document.activeElement === element ? steady + 1 : 0;
      }
      if (steady >= STEADY_FRAMES || (frames += 1) >= MAX_FRAMES) focused();
      else handle = requestAnimationFrame(attempt);
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [pending, focused]);
}
