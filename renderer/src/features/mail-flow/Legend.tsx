import { StateMark } from './FlowArrow';
import type { FlowState } from './mail-flow';

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

/** What each colour and mark means. */
export function Legend() {
  return (
    <ul className="mail-flow-legend" aria-label="Legend">
      {LEGEND.map((entry) => (
        <li key={entry.state}>
          <LegendSwatch state={entry.state} />
          {entry.text}
        </li>
      ))}
    </ul>
  );
}
