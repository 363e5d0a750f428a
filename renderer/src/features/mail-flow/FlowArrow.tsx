import { ARROW_GAP, HEAD, LANES, pathSentence, stateText } from './diagram-layout';
import type { FlowPath, FlowState } from './mail-flow';

/** A filled triangle whose tip is at (tipX, y), pointing along `direction` (+1 right, −1 left). */
const head = (tipX: number, y: number, direction: number): string =>
  `${tipX},${y} ${tipX - direction * HEAD},${y - HEAD / 2} ${tipX - direction * HEAD},${y + HEAD / 2}`;

/** ✓, ✗ or ?: the state of a path without relying on colour. */
export function StateMark({ state, x, y }: { state: FlowState; x: number; y: number }) {
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

/** One path: its line and heads, its name, its mark and its state in words (and the reasons as a tooltip). */
export function FlowArrow({ path }: { path: FlowPath }) {
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
