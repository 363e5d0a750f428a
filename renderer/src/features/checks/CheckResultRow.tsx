import type { Advice, SavedCheckResult } from '../../../../preload/contract';
import type { CheckResult } from '../../../../preload/contract';
import { appFix } from './advice';
import { formatTime } from '../../ui/format-time';
import { EvidenceView } from '../../ui/EvidenceView';
import { StatusPill } from '../../ui/StatusPill';

/** The advice's words and each fix it names as a labelled element (opening the field is wired elsewhere). */
function AdviceView({ advice }: { advice: Advice }) {
  const fixes = advice.fixes.flatMap((fix) => appFix(fix) ?? []);
  return (
    <div className="check-advice">
      <p>{advice.text}</p>
      {fixes.length > 0 && (
        <ul className="check-fixes">
          {fixes.map((fix, index) => (
            <li key={index}>
              {fix.kind === 'command' ? (
                <>
                  <span>{fix.label}: </span>
                  <code>{fix.command}</code>
                </>
              ) : (
                <button type="button" className="link-button" data-fix={fix.kind}>
                  {fix.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

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
      {result.advice !== undefined && result.status !== 'pass' && <AdviceView advice={result.advice} />}
      <details className="check-details">
        <summary>
          Evidence <span className="muted small">({result.id}{ranAt === null ? '' : `, ${formatTime(ranAt)}`}, {result.durationMs} ms)</span>
        </summary>
        <EvidenceView evidence={result.evidence} />
      </details>
    </li>
  );
}
