import type { Finding, FindingSeverity } from '../../../../../preload/contract';

const SEVERITY_ORDER: readonly FindingSeverity[] = ['problem', 'warn', 'info'];
const SEVERITY_LABEL: Readonly<Record<FindingSeverity, string>> = { problem: 'Problem', warn: 'Check', info: 'Note' };

export function Findings({ findings }: { findings: readonly Finding[] }) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  if (sorted.length === 0) return <p className="muted">Nothing to remark on.</p>;
  return (
    <ul className="ts-findings">
      {sorted.map((finding, index) => (
        <li key={`${finding.id}-${String(index)}`} className={`ts-finding ${finding.severity}`}>
          <span className="ts-finding-label">{SEVERITY_LABEL[finding.severity]}</span>
          <span>{finding.message}</span>
        </li>
      ))}
    </ul>
  );
}

