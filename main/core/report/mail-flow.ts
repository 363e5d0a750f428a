/**
 * The report's "Mail flow proven" section: for each way mail goes, what the Test step proved (the
 * messages sent, the delivered messages' headers, the bounces), beside what Office 365 itself
 * showed (its connector validation and message trace, where imported).
 */
import { checklist } from '../../../preload/vocabulary/checklist.js';
import { TEST_ITEM_DIRECTION, TEST_ITEMS, testItemFor, testItemProof, type TestEvidence, type TestItemId } from '../../../preload/vocabulary/test-evidence.js';
import type { TraceEntry } from '../../../preload/vocabulary/imports.js';
import { escapeHtml, formatTimestamp, textElement } from './html.js';
import { label } from './labels.js';
import type { HandoverImports } from './types.js';

const KIND_TEXT: Readonly<Record<TestEvidence['kind'], string>> = { message: 'Test message', headers: 'Delivered message’s headers', bounce: 'Bounce' };
const STATE_LABEL = { proved: 'pass', failing: 'fail', unchecked: 'open' } as const;

const itemTitle = (id: TestItemId): string => checklist.flatMap((step) => step.items).find((item) => item.id === id)?.title ?? id;

function evidenceRow(evidence: TestEvidence): string {
  const detail = evidence.kind === 'headers' ? evidence.path : evidence.kind === 'bounce' ? (evidence.fix === null ? [] : [`Fix: ${evidence.fix}`]) : [];
  return (
    `<tr><td>${label(evidence.status)}</td><td>${escapeHtml(KIND_TEXT[evidence.kind])}<br><span class="muted">${escapeHtml(formatTimestamp(evidence.at))}</span></td>` +
    `<td>${escapeHtml(evidence.summary)}${detail.length === 0 ? '' : `<pre>${escapeHtml(detail.join('\n'))}</pre>`}</td></tr>`
  );
}

/** The traced messages that went this way: from outside to the domains, or from the domains out. */
function traceRows(entries: readonly TraceEntry[], domains: readonly string[], item: TestItemId): readonly string[] {
  return entries
    .filter((entry) => testItemFor(entry.sender, [entry.recipient], domains).item === item)
    .map(
      (entry) =>
        `<tr><td>${label(entry.delivered ? 'pass' : 'fail')}</td><td>Message trace<br><span class="muted">${escapeHtml(entry.received === null ? '' : formatTimestamp(entry.received))}</span></td>` +
        `<td>${escapeHtml(`${entry.sender ?? '—'} → ${entry.recipient}: ${entry.status}`)}</td></tr>`,
    );
}

function directionPart(imports: HandoverImports, domains: readonly string[], item: TestItemId): string {
  const proof = testItemProof(imports.testEvidence, item);
  const rows = [...proof.evidence.map(evidenceRow), ...traceRows(imports.officeProof.trace?.entries ?? [], domains, item)];
  return [
    `<h3>${label(STATE_LABEL[proof.state])} ${escapeHtml(`${itemTitle(item)} (${TEST_ITEM_DIRECTION[item]})`)}</h3>`,
    textElement('p', proof.reason),
    rows.length === 0 ? '' : `<table class="proof"><thead><tr><th>Result</th><th>What</th><th>What it shows</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** One line on Office 365's own validation, when imported: how many of its stages passed. */
function validationLine(imports: HandoverImports): string {
  const validation = imports.officeProof.validation;
  if (validation === null || validation.stages.length === 0) return '';
  const passed = validation.stages.filter((stage) => stage.status === 'pass').length;
  return textElement('p', `Office 365’s own connector validation (imported ${formatTimestamp(validation.importedAt)}): ${passed} of ${validation.stages.length} stages passed; the details are under “What exists, and proof from Office 365”.`);
}

export function mailFlowSection(imports: HandoverImports | null, domains: readonly string[]): string {
  if (imports === null) return '';
  return [
    '<section id="mail-flow">',
    '<h2>Mail flow proven</h2>',
    textElement('p', 'A message’s own headers, as the receiving mailbox shows them, prove which way it went; a message the server accepted only shows it was handed over.', 'muted'),
    ...TEST_ITEMS.map((item) => directionPart(imports, domains, item)),
    validationLine(imports),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
