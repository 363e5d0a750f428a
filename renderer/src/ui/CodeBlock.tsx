/**
 * Code, a record or a log that may be wider or longer than its box: focusable, so that it can be
 * scrolled from the keyboard, and a named region, so that a screen reader says what it holds.
 */
export function CodeBlock({ label, className = 'code-block', children }: { label: string; className?: string; children: string }) {
  return (
    <pre className={className} tabIndex={0} role="region" aria-label={label}>
      {children}
    </pre>
  );
}
