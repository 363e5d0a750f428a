/**
 * How a generated script is saved, decided once for every face (the CLI's --out and the app's
 * save button): PowerShell as UTF-8 with a byte order mark and CRLF line ends, because Windows
 * PowerShell 5.1 reads a .ps1 without a BOM as ANSI and mangles non-ASCII names; shell scripts
 * and Postfix fragments as plain UTF-8 with LF, the shell ones executable.
 */
import type { GeneratedScript } from './types.js';

export interface ScriptFile {
  readonly name: string;
  /** The exact text of the file, BOM included where there is one. */
  readonly text: string;
  /** Whether the file is to be run directly (mode 0755 where the file system has modes). */
  readonly executable: boolean;
}

export function scriptFile(script: GeneratedScript): ScriptFile {
  const lf = script.content.replace(/\r\n/g, '\n');
  if (script.language === 'powershell') return { name: script.filename, text: `\uFEFF${lf.replace(/\n/g, '\r\n')}`, executable: false };
  return { name: script.filename, text: lf, executable: script.language === 'shell' };
}
