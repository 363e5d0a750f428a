import { useId } from 'react';
import type { Engagement } from '../../../../preload/contract';
import { FlowArrow } from './FlowArrow';
import { Legend } from './Legend';
import { PartyBox } from './PartyBox';
import { LANES, PARTIES, VIEW_HEIGHT, VIEW_WIDTH, pathSentence, stateText } from './diagram-layout';
import { FLOW_PATH_IDS, mailFlowState } from './mail-flow';
import './MailFlowDiagram.css';

/**
 * The connector guide's picture of mail flow (Sun on the Internet, Bob in Office 365, John on your
 * server) with every path coloured by what this engagement's checks and ticks have proved. Colour
 * is never the only signal: each path has a ✓ / ✗ / ? mark, a state in words, and the reasons in a
 * tooltip and in a list for screen readers.
 */
export function MailFlowDiagram({ engagement }: { engagement: Engagement }) {
  const { paths } = mailFlowState(engagement);
  const baseId = useId();
  const headingId = `${baseId}-heading`;
  const titleId = `${baseId}-title`;
  const descId = `${baseId}-desc`;
  const ordered = FLOW_PATH_IDS.map((id) => paths[id]);
  return (
    <section className="card mail-flow" aria-labelledby={headingId}>
      <h2 id={headingId}>Mail flow</h2>
      <p className="muted small">Each path is coloured by what the checks and your ticks have proved. Point at a path to see why.</p>
      <svg className="mail-flow-diagram" viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>Mail flow between the Internet, Office 365 and your server</title>
        <desc id={descId}>{ordered.map((path) => `${LANES[path.id].name}: ${stateText(path).toLowerCase()}.`).join(' ')}</desc>
        {PARTIES.map((party) => (
          <PartyBox key={party.title} party={party} />
        ))}
        {ordered.map((path) => (
          <FlowArrow key={path.id} path={path} />
        ))}
      </svg>
      <Legend />
      <ul className="mail-flow-sr-only">
        {ordered.map((path) => (
          <li key={path.id}>{pathSentence(path)}</li>
        ))}
      </ul>
    </section>
  );
}
