/**
 * What the mail-flow diagram shows: for each path of the connector guide's picture (John on your
 * server, Bob in Office 365, Sun on the Internet), whether the saved check results and the manual
 * ticks prove it, show it failing, or have not proved it yet. Pure and DOM-free, so it is tested on
 * its own and the diagram only draws.
 *
 * Rules common to every path:
 * - Only the last saved result of each check counts. Per-domain checks (dns.mx, dns.spf) count for
 *   the engagement's current domains only: a domain without a result is not proved, and the worst
 *   domain decides. Smart-host checks count only when run against the current smart host.
 * - pass proves; fail and error are failing; skip is not proved; warn is read per check (below).
 * - A failed check outweighs a tick: the tick records what a person did, the check what works now.
 */
import { checklist, evidenceOf } from '../../../../preload/contract';
import type { Engagement, SavedCheckResult } from '../../../../preload/contract';

/** proved: the checks (or a tick) show it works; failing: a check shows it does not; unchecked: not proved yet. */
export type FlowState = 'proved' | 'failing' | 'unchecked';

/** The paths of the diagram, named after what carries the mail. */
export type FlowPathId = 'mx' | 'outbound-connector' | 'inbound-connector' | 'internet-relay' | 'office365-internet';

export const FLOW_PATH_IDS: readonly FlowPathId[] = ['mx', 'outbound-connector', 'inbound-connector', 'internet-relay', 'office365-internet'];

export interface FlowPath {
  readonly id: FlowPathId;
  readonly state: FlowState;
  /** Why, naming the checks and ticks behind the state: shown as a tooltip and read by screen readers. */
  readonly reason: string;
}

export interface MailFlowState {
  readonly paths: Readonly<Record<FlowPathId, FlowPath>>;
}

/** One check's verdict over its relevant results. */
interface Finding {
  readonly check: string;
  readonly state: FlowState;
  /** A sentence for a failing or unproved check; empty when proved or when it has not run. */
  readonly note: string;
  /** Proved, but at least one result was a warning that does not block this path. */
  readonly cautioned: boolean;
  /** No result counts yet: reasons list such checks together instead of one sentence each. */
  readonly notRun: boolean;
}

const proved = (check: string, cautioned: boolean): Finding => ({ check, state: 'proved', note: '', cautioned, notRun: false });
const unproved = (check: string, note: string): Finding => ({ check, state: 'unchecked', note, cautioned: false, notRun: false });
const failed = (check: string, note: string): Finding => ({ check, state: 'failing', note, cautioned: false, notRun: false });
const notRun = (check: string): Finding => ({ check, state: 'unchecked', note: '', cautioned: false, notRun: true });

/** How a warning of a given check reads for a path. */
type WarnReading = (result: SavedCheckResult) => Finding;

interface CheckRule {
  readonly id: string;
  readonly onWarn: WarnReading;
}

const PER_DOMAIN_CHECKS: ReadonlySet<string> = new Set(['dns.mx', 'dns.spf']);

const SEVERITY: Readonly<Record<FlowState, number>> = { proved: 0, unchecked: 1, failing: 2 };

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

const itemTitles: ReadonlyMap<string, string> = new Map(checklist.flatMap((step) => step.items.map((item) => [item.id, item.title] as const)));

/** A tick's name as a person sees it in the checklist. */
const tickName = (itemId: string): string => `“${itemTitles.get(itemId) ?? itemId}”`;

const isTicked = (engagement: Engagement, itemId: string): boolean => engagement.progress[itemId]?.done === true;

const targetText = (result: SavedCheckResult): string => (PER_DOMAIN_CHECKS.has(result.id) && result.target !== null ? ` for ${result.target}` : '');

const note = (result: SavedCheckResult, verb: string): string => `${result.id}${targetText(result)} ${verb}: ${sentence(result.summary)}`;

/** As in docs/cli.md's exit codes: warnings are allowed, so a warning proves the path, noted as a caution. */
const warnProves: WarnReading = (result) => proved(result.id, true);

/** A warning that means the thing does not work yet, although nothing is broken. */
const warnPending: WarnReading = (result) => unproved(result.id, note(result, 'warned'));

/**
 * tls.certificate.accepted-domain, for a connector that identifies your server by certificate:
 * the warning (no domain of yours on the certificate) means Office 365 cannot recognise it.
 */
const acceptedDomainWarn: WarnReading = (result) =>
  failed(result.id, `${note(result, 'warned')} The inbound connector identifies your server by its certificate, so the certificate must name one of your domains.`);

/**
 * dns.mx: a warning is "pending" (the MX still points elsewhere: changed at cutover) or "mixed"
 * (some senders bypass Office 365). Neither proves that Internet mail arrives at Office 365.
 */
const mxWarn: WarnReading = (result) => {
  if (evidenceOf(result, 'dns.mx')?.state !== 'pending') return warnPending(result);
  const domain = result.target === null ? '' : ` (${result.target})`;
  return unproved(result.id, `MX still points to your server: change at cutover${domain}.`);
};

/**
 * dns.spf: a warning proves the relay when Office 365 is authorised (the caution is about the
 * on-premises server or "+all", which do not stop mail relayed through Office 365); otherwise
 * (no record, Office 365 missing) relayed mail is not yet shown to pass SPF.
 */
const spfWarn: WarnReading = (result) => (evidenceOf(result, 'dns.spf')?.office365Authorised === true ? warnProves(result) : warnPending(result));

function readResult(result: SavedCheckResult, onWarn: WarnReading): Finding {
  switch (result.status) {
    case 'pass':
      return proved(result.id, false);
    case 'warn':
      return onWarn(result);
    case 'fail':
      return failed(result.id, note(result, 'failed'));
    case 'error':
      return failed(result.id, note(result, 'could not finish'));
    case 'skip':
      return unproved(result.id, note(result, 'was skipped'));
  }
}

const lower = (value: string): string => value.toLowerCase();

/** The results that speak about the engagement as it is now, and what is missing from them. */
interface Relevant {
  readonly results: readonly SavedCheckResult[];
  /** Why some or all of what this check should cover has no result; null when nothing is missing. */
  readonly gap: Finding | null;
}

function relevantResults(engagement: Engagement, id: string): Relevant {
  const results = engagement.checkResults.filter((result) => result.id === id);
  if (PER_DOMAIN_CHECKS.has(id)) {
    if (engagement.domains.length === 0) return { results: [], gap: unproved(id, `${id} has no domain to check: add your domains in Details.`) };
    const byDomain = new Map(results.flatMap((result) => (result.target === null ? [] : [[lower(result.target), result] as const])));
    const missing = engagement.domains.filter((domain) => !byDomain.has(lower(domain)));
    const present = engagement.domains.flatMap((domain) => byDomain.get(lower(domain)) ?? []);
    if (present.length === 0) return { results: [], gap: notRun(id) };
    return { results: present, gap: missing.length === 0 ? null : unproved(id, `${id} has not run for ${joinList(missing)}.`) };
  }
  const smartHost = engagement.smartHosts[0];
  const current = smartHost === undefined ? results : results.filter((result) => result.target === null || lower(result.target) === lower(smartHost));
  return { results: current, gap: current.length === 0 ? notRun(id) : null };
}

/** A check's verdict: the worst of its relevant results, a missing one counting as not proved. */
function evaluate(engagement: Engagement, rule: CheckRule): Finding {
  const { results, gap } = relevantResults(engagement, rule.id);
  const findings = [...results.map((result) => readResult(result, rule.onWarn)), ...(gap === null ? [] : [gap])];
  const worst = findings.reduce<Finding>((current, next) => (SEVERITY[next.state] > SEVERITY[current.state] ? next : current), proved(rule.id, false));
  return worst.state === 'proved' ? proved(rule.id, findings.some((finding) => finding.cautioned)) : worst;
}

/** How a tick counts for a path: it can stand in for the checks, or it is needed besides them. */
type TickRole = 'instead-of-checks' | 'besides-checks';

interface PathRule {
  readonly checks: readonly CheckRule[];
  readonly tick: { readonly itemId: string; readonly role: TickRole; readonly hint: string } | null;
}

function provedBy(findings: readonly Finding[]): string {
  const cautioned = findings.filter((finding) => finding.cautioned).map((finding) => finding.check);
  const warnings = cautioned.length === 0 ? '' : ` (${joinList(cautioned)} with a warning)`;
  return `Proved by ${joinList(findings.map((finding) => finding.check))}${warnings}`;
}

/** The unproved checks in one or two sentences: those not run together, then each other note. */
function pendingText(findings: readonly Finding[]): string {
  const idle = findings.filter((finding) => finding.notRun).map((finding) => finding.check);
  const idleText = idle.length === 0 ? [] : [`${joinList(idle)} ${idle.length === 1 ? 'has' : 'have'} not run yet.`];
  return [...idleText, ...findings.filter((finding) => !finding.notRun).map((finding) => finding.note)].join(' ');
}

function judgePath(engagement: Engagement, id: FlowPathId, rule: PathRule): FlowPath {
  const findings = rule.checks.map((check) => evaluate(engagement, check));
  const tick = rule.tick;
  const ticked = tick !== null && isTicked(engagement, tick.itemId);
  const [firstFailing, ...otherFailing] = findings.filter((finding) => finding.state === 'failing');
  if (firstFailing !== undefined) {
    const also = otherFailing.length === 0 ? '' : ` Also failing: ${joinList(otherFailing.map((finding) => finding.check))}.`;
    const tickNote = ticked ? ` It is ticked by hand (${tickName(tick.itemId)}), but a failed check outweighs the tick: fix it and run the check again.` : '';
    return { id, state: 'failing', reason: `${firstFailing.note}${also}${tickNote}` };
  }
  const unprovedFindings = findings.filter((finding) => finding.state === 'unchecked');
  const checksProve = unprovedFindings.length === 0;
  if (tick === null) {
    return checksProve ? { id, state: 'proved', reason: `${provedBy(findings)}.` } : { id, state: 'unchecked', reason: pendingText(unprovedFindings) };
  }
  const name = tickName(tick.itemId);
  if (checksProve && (ticked || tick.role === 'instead-of-checks')) {
    return { id, state: 'proved', reason: `${provedBy(findings)}${ticked ? `, and ${name} is ticked` : ''}.` };
  }
  if (checksProve) {
    return { id, state: 'unchecked', reason: `${joinList(findings.map((finding) => finding.check))} pass, but no check can see this from here: tick ${name} ${tick.hint}.` };
  }
  const pending = pendingText(unprovedFindings);
  if (ticked && tick.role === 'instead-of-checks') {
    return { id, state: 'proved', reason: `Ticked by hand: ${name}. The checks have not confirmed it yet: ${pending}` };
  }
  const alternative = tick.role === 'instead-of-checks' ? ` Run the checks, or tick ${name} ${tick.hint}.` : '';
  return { id, state: 'unchecked', reason: `${pending}${alternative}` };
}

const check = (id: string, onWarn: WarnReading = warnProves): CheckRule => ({ id, onWarn });

/**
 * Decides each path of the diagram:
 * - outbound-connector (Office 365 → your server): smtp.starttls, tls.handshake,
 *   tls.certificate.trusted and tls.certificate.name all pass, or
 *   p1.outbound-connector is ticked (the connector validated in Exchange Online). Failing when any
 *   of those checks fails or errors.
 * - mx (Internet → Office 365): dns.mx for every domain; a pending MX (still pointing to your
 *   server) is not proved yet, with "MX still points to your server: change at cutover". No tick
 *   counts: DNS is checked from here.
 * - inbound-connector (your server → Office 365): eop.smtp passes and, when the connector
 *   identifies your server by certificate, tls.certificate.accepted-domain passes (its warning —
 *   no domain on the certificate — then fails); or p2.inbound-connector is ticked.
 * - internet-relay (Office 365 → Internet, for your server's mail): dns.spf and eop.smtp pass and
 *   p2.relay is ticked (only a person can see that the server sends through Office 365).
 * - office365-internet (Bob ↔ Sun): always proved; Office 365 needs no connector for it.
 */
export function mailFlowState(engagement: Engagement): MailFlowState {
  const byCertificate = engagement.connectorChoices.inboundBy === 'certificate';
  const paths: Record<FlowPathId, FlowPath> = {
    mx: judgePath(engagement, 'mx', { checks: [check('dns.mx', mxWarn)], tick: null }),
    'outbound-connector': judgePath(engagement, 'outbound-connector', {
      checks: [check('smtp.starttls'), check('tls.handshake'), check('tls.certificate.trusted'), check('tls.certificate.name')],
      tick: { itemId: 'p1.outbound-connector', role: 'instead-of-checks', hint: 'once the connector validates' },
    }),
    'inbound-connector': judgePath(engagement, 'inbound-connector', {
      checks: [check('eop.smtp'), ...(byCertificate ? [check('tls.certificate.accepted-domain', acceptedDomainWarn)] : [])],
      tick: { itemId: 'p2.inbound-connector', role: 'instead-of-checks', hint: 'once the connector is saved' },
    }),
    'internet-relay': judgePath(engagement, 'internet-relay', {
      checks: [check('dns.spf', spfWarn), check('eop.smtp')],
      tick: { itemId: 'p2.relay', role: 'besides-checks', hint: 'once your server sends its mail through Office 365' },
    }),
    'office365-internet': {
      id: 'office365-internet',
      state: 'proved',
      reason: 'Office 365 exchanges mail between its own mailboxes and the Internet: no connector needed.',
    },
  };
  return { paths };
}
