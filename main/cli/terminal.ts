/** Plain terminal output: status words (coloured only on a TTY) and wrapped text. */
import type { CheckStatus } from '../core/checks/types.js';

const COLOURS: Readonly<Record<CheckStatus, string>> = { pass: '32', warn: '33', fail: '31', error: '31', skip: '90' };

export function statusLabel(status: CheckStatus, colour: boolean): string {
  const word = status.toUpperCase().padEnd(5);
  return colour ? `\u001b[${COLOURS[status]}m${word}\u001b[0m` : word;
}

/** Wraps text at `width` columns, indenting every line by `indent` spaces. */
export function wrap(text: string, width: number, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && pad.length + line.length + 1 + word.length > width) {
        lines.push(pad + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(pad + line);
  }
  return lines.join('\n');
}
