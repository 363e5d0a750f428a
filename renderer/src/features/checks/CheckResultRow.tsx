import type { Advice, SavedCheckResult, StepId } from '../../../../preload/contract';
import type { CheckResult } from '../../../../preload/contract';
import { appFix } from './advice';
import { useFixStore } from './fix-store';
import { formatTime, localizeTimes } from '../../ui/format-time';
import { EvidenceView } from '../../ui/EvidenceView';
import { StatusPill } from '../../ui/StatusPill';

/** Where a result was found: the engagement and step its fixes act on. */
interface ResultContext {
  readonly engagementId: string;
  readonly step: StepId;
}

/** The advice's words and each fix it names: a button that opens its field or panel, or a command to run. */
function AdviceView({ advice, context }: { advice: Advice; context: ResultContext }) {
  const openFix = useFixStore((state) => state.open);
  const fixes = advice.fixes.map(appFix);
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
                <button type="button" className="link-button" data-fix={fix.kind} onClick={() => void openFix(fix, context)}>
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
export function CheckResultRow({ result, engagementId }: { result: SavedCheckResult | CheckResult; engagementId: string }) {
  const ranAt = 'ranAt' in result ? result.ranAt : null;
  return (
    <li className={`check-result check-${result.status}`}>
      <div className="check-head">
        <StatusPill status={result.status} />
        <span className="check-title">{result.title}</span>
        {result.target !== null && <span className="check-target">{result.target}</span>}
      </div>
      <p className="check-summary">{localizeTimes(result.summary)}</p>
      {result.advice !== undefined && result.status !== 'pass' && <AdviceView advice={result.advice} context={{ engagementId, step: result.step }} />}
      <details className="check-details">
        <summary>
          Evidence <span className="muted small">({result.id}{ranAt === null ? '' : `, ${formatTime(ranAt)}`}, {result.durationMs} ms)</span>
        </summary>
        <EvidenceView evidence={result.evidence} />
      </details>
    </li>
  );
}
