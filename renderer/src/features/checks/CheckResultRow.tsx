import type { SavedCheckResult } from '../../../../preload/contract';
import type { CheckResult } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';
import { EvidenceView } from '../../ui/EvidenceView';
import { StatusPill } from '../../ui/StatusPill';

/** One check's verdict: what was found, what to do, and the evidence behind it on request. */
export function CheckResultRow({ result }: { result: SavedCheckResult | CheckResult }) {
  const ranAt = 'ranAt' in result ? result.ranAt : null;
  return (
    <li className={`check-result check-${result.status}`}>
      <div className="check-head">
        <StatusPill status={result.status} />
        <span className="check-title">{result.title}</span>
        {result.target !== null && <span className="check-target">{result.target}</span>}
      </div>
      <p className="check-summary">{result.summary}</p>
      {result.advice !== undefined && result.status !== 'pass' && <p className="check-advice">{result.advice}</p>}
      <details className="check-details">
        <summary>
          Evidence <span className="muted small">({result.id}{ranAt === null ? '' : `, ${formatTime(ranAt)}`}, {result.durationMs} ms)</span>
        </summary>
        <EvidenceView evidence={result.evidence} />
      </details>
    </li>
  );
}
