import type { ReactNode } from 'react';

/** A labelled control with an optional hint; the control names `${id}-hint` in aria-describedby. */
export function Field({ id, label, hint, className, children }: { id: string; label: string; hint?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`field${className === undefined ? '' : ` ${className}`}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
