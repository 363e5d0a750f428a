/**
 * Which hop of a message's path crossed a connector, once the direction is known from the
 * addresses: mail from the Internet to your domains leaves Exchange Online Protection for your
 * server through the outbound connector; mail from your server to the Internet enters Exchange
 * Online through the inbound connector.
 */
import type { TestItemId } from '../../../preload/vocabulary/test-evidence.js';
import type { HeaderAnalysis, Hop } from './analyse.js';
import { isMicrosoftHost } from './exchange.js';

/** The index of the hop that crossed the item's connector, or null when the path shows none. */
function connectorHopIndex(hops: readonly Hop[], item: TestItemId): number | null {
  for (const [position, hop] of hops.entries()) {
    const previous = position === 0 ? null : hops[position - 1];
    if (item === 'test.inbound') {
      // The first server outside Microsoft to receive the message after Microsoft had it.
      if (!hop.microsoft && (previous?.microsoft === true || isMicrosoftHost(hop.from))) return hop.index;
    } else if (hop.microsoft && hop.from !== null && !isMicrosoftHost(hop.from) && previous?.microsoft !== true) {
      // The first Microsoft server to receive the message from a server that is not Microsoft's.
      return hop.index;
    }
  }
  return null;
}

/** The analysis with the connector hop of the item's direction labelled. */
export function labelConnectorHops(analysis: HeaderAnalysis, item: TestItemId): HeaderAnalysis {
  const index = connectorHopIndex(analysis.hops, item);
  if (index === null) return analysis;
  const connector = item === 'test.inbound' ? 'outbound' : 'inbound';
  return { ...analysis, hops: analysis.hops.map((hop) => (hop.index === index ? { ...hop, connector } : hop)) };
}
