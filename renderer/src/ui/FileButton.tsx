/**
 * A button that opens a file: a label around a file input stretched over it, so the native picker
 * opens by click or keyboard and the input is named for screen readers.
 */
import './FileButton.css';

interface FileButtonProps {
  readonly label: string;
  /** The input's accessible name ("Open a headers file"). */
  readonly inputLabel: string;
  readonly accept: string;
  readonly small?: boolean;
  readonly onFile: (file: File) => void;
}

export function FileButton({ label, inputLabel, accept, small = false, onFile }: FileButtonProps) {
  return (
    <label className={`button${small ? ' small' : ''} file-button`}>
      {label}
      <input
        type="file"
        className="file-input"
        accept={accept}
        aria-label={inputLabel}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Cleared, so opening the same file again is a change too.
          input.value = '';
          if (file !== undefined) onFile(file);
        }}
      />
    </label>
  );
}
