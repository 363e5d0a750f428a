/**
 * The handover report: one self-contained HTML file with the engagement's answers, every check
 * result with its evidence and time, the scripts and the open items. It loads nothing (a strict
 * Content-Security-Policy says so too), has no script, prints cleanly to PDF, and is the same text
 * for the same input, so it can be compared and archived.
 */
import { checklist, type ChecklistStep } from '../../../preload/vocabulary/checklist.js';
import type { CheckStatus, StepId } from '../../../preload/vocabulary/checks.js';
import type { GeneratedScript } from '../scripts/types.js';
import { fixesInWords } from './advice-words.js';
import { escapeHtml, formatDuration, formatTimestamp, textElement } from './html.js';
import { openItems, type OpenItem } from './open-items.js';
import { glance } from './glance.js';
import { label } from './labels.js';
import { mailFlowSection } from './mail-flow.js';
import { REPORT_STYLE } from './style.js';
import type { HandoverAnswers, HandoverCheckResult, HandoverImports, HandoverInput, HandoverScripts } from './types.js';
import { INVENTORY_SIDE_LABELS } from '../../../preload/vocabulary/imports.js';

export type { HandoverInput } from './types.js';

const STATUS_ORDER: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'error', 'skip'];


const SERVER_KIND_TEXT: Readonly<Record<NonNullable<HandoverAnswers['serverKind']>, string>> = {
  exchange: 'Microsoft Exchange Server',
  postfix: 'Postfix',
  other: 'Another mail server',
};

/** Script input fields in the words the app's forms use. */
const FIELD_TEXT: Readonly<Record<string, string>> = {
  domains: 'Domains',
  smartHosts: 'Smart hosts',
  testAddresses: 'Test addresses',
  tenantMx: 'Office 365 MX host',
  certificateName: 'Certificate name',
  onPremFqdn: 'Server name (FQDN)',
  tlsCertificateName: 'Certificate (TlsCertificateName)',
  senderIpAddresses: 'Sender IP addresses',
};

/** Joins the non-empty parts of a block, one per line. */
function lines(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('\n');
}


function count(results: readonly HandoverCheckResult[], status: CheckStatus): number {
  return results.filter((result) => result.status === status).length;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listOrNone(values: readonly string[]): string {
  if (values.length === 0) return '<span class="muted">none given</span>';
  return `<ul class="plain">${values.map((value) => textElement('li', value)).join('')}</ul>`;
}

function facts(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${rows.map(([term, html]) => `<dt>${escapeHtml(term)}</dt><dd>${html}</dd>`).join('')}</dl>`;
}

function stepTitle(step: StepId): string {
  return checklist.find((candidate) => candidate.id === step)?.title ?? step;
}

function resultsOf(results: readonly HandoverCheckResult[], step: StepId): readonly HandoverCheckResult[] {
  return results.filter((result) => result.step === step);
}

function verdict(input: HandoverInput, open: readonly OpenItem[]): string {
  const { results } = input;
  const broken = count(results, 'fail') + count(results, 'error');
  const warnings = count(results, 'warn');
  const checks =
    results.length === 0
      ? 'No checks have been run yet.'
      : broken > 0
        ? `Not ready: ${plural(broken, 'check failed or errored', 'checks failed or errored')}${warnings > 0 ? `, ${plural(warnings, 'warning', 'warnings')}` : ''}.`
        : warnings > 0
          ? `No check failed; ${plural(warnings, 'warning needs', 'warnings need')} a look.`
          : 'Every check that ran passed.';
  const items = open.length === 0 ? 'Nothing is open.' : `${plural(open.length, 'open item', 'open items')} below.`;
  return `<p class="verdict">${escapeHtml(`${checks} ${items}`)}</p>`;
}

function summarySection(input: HandoverInput, open: readonly OpenItem[]): string {
  const progress = input.progress;
  const doneCount = (step: ChecklistStep): number => step.items.filter((item) => progress?.[item.id]?.done === true).length;
  const statusCells = (results: readonly HandoverCheckResult[]): string =>
    STATUS_ORDER.map((status) => `<td class="number">${count(results, status)}</td>`).join('');
  const checklistCell = (done: number, total: number): string => `<td class="number">${progress === null ? '—' : `${done} / ${total}`}</td>`;
  const rows = checklist.map(
    (step) => `<tr><td>${escapeHtml(step.title)}</td>${checklistCell(doneCount(step), step.items.length)}${statusCells(resultsOf(input.results, step.id))}</tr>`,
  );
  const totalItems = checklist.reduce((sum, step) => sum + step.items.length, 0);
  const totalDone = checklist.reduce((sum, step) => sum + doneCount(step), 0);
  rows.push(`<tr class="total"><td>All steps</td>${checklistCell(totalDone, totalItems)}${statusCells(input.results)}</tr>`);
  const head = `<tr><th>Step</th><th class="number">Checklist done</th>${STATUS_ORDER.map((status) => `<th class="number">${label(status)}</th>`).join('')}</tr>`;
  return lines([
    '<section id="summary">',
    '<h2>Summary</h2>',
    verdict(input, open),
    glance(input, open),
    `<table class="summary"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`,
    progress === null ? '<p class="muted">The command line keeps no checklist progress: only the checks are reported.</p>' : '',
    '</section>',
  ]);
}

function openItemsSection(open: readonly OpenItem[]): string {
  const body =
    open.length === 0
      ? '<p>Nothing is open: every check that ran passed (or was skipped) and every checklist item is done.</p>'
      : `<ol class="open-items">${open
          .map(
            (item) =>
              `<li>${label(item.status)} <strong>${escapeHtml(item.title)}</strong>${item.target === null ? '' : ` — ${escapeHtml(item.target)}`}` +
              ` <span class="muted">(${escapeHtml(stepTitle(item.step))}; <code>${escapeHtml(item.reference)}</code>)</span>` +
              `<p>${escapeHtml(item.action)}</p></li>`,
          )
          .join('')}</ol>`;
  return lines(['<section id="open-items">', `<h2>Open items (${open.length})</h2>`, body, '</section>']);
}

function answersSection(answers: HandoverAnswers): string {
  const settings = answers.checkSettings;
  const firewall =
    settings.firewallAllow === null
      ? '<span class="muted">not given: the firewall was not compared with the Office 365 ranges</span>'
      : `${escapeHtml(`${plural(settings.firewallAllow.lines.length, 'line', 'lines')} from ${settings.firewallAllow.source}`)}<pre>${escapeHtml(settings.firewallAllow.lines.join('\n'))}</pre>`;
  const settingsRows: (readonly [string, string])[] = [
    ['SMTP port', escapeHtml(String(settings.smtpPort))],
    ['DNS server', settings.dnsServer === null ? 'the system resolver' : escapeHtml(settings.dnsServer)],
    ['Office 365 MX host', settings.tenantMx === null ? 'derived from the first domain' : escapeHtml(settings.tenantMx)],
    ['Deadline per check', escapeHtml(formatDuration(settings.timeoutMs))],
    ['Firewall allow list', firewall],
  ];
  if (settings.caFiles.length > 0) settingsRows.push(['Extra trusted roots', listOrNone(settings.caFiles)]);
  const certificate =
    answers.certificate === null
      ? ''
      : lines([
          '<h3>Certificate inspected</h3>',
          facts([
            ['File', escapeHtml(answers.certificate.fileName)],
            ['Inspected', escapeHtml(formatTimestamp(answers.certificate.at))],
          ]),
          evidenceTable(answers.certificate.report),
        ]);
  return lines([
    '<section id="answers">',
    '<h2>The engagement</h2>',
    facts([
      ['Domains', listOrNone(answers.domains)],
      ['Smart hosts', listOrNone(answers.smartHosts)],
      ['Server', answers.serverKind === null ? '<span class="muted">not recorded</span>' : escapeHtml(SERVER_KIND_TEXT[answers.serverKind])],
      ['Test addresses', listOrNone(answers.testAddresses)],
      ['Notes', answers.notes === null ? '<span class="muted">internal, not included</span>' : answers.notes.trim() === '' ? '<span class="muted">none</span>' : textElement('div', answers.notes, 'notes')],
    ]),
    '<h3>How the checks were run</h3>',
    facts(settingsRows),
    certificate,
    '</section>',
  ]);
}

/** Every target's result, so a check that failed for one domain is not hidden by a pass for another. */
function checkLines(id: string, results: readonly HandoverCheckResult[]): string {
  const matching = results.filter((result) => result.id === id);
  if (matching.length === 0) return `<li>${label('not-run')} <code>${escapeHtml(id)}</code></li>`;
  return matching
    .map((result) => `<li>${label(result.status)} <code>${escapeHtml(id)}</code>${result.target === null ? '' : ` ${escapeHtml(result.target)}`}</li>`)
    .join('');
}

function checklistSection(input: HandoverInput): string {
  const progress = input.progress;
  const steps = checklist.map((step) => {
    const rows = step.items.map((item) => {
      const state = progress?.[item.id];
      const stateCell =
        progress === null
          ? ''
          : `<td>${state?.done === true ? `${label('done')}<br><span class="muted">${escapeHtml(formatTimestamp(state.at))}</span>` : label('open')}</td>`;
      const checks = item.checks.length === 0 ? '<span class="muted">confirmed by a person</span>' : `<ul class="plain">${item.checks.map((id) => checkLines(id, input.results)).join('')}</ul>`;
      return `<tr>${stateCell}<td><strong>${escapeHtml(item.title)}</strong><br><span class="muted">${escapeHtml(item.explanation)}</span></td><td>${checks}</td></tr>`;
    });
    const head = `<tr>${progress === null ? '' : '<th>State</th>'}<th>Item</th><th>Proved by</th></tr>`;
    return `${textElement('h3', step.title)}\n<table class="checklist"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return lines(['<section id="checklist">', '<h2>Checklist</h2>', ...steps, '</section>']);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** One evidence value, readable: text inline, multi-line text and transcripts monospace, structures as JSON. */
function evidenceValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '<span class="muted">none</span>';
  if (key === 'transcript' && Array.isArray(value) && value.every((line) => typeof line === 'string')) {
    return `<pre class="transcript">${escapeHtml(value.join('\n'))}</pre>`;
  }
  if (typeof value === 'string') return value.includes('\n') ? `<pre>${escapeHtml(value)}</pre>` : escapeHtml(value);
  if (isPrimitive(value)) return escapeHtml(String(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">none</span>';
    if (value.every(isPrimitive)) return escapeHtml(value.map(String).join(', '));
  }
  return `<pre class="json">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function evidenceTable(evidence: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return '<p class="muted">No evidence recorded.</p>';
  return `<table class="evidence"><tbody>${entries
    .map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${evidenceValue(key, value)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function resultArticle(result: HandoverCheckResult): string {
  const fixes = result.advice === undefined ? [] : fixesInWords(result.advice);
  const advice =
    result.advice === undefined || result.advice.text === ''
      ? ''
      : `<div class="advice"><p><strong>What to do:</strong> ${escapeHtml(result.advice.text)}</p>${
          fixes.length === 0 ? '' : `<ul>${fixes.map((fix) => `<li>${escapeHtml(fix)}</li>`).join('')}</ul>`
        }</div>`;
  return lines([
    '<article class="result">',
    `<header>${label(result.status)}<h4>${escapeHtml(result.title)}</h4><code>${escapeHtml(result.id)}</code>${result.target === null ? '' : `<span>${escapeHtml(result.target)}</span>`}</header>`,
    textElement('p', result.summary),
    advice,
    `<p class="muted">Ran ${escapeHtml(formatTimestamp(result.ranAt))}, took ${escapeHtml(formatDuration(result.durationMs))}.</p>`,
    evidenceTable(result.evidence),
    '</article>',
  ]);
}

function resultsSection(results: readonly HandoverCheckResult[]): string {
  if (results.length === 0) return lines(['<section id="results">', '<h2>Check results</h2>', '<p>No checks have been run yet.</p>', '</section>']);
  const steps = checklist.flatMap((step) => {
    const ofStep = resultsOf(results, step.id);
    return ofStep.length === 0 ? [] : [textElement('h3', step.title), ...ofStep.map(resultArticle)];
  });
  return lines(['<section id="results">', `<h2>Check results (${results.length})</h2>`, ...steps, '</section>']);
}

function scriptBlock(script: GeneratedScript): string {
  const parameters =
    script.parameters.length === 0
      ? ''
      : `<table class="parameters"><thead><tr><th>Parameter</th><th>What it sets</th></tr></thead><tbody>${script.parameters
          .map((parameter) => `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${escapeHtml(parameter.explanation)}</td></tr>`)
          .join('')}</tbody></table>`;
  return lines([
    '<div class="script">',
    `<header>${textElement('h3', script.title)}<p class="muted">File <code>${escapeHtml(script.filename)}</code></p></header>`,
    parameters,
    `<pre class="script-content">${escapeHtml(script.content)}</pre>`,
    '</div>',
  ]);
}

function scriptsSection(scripts: HandoverScripts): string {
  if (scripts.kind === 'not-generated') {
    const issues =
      scripts.issues.length === 0
        ? ''
        : `<table class="issues"><thead><tr><th>Answer</th><th>What is missing or wrong</th></tr></thead><tbody>${scripts.issues
            .map((issue) => `<tr><td>${escapeHtml(FIELD_TEXT[issue.field.replace(/\[\d+\]$/, '')] ?? issue.field)}</td><td>${escapeHtml(issue.message)}</td></tr>`)
            .join('')}</tbody></table>`;
    return lines(['<section id="scripts">', '<h2>Scripts</h2>', textElement('p', scripts.reason), issues, '</section>']);
  }
  const notes = scripts.notes.length === 0 ? '' : `<ul>${scripts.notes.map((note) => textElement('li', note)).join('')}</ul>`;
  return lines(['<section id="scripts">', '<h2>Scripts</h2>', notes, ...scripts.scripts.map(scriptBlock), '</section>']);
}

/** A complete HTML document for the input; every piece of input text is escaped. */
const STAGE_LABEL = { pass: 'pass', fail: 'fail', unknown: 'warn' } as const;

function inventoryPart(inventory: HandoverImports['inventory']): string {
  if (inventory.length === 0) return '<p>No inventory was imported: the scripts could not see connectors that already exist.</p>';
  return inventory
    .map((document) =>
      lines([
        textElement('h3', `What already exists: ${INVENTORY_SIDE_LABELS[document.side]}`),
        textElement('p', `Read ${formatTimestamp(document.readAt)}${document.source === null ? '' : ` from ${document.source}`}; imported ${formatTimestamp(document.importedAt)}.`, 'muted'),
        `<ul>${document.contents.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
      ]),
    )
    .join('');
}

function validationPart(validation: HandoverImports['officeProof']['validation']): string {
  if (validation === null) return '<p>No connector validation from Office 365 was imported.</p>';
  const stages =
    validation.stages.length === 0
      ? ''
      : `<table><thead><tr><th>Smart host</th><th>Stage</th><th>Result</th><th>Detail and fix</th></tr></thead><tbody>${validation.stages
          .map(
            (stage) =>
              `<tr><td>${escapeHtml(stage.smartHost ?? 'not named')}</td><td>${escapeHtml(stage.stage ?? 'not recognised')}</td><td>${label(STAGE_LABEL[stage.status])}</td>` +
              `<td>${escapeHtml(stage.detail)}${stage.fix === null ? '' : `<p>${escapeHtml(stage.fix)}</p>`}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const connectors = validation.connectors.map(
    (connector) =>
      `<li>${escapeHtml(`“${connector.name}”: ${connector.isValidated === true ? 'validated' : 'not validated'}${connector.lastValidationTimestamp === null ? ' (never validated)' : ` (last validated ${formatTimestamp(connector.lastValidationTimestamp)})`}`)}</li>`,
  );
  return lines([
    textElement('h3', 'Connector validation (Validate-OutboundConnector)'),
    textElement('p', `Imported ${formatTimestamp(validation.importedAt)}. A passing validation is Office 365 reaching the smart host from the Internet on port 25 and delivering to it over TLS.`, 'muted'),
    stages,
    connectors.length === 0 ? '' : `<ul>${connectors.join('')}</ul>`,
  ]);
}

function tracePart(trace: HandoverImports['officeProof']['trace']): string {
  if (trace === null) return '<p>No message trace was imported.</p>';
  const rows = trace.entries.map(
    (entry) =>
      `<tr><td>${label(entry.delivered ? 'pass' : 'fail')}</td><td>${escapeHtml(entry.sender ?? '—')}</td><td>${escapeHtml(entry.recipient)}</td><td>${escapeHtml(entry.status)}</td>` +
      `<td>${escapeHtml(entry.received === null ? '—' : formatTimestamp(entry.received))}</td></tr>`,
  );
  return lines([
    textElement('h3', 'Message trace (Get-MessageTraceV2)'),
    textElement('p', `Imported ${formatTimestamp(trace.importedAt)}.`, 'muted'),
    `<table><thead><tr><th>Result</th><th>From</th><th>To</th><th>Status</th><th>Received</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ]);
}

/** What was imported: the inventory each script read, and Office 365's own proof, as read from PowerShell. */
function importsSection(imports: HandoverImports | null): string {
  if (imports === null) return '';
  return lines([
    '<section id="imported">',
    '<h2>What exists, and proof from Office 365</h2>',
    inventoryPart(imports.inventory),
    validationPart(imports.officeProof.validation),
    tracePart(imports.officeProof.trace),
    '</section>',
  ]);
}

export function renderHandoverReport(input: HandoverInput): string {
  const open = openItems(input);
  const generated = formatTimestamp(input.generatedAt);
  const cover = lines([
    '<header class="cover">',
    '<p class="eyebrow">Office 365 connectors — handover report</p>',
    textElement('h1', input.title),
    facts([
      ['Generated', escapeHtml(generated)],
      ['By', escapeHtml(`${input.source}, version ${input.appVersion}`)],
      ['Domains', escapeHtml(input.answers.domains.length === 0 ? 'none given' : input.answers.domains.join(', '))],
      ['Smart hosts', escapeHtml(input.answers.smartHosts.length === 0 ? 'none given' : input.answers.smartHosts.join(', '))],
    ]),
    '<nav><ol><li><a href="#summary">Summary</a></li><li><a href="#open-items">Open items</a></li>' +
      `${input.imports === null ? '' : '<li><a href="#mail-flow">Mail flow proven</a></li>'}<li><a href="#answers">The engagement</a></li>` +
      '<li><a href="#checklist">Checklist</a></li><li><a href="#results">Check results</a></li>' +
      `${input.imports === null ? '' : '<li><a href="#imported">What exists, and proof from Office 365</a></li>'}<li><a href="#scripts">Scripts</a></li></ol></nav>`,
    '</header>',
  ]);
  const document = lines([
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    textElement('title', `Handover report — ${input.title}`),
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    cover,
    summarySection(input, open),
    openItemsSection(open),
    mailFlowSection(input.imports, input.answers.domains),
    answersSection(input.answers),
    checklistSection(input),
    resultsSection(input.results),
    importsSection(input.imports),
    scriptsSection(input.scripts),
    `<footer>${escapeHtml(
      `Made by ${input.source} ${input.appVersion} on ${generated}. This report holds no passwords or private keys: they stay in the keychain of the machine that made it.`,
    )}</footer>`,
    '</div>',
    '</body>',
    '</html>',
  ]);
  return `${document}\n`;
}
