/**
 * A smart host often has more than one address (A and AAAA, or several A records behind one name),
 * and Office 365 may deliver to any of them: the connection checks probe every address and give one
 * result per host, whose status is the worst address's, whose summary counts the addresses that
 * did not pass ("2 of 3 addresses fail"), and whose evidence is that address's, with one line per
 * address beside it.
 */
import { smartHostAddresses } from './dns/shared.js';
import type { CheckContext, CheckStatus, Evidence, TypedOutcome } from './types.js';

/** Where one probe goes: the smart host's name (for SNI, certificate names and EHLO) and one of its addresses. */
export interface ProbeAt {
  readonly host: string;
  readonly address: string;
}

/** The smart host could not be probed at all (its name did not resolve). */
export class SmtpProbeUnavailableError extends Error {
  override readonly name = 'SmtpProbeUnavailableError';
}

/** Worst first: what the combined result of several addresses is. */
const SEVERITY: Readonly<Record<CheckStatus, number>> = { error: 4, fail: 3, warn: 2, skip: 1, pass: 0 };

const VERB: Readonly<Record<CheckStatus, readonly [one: string, many: string]>> = {
  error: ['could not be checked', 'could not be checked'],
  fail: ['fails', 'fail'],
  warn: ['warns', 'warn'],
  skip: ['was not judged', 'were not judged'],
  pass: ['passes', 'pass'],
};

/** Every address of the host, or the reason there is none to probe. */
export async function addressesOf(ctx: CheckContext, host: string): Promise<readonly string[]> {
  const resolution = await smartHostAddresses(ctx, host);
  if (!resolution.ok) throw new SmtpProbeUnavailableError(`the smart host ${host} did not resolve (${resolution.failure}): ${resolution.message}`);
  if (resolution.addresses.length === 0) throw new SmtpProbeUnavailableError(`the smart host ${host} has no address to connect to`);
  return resolution.addresses;
}

/** One address's outcome. */
export interface AddressOutcome<E extends Evidence> {
  readonly address: string;
  readonly outcome: TypedOutcome<E>;
}

/** One outcome for the host from one per address: see the module comment. */
export function combineAddresses<E extends Evidence>(host: string, outcomes: readonly AddressOutcome<E>[]): TypedOutcome<E> {
  const [first] = outcomes;
  if (first === undefined) throw new SmtpProbeUnavailableError(`the smart host ${host} has no address to connect to`);
  if (outcomes.length === 1) return first.outcome;
  const worst = outcomes.reduce((current, candidate) => (SEVERITY[candidate.outcome.status] > SEVERITY[current.outcome.status] ? candidate : current), first);
  const status = worst.outcome.status;
  const total = outcomes.length;
  const same = outcomes.filter((entry) => entry.outcome.status === status).length;
  const [one, many] = VERB[status];
  const count =
    same < total ? `${String(same)} of ${String(total)} addresses of ${host} ${same === 1 ? one : many}` : total === 2 ? `Both addresses of ${host} ${many}` : `All ${String(total)} addresses of ${host} ${many}`;
  const perAddress = outcomes.map((entry) => ({ address: entry.address, status: entry.outcome.status, summary: entry.outcome.summary }));
  return { ...worst.outcome, summary: `${count}. ${worst.address}: ${worst.outcome.summary}`, evidence: { ...worst.outcome.evidence, perAddress } };
}

/** Runs `judge` for every address of the target smart host, all at once, and combines the outcomes. */
export async function acrossAddresses<E extends Evidence>(ctx: CheckContext, host: string, judge: (at: ProbeAt) => Promise<TypedOutcome<E>>): Promise<TypedOutcome<E>> {
  const addresses = await addressesOf(ctx, host);
  const outcomes = await Promise.all(addresses.map(async (address) => ({ address, outcome: await judge({ host, address }) })));
  return combineAddresses(host, outcomes);
}

/** Starts `work` for every address of every smart host (a check's prefetch); a host that does not resolve starts nothing. */
export async function forEveryAddress(ctx: CheckContext, work: (at: ProbeAt) => Promise<unknown>): Promise<void> {
  await Promise.all(
    ctx.inputs.smartHosts.map(async (host) => {
      const resolution = await smartHostAddresses(ctx, host);
      if (resolution.ok) await Promise.all(resolution.addresses.map((address) => work({ host, address })));
    }),
  );
}
