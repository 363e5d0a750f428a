import { useId, useState, type DragEvent, type ReactNode, type SyntheticEvent } from 'react';
import { FileButton } from './FileButton';
import './PasteInput.css';

interface PasteInputProps {
  readonly label: string;
  /** Where to find the text to paste, in a sentence or two. */
  readonly hint: ReactNode;
  readonly placeholder: string;
  readonly actionLabel: string;
  /** The name of the file input, for screen readers ("Open a headers file"). */
  readonly fileLabel: string;
  /** The files that can be opened, in words ("a .eml or .txt file (up to 2 MB)"), and as the file input's accept list. */
  readonly fileKinds: { readonly words: string; readonly accept: string };
  readonly text: string;
  /** Why the last run gave no result, or null. */
  readonly error: string | null;
  readonly busy: boolean;
  /** Whether there is anything (a result) to clear besides the text and the error. */
  readonly hasResult: boolean;
  readonly onText: (text: string) => void;
  readonly onRun: () => void;
  readonly onFile: (file: File) => void;
  readonly onClear: () => void;
}

/**
 * Paste text, or open or drop a file, then run a tool on it. The text stays in the box
 * after an error so a person can fix it instead of finding it again.
 */
export function PasteInput({ label, hint, placeholder, actionLabel, fileLabel, fileKinds, text, error, busy, hasResult, onText, onRun, onFile, onClear }: PasteInputProps) {
  const [dragging, setDragging] = useState(false);
  const id = useId();
  const textId = `${id}-text`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    onRun();
  };
  const drop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) onFile(file);
  };
  const dragOver = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(true);
  };
  /** Leaving for a child element (the text box, a button) is still inside the drop zone. */
  const dragLeave = (event: DragEvent): void => {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };

  return (
    <form className={`ts-paste${dragging ? ' dragging' : ''}`} onSubmit={submit} onDragOver={dragOver} onDragLeave={dragLeave} onDrop={drop}>
      <label htmlFor={textId} className="field-label">
        {label}
      </label>
      <p id={hintId} className="field-hint">
        {hint} You can also open or drop {fileKinds.words}.
      </p>
      <textarea
        id={textId}
        className="ts-paste-text"
        rows={7}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        aria-describedby={error === null ? hintId : `${hintId} ${errorId}`}
        aria-invalid={error !== null}
        onChange={(event) => onText(event.target.value)}
      />
      {error !== null && (
        <p id={errorId} className="inline-problem ts-problem" role="alert">
          {error}
        </p>
      )}
      <div className="ts-paste-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Working…' : actionLabel}
        </button>
        <FileButton label="Open file…" inputLabel={fileLabel} accept={fileKinds.accept} onFile={onFile} />
        <button type="button" className="button" disabled={busy || (text === '' && !hasResult && error === null)} onClick={onClear}>
          Clear
        </button>
      </div>
    </form>
  );
}
