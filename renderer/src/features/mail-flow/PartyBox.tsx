import { BOX_HEIGHT, BOX_TOP, BOX_WIDTH, type Party } from './diagram-layout';

/** One party of the picture: a box with its name, a person and their role. */
export function PartyBox({ party }: { party: Party }) {
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
      {party.role.map((line, index) => (
        <text key={line} className="mail-flow-person-role" x={cx} y={249 + index * 17}>
          {line}
        </text>
      ))}
    </g>
  );
}
