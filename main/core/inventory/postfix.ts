/**
 * What the Postfix inventory script reads: `postconf -h mail_version` and `postconf -n` (the
 * settings that differ from the defaults), kept as Postfix printed them and parsed here.
 */
import { z } from 'zod';

export interface PostfixVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?/;

/** "3.7.11" (or "3.10-20250101" for a snapshot) as numbers; null when it is not a version. */
export function parsePostfixVersion(value: string): PostfixVersion | null {
  const match = VERSION.exec(value.trim());
  if (match === null) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? '0') };
}

export function isAtLeast(version: PostfixVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** `name = value` lines of `postconf -n`; a line starting with white space continues the previous value. */
export function parsePostconf(output: string): Readonly<Record<string, string>> {
  const settings: Record<string, string> = {};
  let last: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (/^\s/.test(line) && last !== null) {
      settings[last] = `${settings[last] ?? ''} ${line.trim()}`.trim();
      continue;
    }
    const match = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (match?.[1] === undefined) continue;
    last = match[1];
    settings[last] = (match[2] ?? '').trim();
  }
  return settings;
}

/** What stands in for a value that may hold a password: it is never kept. */
export const REDACTED = '(left out by Mailflow Assistant: it may hold a password)';

/** A password setting whose value holds the secret itself (static: or inline: tables), not a file name. */
const holdsSecret = (name: string, value: string): boolean => /pass(word|wd)?|secret/i.test(name) && /\b(static|inline):/i.test(value);

/**
 * `postconf -n` output with the values that may hold a password replaced, continuation lines too,
 * so an imported inventory (kept in the settings file and in exports) never carries a secret.
 */
export function redactPostconf(output: string): string {
  let redacting = false;
  return output
    .split(/\r?\n/)
    .flatMap((line): string[] => {
      if (/^\s/.test(line) && line.trim() !== '') return redacting ? [] : [line];
      const match = /^([A-Za-z0-9_]+)(\s*=\s*)(.*)$/.exec(line);
      redacting = match !== null && holdsSecret(match[1] ?? '', match[3] ?? '');
      return [redacting && match !== null ? `${match[1] ?? ''}${match[2] ?? ' = '}${REDACTED}` : line];
    })
    .join('\n');
}

const mailVersion = z.string().transform((value, ctx) => {
  const version = parsePostfixVersion(value);
  if (version === null) {
    ctx.addIssue({ code: 'custom', message: `expected the Postfix version, e.g. 3.7.11, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return { text: value.trim(), version };
});

export const postfixData = z
  .object({ mailVersion, postconf: z.string() })
  .transform((value) => ({ mailVersion: value.mailVersion.text, version: value.mailVersion.version, settings: parsePostconf(value.postconf) }))
  .readonly();

export type PostfixData = z.output<typeof postfixData>;
