/**
 * The report's first screen: what is proved, what is open, and who must act on it, so the reader
 * knows where things stand before any table. An item is proved when every check it rests on ran
 * and none failed, could not finish or was skipped (warnings allowed, as in the app), or, for a
 * Test item, when a delivered message's headers show the way it went.
 */
import { checklist, type ChecklistItem } from '../../../preload/vocabulary/checklist.js';
import { isTestItem, testItemProof } from '../../../preload/vocabulary/test-evidence.js';
import { escapeHtml } from './html.js';
import type { OpenItem } from './open-items.js';
import type { HandoverInput } from './types.js';
import { ACTORS, actorOf } from './who-acts.js';

/** Proved only when the certificate must name a domain: left out of "every check ran". */
const OPTIONAL_CHECKS: ReadonlySet<string> = new Set(['tls.certificate.accepted-domain']);

/** Warnings that mean "not yet" rather than "works, with a caution" (as in the app's proof). */
const PENDING_WARNINGS: ReadonlySet<string> = new Set(['smtp.connect', 'dns.mx']);

/** Proved only by Office 365 itself, which connects from the Internet: its validation reached the smart host. */
function officeReached(input: HandoverInput): boolean {
  const stages = input.imports?.officeProof.validation?.stages ?? [];
  const passed = (stage: string): boolean => stages.some((candidate) => candidate.stage === stage && candidate.status === 'pass');
  return passed('Resolve') && passed('Connection') && !stages.some((candidate) => candidate.status === 'fail' && (candidate.stage === null || candidate.stage === 'Resolve' || candidate.stage === 'Connection'));
}

/** How an item is proved, in words, or null when it is not. */
function provedBy(input: HandoverInput, item: ChecklistItem): string | null {
  if (isTestItem(item.id)) return testItemProof(input.imports?.testEvidence ?? [], item.id).state === 'proved' ? 'the delivered message’s headers' : null;
  if (item.id === 'pre.port-25') return officeReached(input) ? 'Office 365’s own validation' : null;
  if (item.checks.length === 0) return null;
  const results = input.results.filter((result) => item.checks.includes(result.id));
  const ran = new Set(results.map((result) => result.id));
  const allRan = item.checks.every((id) => ran.has(id) || OPTIONAL_CHECKS.has(id));
  const clean = results.every((result) => result.status === 'pass' || (result.status === 'warn' && !PENDING_WARNINGS.has(result.id)));
  return allRan && clean ? `${String(ran.size)} ${ran.size === 1 ? 'check' : 'checks'}` : null;
}

function provedList(input: HandoverInput): string {
  const proved = checklist.flatMap((step) => step.items.flatMap((item) => {
    const by = provedBy(input, item);
    return by === null ? [] : [`<li>${escapeHtml(item.title)} <span class="muted">(${escapeHtml(by)})</span></li>`];
  }));
  return proved.length === 0 ? '<p class="muted">Nothing is proved yet.</p>' : `<ul>${proved.join('')}</ul>`;
}

function actorList(open: readonly OpenItem[]): string {
  if (open.length === 0) return '<p>Nobody: nothing is open.</p>';
  const groups = ACTORS.map((actor) => ({ actor, items: open.filter((item) => actorOf(item.reference) === actor) })).filter((group) => group.items.length > 0);
  return `<ul>${groups
    .map(({ actor, items }) => {
      const blocking = items.filter((item) => item.status === 'fail' || item.status === 'error').length;
      const titles = [...new Set(items.map((item) => item.title))];
      const shown = titles.slice(0, 3).join('; ') + (titles.length > 3 ? `; and ${String(titles.length - 3)} more` : '');
      return `<li><strong>${escapeHtml(actor)}</strong>: ${escapeHtml(`${String(items.length)} open${blocking > 0 ? `, ${String(blocking)} failing` : ''} — ${shown}`)}</li>`;
    })
    .join('')}</ul>`;
}

function openCounts(open: readonly OpenItem[]): string {
  const count = (statuses: readonly OpenItem['status'][]): number => open.filter((item) => statuses.includes(item.status)).length;
  const rows: readonly (readonly [string, number])[] = [
    ['Failing or could not finish', count(['fail', 'error'])],
    ['Warnings to look at', count(['warn'])],
    ['Checklist items not done', count(['open'])],
  ];
  return `<ul class="plain">${rows.map(([what, n]) => `<li>${escapeHtml(`${what}: ${String(n)}`)}</li>`).join('')}</ul>`;
}

/** The at-a-glance block at the top of the summary. */
export function glance(input: HandoverInput, open: readonly OpenItem[]): string {
  return [
    '<div class="glance">',
    `<div><h3>Proved</h3>${provedList(input)}</div>`,
    `<div><h3>Open (${String(open.length)})</h3>${openCounts(open)}<p class="muted">Each is listed under Open items, with what to do.</p></div>`,
    `<div><h3>Who must act</h3>${actorList(open)}</div>`,
    '</div>',
  ].join('\n');
}
