/** The report's status labels: always a word, so a black-and-white print reads the same as the screen. */
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';

const STATUS_TEXT: Readonly<Record<CheckStatus | 'open' | 'done' | 'not-run', string>> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  error: 'ERROR',
  skip: 'SKIP',
  open: 'OPEN',
  done: 'DONE',
  'not-run': 'NOT RUN',
};

export type LabelKind = keyof typeof STATUS_TEXT;

export function label(kind: LabelKind): string {
  return `<span class="label label-${kind}">${STATUS_TEXT[kind]}</span>`;
}
