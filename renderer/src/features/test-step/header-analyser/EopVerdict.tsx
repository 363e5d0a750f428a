import type { HeaderAnalysis } from '../../../../../preload/contract';

/** How many reasons for the EOP verdict to show before folding the rest away. */
const EVIDENCE_SHOWN = 3;

export function EopVerdict({ eop }: { eop: HeaderAnalysis['eop'] }) {
  const shown = eop.evidence.slice(0, EVIDENCE_SHOWN);
  const rest = eop.evidence.slice(EVIDENCE_SHOWN);
  return (
    <div className={`ts-callout ${eop.passed ? 'ok' : 'neutral'}`}>
      <p className="ts-callout-title">
        {eop.passed
          ? `Passed through Exchange Online Protection${eop.firstHop === null ? '' : ` (from hop ${String(eop.firstHop)})`}.`
          : 'Did not pass through Exchange Online Protection.'}
      </p>
      {eop.evidence.length > 0 ? (
        <>
          <p className="small muted">Why we think so:</p>
          <ul className="ts-evidence">
            {shown.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {rest.length > 0 && (
            <details className="ts-more">
              <summary>{rest.length} more reasons</summary>
              <ul className="ts-evidence">
                {rest.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      ) : (
        <p className="small muted">No hop was received by a Microsoft server and no Exchange Online header is present.</p>
      )}
    </div>
  );
}

