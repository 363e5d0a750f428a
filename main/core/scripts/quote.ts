/**
 * Quoting for the languages the generators emit. Inputs are validated before they get here; quoting
 * is the second wall, so that even a value validation let through can never become code.
 */

/**
 * PowerShell treats the typographic single quotes (U+2018, U+2019, U+201A, U+201B) like the ASCII
 * one, so every one of them is doubled inside a single-quoted (verbatim) string.
 */
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** A PowerShell verbatim string: nothing inside is expanded ($, backtick and @ stay literal). */
export function psString(value: string): string {
  assertSingleLine(value);
  return `'${value.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/** A PowerShell array of verbatim strings, e.g. @('a','b'). */
export function psArray(values: readonly string[]): string {
  return `@(${values.map(psString).join(',')})`;
}

export function psBoolean(value: boolean): string {
  return value ? '$true' : '$false';
}

/** A POSIX shell word: single quotes keep everything literal; an embedded quote is closed, escaped and reopened. */
export function shString(value: string): string {
  assertSingleLine(value);
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Line breaks would end a statement or a main.cf line early; no generated value may contain one. */
function assertSingleLine(value: string): void {
  if (/[\r\n\u0085\u2028\u2029]/.test(value)) throw new Error('A script value contains a line break; validate the inputs before generating.');
}
