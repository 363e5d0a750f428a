import { useId } from 'react';
import type { Engagement } from '../../../preload/contract';
import { FLOW_PATH_IDS, mailFlowState, type FlowPath, type FlowPathId, type FlowState } from '../mail-flow';
import './MailFlowDiagram.css';

const STATE_LABELS: Readonly<Record<FlowState, string>> = { proved: 'Proved', failing: 'Failing', unchecked: 'Not yet proved' };

/** Drawing units of the viewBox; the SVG scales to its column. */
const VIEW_WIDTH = 840;
const VIEW_HEIGHT = 330;
const BOX_WIDTH = 140;
const BOX_TOP = 14;
const BOX_HEIGHT = 302;
const ARROW_GAP = 8;
const HEAD = 11;

/** Left edges of the three parties, from the guide's picture: Sun, Bob, John. */
const INTERNET_X = 10;
const OFFICE_X = 350;
const SERVER_X = 690;

interface Party {
  readonly x: number;
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly person: string;
  readonly role: string;
  readonly tone: 'plain' | 'cloud';
}

const PARTIES: readonly Party[] = [
  { x: INTERNET_X, title: 'The Internet', subtitle: ['anyone outside'], person: 'Sun', role: 'a customer', tone: 'plain' },
  { x: OFFICE_X, title: 'Office 365', subtitle: ['Exchange Online', 'Protection'], person: 'Bob', role: 'an employee', tone: 'cloud' },
  { x: SERVER_X, title: 'Your server', subtitle: ['on-premises'], person: 'John', role: 'an employee', tone: 'plain' },
];

interface Lane {
  readonly name: string;
  /** Where the mail goes, in words, for the tooltip and the screen-reader list. */
  readonly route: string;
  readonly from: number;
  readonly to: number;
  readonly y: number;
  readonly twoWay: boolean;
}

const LANES: Readonly<Record<FlowPathId, Lane>> = {
  mx: { name: 'MX record', route: 'Internet mail for your domains arrives at Office 365', from: INTERNET_X + BOX_WIDTH, to: OFFICE_X, y: 80, twoWay: false },
  'office365-internet': { name: 'Bob ↔ Sun', route: 'Office 365 and the Internet, both ways', from: OFFICE_X, to: INTERNET_X + BOX_WIDTH, y: 170, twoWay: true },
  'internet-relay': { name: 'Relay to the Internet', route: 'Office 365 sends your server’s mail on to the Internet', from: OFFICE_X, to: INTERNET_X + BOX_WIDTH, y: 260, twoWay: false },
  'outbound-connector': { name: 'Outbound connector', route: 'Office 365 to your server', from: OFFICE_X + BOX_WIDTH, to: SERVER_X, y: 120, twoWay: false },
  'inbound-connector': { name: 'Inbound connector', route: 'your server to Office 365', from: SERVER_X, to: OFFICE_X + BOX_WIDTH, y: 225, twoWay: false },
};

/** Bob ↔ Sun is proved by definition: say why rather than "Proved". */
const stateText = (path: FlowPath): string => (path.id === 'office365-internet' ? 'No connector needed' : STATE_LABELS[path.state]);

const pathSentence = (path: FlowPath): string => `${LANES[path.id].name} (${LANES[path.id].route}): ${stateText(path).toLowerCase()}. ${path.reason}`;

function PartyBox({ party }: { party: Party }) {
  const cx = party.x + BOX_WIDTH / 2;
  return (
    <g className={`mail-flow-party is-${party.tone}`}>
      <rect className="mail-flow-box" x={party.x} y={BOX_TOP} width={BOX_WIDTH} height={BOX_HEIGHT} rx={12} />
      <text className="mail-flow-party-title" x={cx} y={BOX_TOP + 32}>
        {party.title}
      </text>
      {party.subtitle.map((line, index) => (
        <text key={line} className="mail-flow-party-subtitle" x={cx} y={BOX_TOP + 52 + index * 16}>
          {line}
        </text>
      ))}
      <circle className="mail-flow-person" cx={cx} cy={160} r={13} />
      <path className="mail-flow-person" d={`M ${cx - 23} 202 a 23 21 0 0 1 46 0 Z`} />
      <text className="mail-flow-person-name" x={cx} y={230}>
        {party.person}
      </text>
      <text className="mail-flow-person-role" x={cx} y={249}>
        {party.role}
      </text>
    </g>
  );
}

/** A filled triangle whose tip is at (tipX, y), pointing along `direction` (+1 right, −1 left). */
const head = (tipX: number, y: number, direction: number): string =>
  `${tipX},${y} ${tipX - direction * HEAD},${y - HEAD / 2} ${tipX - direction * HEAD},${y + HEAD / 2}`;

function StateMark({ state, x, y }: { state: FlowState; x: number; y: number }) {
  return (
    <g className="mail-flow-mark">
      <circle className="mail-flow-mark-disc" cx={x} cy={y} r={11} />
      {state === 'proved' && <path className="mail-flow-mark-glyph" d={`M ${x - 5} ${y + 0.5} l 3.5 3.5 l 6.5 -7.5`} />}
      {state === 'failing' && <path className="mail-flow-mark-glyph" d={`M ${x - 4} ${y - 4} l 8 8 M ${x + 4} ${y - 4} l -8 8`} />}
      {state === 'unchecked' && (
        <text className="mail-flow-mark-question" x={x} y={y + 5}>
          ?
        </text>
      )}
    </g>
  );
}

function FlowArrow({ path }: { path: FlowPath }) {
  const lane = LANES[path.id];
  const direction = Math.sign(lane.to - lane.from);
  const start = lane.from + direction * ARROW_GAP;
  const end = lane.to - direction * ARROW_GAP;
  const middle = (lane.from + lane.to) / 2;
  const quiet = path.id === 'office365-internet' ? ' is-quiet' : '';
  return (
    <g className={`mail-flow-path is-${path.state}${quiet}`}>
      <title>{pathSentence(path)}</title>
      <line className="mail-flow-line" x1={lane.twoWay ? start + direction * HEAD : start} y1={lane.y} x2={end - direction * HEAD} y2={lane.y} />
      <polygon className="mail-flow-head" points={head(end, lane.y, direction)} />
      {lane.twoWay && <polygon className="mail-flow-head" points={head(start, lane.y, -direction)} />}
      <text className="mail-flow-path-name" x={middle} y={lane.y - 19}>
        {lane.name}
      </text>
      <StateMark state={path.state} x={middle} y={lane.y} />
      <text className="mail-flow-path-state" x={middle} y={lane.y + 31}>
        {stateText(path)}
      </text>
    </g>
  );
}

/** A small sample of a path in one state, for the legend. */
function LegendSwatch({ state }: { state: FlowState }) {
  return (
    <svg className={`mail-flow-swatch mail-flow-path is-${state}`} viewBox="0 0 56 24" aria-hidden="true" focusable="false">
      <line className="mail-flow-line" x1={2} y1={12} x2={54} y2={12} />
      <StateMark state={state} x={28} y={12} />
    </svg>
  );
}

const LEGEND: readonly { readonly state: FlowState; readonly text: string }[] = [
  { state: 'proved', text: 'Proved by the checks or your ticks' },
  { state: 'failing', text: 'Failing: a check found a problem' },
  { state: 'unchecked', text: 'Not yet proved: not run, skipped or pending' },
];

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
      <ul className="mail-flow-legend" aria-label="Legend">
        {LEGEND.map((entry) => (
          <li key={entry.state}>
            <LegendSwatch state={entry.state} />
            {entry.text}
          </li>
        ))}
      </ul>
      <ul className="mail-flow-sr-only">
        {ordered.map((path) => (
          <li key={path.id}>{pathSentence(path)}</li>
        ))}
      </ul>
    </section>
  );
}
