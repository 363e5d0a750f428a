/**
 * What the saved check results prove about an engagement as it is now: the one notion of "proved"
 * that the mail-flow diagram, the checklist items' chips and the step summaries all read, so that
 * they never disagree. DOM-free.
 *
 * - Only the last saved result of each check counts, and only when it is about the engagement as
 *   it is now: per-domain checks (dns.mx, dns.spf, dns.dmarc) for its current domains, smart-host
 *   checks for its current smart host. A result about an earlier host or a removed domain is not
 *   current and proves nothing.
 * - pass proves; fail and error are failing; skip is not proved; a warning is read per check.
 */
import { checklist, evidenceOf, isCurrent, PER_DOMAIN_CHECKS, PER_SMART_HOST_CHECKS } from '../../../../preload/contract';

export { isCurrent, staleReason } from '../../../../preload/contract';
import type { Engagement, SavedCheckResult } from '../../../../preload/contract';

/** proved: the checks show it works; failing: a check shows it does not; unchecked: not proved yet. */
export type ProofState = 'proved' | 'failing' | 'unchecked';

/** One check's verdict over its current results. */
export interface Finding {
  readonly check: string;
  readonly state: ProofState;
  /** A sentence for a failing or unproved check; empty when proved or when it has not run. */
  readonly note: string;
  /** Proved, but at least one result was a warning that does not block it. */
  readonly cautioned: boolean;
  /** No result counts yet: reasons list such checks together instead of one sentence each. */
  readonly notRun: boolean;
}


const SEVERITY: Readonly<Record<ProofState, number>> = { proved: 0, unchecked: 1, failing: 2 };

const provedFinding = (check: string, cautioned: boolean): Finding => ({ check, state: 'proved', note: '', cautioned, notRun: false });
const unproved = (check: string, note: string): Finding => ({ check, state: 'unchecked', note, cautioned: false, notRun: false });
const failed = (check: string, note: string): Finding => ({ check, state: 'failing', note, cautioned: false, notRun: false });
const notRun = (check: string): Finding => ({ check, state: 'unchecked', note: '', cautioned: false, notRun: true });

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

const lower = (value: string): string => value.toLowerCase();

const targetText = (result: SavedCheckResult): string => (PER_DOMAIN_CHECKS.has(result.id) && result.target !== null ? ` for ${result.target}` : '');

const note = (result: SavedCheckResult, verb: string): string => `${result.id}${targetText(result)} ${verb}: ${sentence(result.summary)}`;

/** How a warning of a given check reads. */
type WarnReading = (result: SavedCheckResult) => Finding;

/** As in docs/cli.md's exit codes: warnings are allowed, so a warning proves, noted as a caution. */
const warnProves: WarnReading = (result) => provedFinding(result.id, true);

/** A warning that means the thing does not work yet, although nothing is broken. */
const warnPending: WarnReading = (result) => unproved(result.id, note(result, 'warned'));

const WARN_READINGS: Readonly<Record<string, WarnReading>> = {
  /**
   * Counted only when the inbound connector identifies the server by certificate (itemChecks):
   * then its warning (no domain of yours on the certificate) means Office 365 cannot recognise it.
   */
  'tls.certificate.accepted-domain': (result) =>
    failed(result.id, `${note(result, 'warned')} The inbound connector identifies your server by its certificate, so the certificate must name one of your domains.`),
  /** A pending MX (still pointing to your server, changed at cutover) or a mixed one proves nothing yet. */
  'dns.mx': (result) => {
    if (evidenceOf(result, 'dns.mx')?.state !== 'pending') return warnPending(result);
    const domain = result.target === null ? '' : ` (${result.target})`;
    return unproved(result.id, `MX still points to your server: change at cutover${domain}.`);
  },
  /** Connected, but to an address Office 365 cannot reach (private, CGNAT, loopback): that proves nothing about the way in. */
  'smtp.connect': warnPending,
  /** Proves the relay when Office 365 is authorised; otherwise relayed mail is not shown to pass SPF yet. */
  'dns.spf': (result) => (evidenceOf(result, 'dns.spf')?.office365Authorised === true ? warnProves(result) : warnPending(result)),
};

function readResult(result: SavedCheckResult): Finding {
  switch (result.status) {
    case 'pass':
      return provedFinding(result.id, false);
    case 'warn':
      return (WARN_READINGS[result.id] ?? warnProves)(result);
    case 'fail':
      return failed(result.id, note(result, 'failed'));
    case 'error':
      return failed(result.id, note(result, 'could not finish'));
    case 'skip':
      return unproved(result.id, note(result, 'was skipped'));
  }
}


/** One check's results that count now, and the current domains (or smart hosts) none of them covers. */
function coverage(engagement: Engagement, id: string): { readonly results: readonly SavedCheckResult[]; readonly missingTargets: readonly string[] } {
  const results = engagement.checkResults.filter((result) => result.id === id && isCurrent(engagement, result));
  const targets = PER_DOMAIN_CHECKS.has(id) ? engagement.domains : PER_SMART_HOST_CHECKS.has(id) ? engagement.smartHosts : [];
  const checked = new Set(results.map((result) => lower(result.target ?? '')));
  return { results, missingTargets: targets.filter((target) => !checked.has(lower(target))) };
}

/** The results of one check that count now, and what is missing from them. */
function currentFindings(engagement: Engagement, id: string): readonly Finding[] {
  const { results, missingTargets } = coverage(engagement, id);
  if (PER_DOMAIN_CHECKS.has(id) && engagement.domains.length === 0) return [unproved(id, `${id} has no domain to check: add your domains in Details.`)];
  if (results.length === 0) return [notRun(id)];
  return [...results.map(readResult), ...(missingTargets.length === 0 ? [] : [unproved(id, `${id} has not run for ${joinList(missingTargets)}.`)])];
}

/** Whether a check has a current result for everything it covers: each current domain, or each smart host. */
export function hasCurrentResult(engagement: Engagement, id: string): boolean {
  const { results, missingTargets } = coverage(engagement, id);
  return results.length > 0 && missingTargets.length === 0;
}

/** A check's verdict: the worst of its current results, a missing one counting as not proved. */
export function checkFinding(engagement: Engagement, id: string): Finding {
  const findings = currentFindings(engagement, id);
  const worst = findings.reduce<Finding>((current, next) => (SEVERITY[next.state] > SEVERITY[current.state] ? next : current), provedFinding(id, false));
  return worst.state === 'proved' ? provedFinding(id, findings.some((finding) => finding.cautioned)) : worst;
}

const itemsById = new Map(checklist.flatMap((step) => step.items.map((item) => [item.id, item] as const)));

/**
 * The checks that prove a checklist item for this engagement: the item's own list, without
 * tls.certificate.accepted-domain when the inbound connector identifies the server by IP address
 * (the certificate's names do not matter to Office 365 then).
 */
export function itemChecks(engagement: Engagement, itemId: string): readonly string[] {
  const checks = itemsById.get(itemId)?.checks ?? [];
  return engagement.connectorChoices.inboundBy === 'certificate' ? checks : checks.filter((id) => id !== 'tls.certificate.accepted-domain');
}

/** The current results behind a checklist item, in the item's order: what its chips show. */
export function itemResults(engagement: Engagement, itemId: string): readonly SavedCheckResult[] {
  return itemChecks(engagement, itemId).flatMap((id) => engagement.checkResults.filter((result) => result.id === id && isCurrent(engagement, result)));
}

/** How many saved results of an item's checks are about an earlier smart host or a removed domain. */
export function staleResultCount(engagement: Engagement, itemId: string): number {
  const checks = itemChecks(engagement, itemId);
  return engagement.checkResults.filter((result) => checks.includes(result.id) && !isCurrent(engagement, result)).length;
}

/** What the checks prove about one checklist item: the worst of its checks. */
export function itemProof(engagement: Engagement, itemId: string): { readonly state: ProofState; readonly findings: readonly Finding[] } {
  const findings = itemChecks(engagement, itemId).map((id) => checkFinding(engagement, id));
  const state = findings.reduce<ProofState>((worst, finding) => (SEVERITY[finding.state] > SEVERITY[worst] ? finding.state : worst), 'proved');
  return { state, findings };
}
