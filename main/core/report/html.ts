/**
 * The few HTML building blocks the report needs. Text only ever enters the document through
 * `escapeHtml`, so a hostile domain, note or SMTP banner stays text and never becomes markup.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** An element with escaped text content and an optional class. */
export function textElement(tag: string, text: string, className?: string): string {
  return `<${tag}${className === undefined ? '' : ` class="${escapeHtml(className)}"`}>${escapeHtml(text)}</${tag}>`;
}

/**
 * An ISO timestamp as "2026-11-27 10:00:00 UTC": the same text on every machine and in every time
 * zone, so the report reads the same wherever it is opened and the output stays deterministic.
 */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A duration in milliseconds as a person reads it. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

