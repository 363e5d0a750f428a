import { useEffect } from 'react';
import { useFixStore } from './fix-store';

/** Frames to wait for a fix's field to appear (a step page and a dialog render first). */
const MAX_FRAMES = 60;

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
    let handle = 0;
    const attempt = (): void => {
      const element = document.getElementById(pending.elementId);
      if (element !== null) {
        element.scrollIntoView({ block: 'center' });
        element.focus();
        focused();
      } else if ((frames += 1) < MAX_FRAMES) handle = requestAnimationFrame(attempt);
      else focused();
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [pending, focused]);
}
