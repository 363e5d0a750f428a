import { useEffect, useRef, useState } from 'react';
import './CopyButton.css';

type CopyState = 'idle' | 'copied' | 'refused';

interface CopyButtonProps {
  readonly text: string;
  /** The button's visible label; "Copy" when not given. */
  readonly label?: string;
}

/** How long the confirmation stays visible before the button returns to its label. */
const CONFIRM_MS = 2500;

/**
 * Copies text to the clipboard and says so in words: a person pasting a command into a server
 * console needs to know it actually landed, and what to do when the system refuses the clipboard.
 */
export function CopyButton({ text, label = 'Copy' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  const copy = async (): Promise<void> => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      timer.current = window.setTimeout(() => setState('idle'), CONFIRM_MS);
    } catch {
      // The clipboard can be refused by the system or the browser; the message below says what to do instead.
      setState('refused');
    }
  };
  return (
    <span className="copy-button">
      <button type="button" className="button small" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span role="status" className={state === 'refused' ? 'copy-refused small' : 'copy-announce'}>
        {state === 'copied' && 'Copied to the clipboard.'}
        {state === 'refused' && 'The system refused the clipboard. Select the text and press Ctrl+C (⌘C on a Mac).'}
      </span>
    </span>
  );
}
