/**
 * What the mail-flow diagram shows: for each path of the connector guide's picture (John on your
 * server, Bob in Office 365, Sun on the Internet), whether the saved check results and the manual
 * ticks prove it, show it failing, or have not proved it yet. Pure and DOM-free, so it is tested on
 * its own and the diagram only draws.
 *
 * What a check's results prove is decided once, in checks/proof.ts (current results only, warnings
 * read per check), for the diagram, the checklist chips and the step summaries alike. Here:
 * - A path is proved by the checks of its checklist item, and for some paths by its tick.
 * - A failed check outweighs a tick: the tick records what a person did, the check what works now.
 */
import { checklist } from '../../../../preload/contract';
import type { Engagement } from '../../../../preload/contract';
import { checkFinding, itemChecks, joinList, type Finding, type ProofState } from '../checks/proof';

/** proved: the checks (or a tick) show it works; failing: a check shows it does not; unchecked: not proved yet. */
export type FlowState = ProofState;

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

const itemTitles: ReadonlyMap<string, string> = new Map(checklist.flatMap((step) => step.items.map((item) => [item.id, item.title] as const)));

/** A tick's name as a person sees it in the checklist. */
const tickName = (itemId: string): string => `“${itemTitles.get(itemId) ?? itemId}”`;

const isTicked = (engagement: Engagement, itemId: string): boolean => engagement.progress[itemId]?.done === true;

/** How a tick counts for a path: it can stand in for the checks, or it is needed besides them. */
type TickRole = 'instead-of-checks' | 'besides-checks';

/** A path is proved by the checks of its checklist item (checks/proof.ts), and maybe by its tick. */
interface PathRule {
  readonly itemId: string;
  readonly tick: { readonly role: TickRole; readonly hint: string } | null;
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
  const findings = itemChecks(engagement, rule.itemId).map((check) => checkFinding(engagement, check));
  const tick = rule.tick === null ? null : { ...rule.tick, itemId: rule.itemId };
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

/**
 * Decides each path of the diagram from the checks of the checklist item it belongs to, so that
 * the diagram and the item's chips read the same results the same way:
 * - outbound-connector (Office 365 → your server): the checks of p1.outbound-connector (STARTTLS,
 *   the handshake, a trusted certificate with the right name), or that item ticked (the connector
 *   validated in Exchange Online). Failing when any of those checks fails or errors.
 * - mx (Internet → Office 365): the checks of p1.mx-change for every domain (dns.mx, dns.dane,
 *   dns.mta-sts, dns.tlsrpt); a pending MX (still pointing to your server) is not proved yet, a
 *   malformed TLSA record or an enforced MTA-STS policy that leaves out the Office 365 MX fails it.
 *   No tick counts: DNS is checked from here.
 * - inbound-connector (your server → Office 365): the checks of p2.inbound-connector (eop.smtp, and
 *   tls.certificate.accepted-domain when the connector identifies your server by certificate, its
 *   warning then failing), or that item ticked.
 * - internet-relay (Office 365 → Internet, for your server's mail): the checks of p2.relay (SPF,
 *   DMARC, eop.smtp) pass and p2.relay is ticked (only a person can see that the server sends
 *   through Office 365).
 * - office365-internet (Bob ↔ Sun): always proved; Office 365 needs no connector for it.
 */
export function mailFlowState(engagement: Engagement): MailFlowState {
  const paths: Record<FlowPathId, FlowPath> = {
    mx: judgePath(engagement, 'mx', { itemId: 'p1.mx-change', tick: null }),
    'outbound-connector': judgePath(engagement, 'outbound-connector', {
      itemId: 'p1.outbound-connector',
      tick: { role: 'instead-of-checks', hint: 'once the connector validates' },
    }),
    'inbound-connector': judgePath(engagement, 'inbound-connector', {
      itemId: 'p2.inbound-connector',
      tick: { role: 'instead-of-checks', hint: 'once the connector is saved' },
    }),
    'internet-relay': judgePath(engagement, 'internet-relay', {
      itemId: 'p2.relay',
      tick: { role: 'besides-checks', hint: 'once your server sends its mail through Office 365' },
    }),
    'office365-internet': {
      id: 'office365-internet',
      state: 'proved',
      reason: 'Office 365 exchanges mail between its own mailboxes and the Internet: no connector needed.',
    },
  };
  return { paths };
}
