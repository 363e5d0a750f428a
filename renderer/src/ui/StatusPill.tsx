import type { CheckStatus } from '../../../preload/contract';

const LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  error: 'Error',
  skip: 'Skipped',
};

/** A check's status in words and colour (the word carries the meaning; colour only helps). */
export function StatusPill({ status }: { status: CheckStatus }) {
  return <span className={`status status-${status}`}>{LABELS[status]}</span>;
}
