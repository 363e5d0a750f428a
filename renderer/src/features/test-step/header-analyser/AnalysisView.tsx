import type { HeaderAnalysis } from '../../../../../preload/contract';
import { AuthVerdicts } from './AuthVerdicts';
import { durationInWords } from './duration';
import { EopVerdict } from './EopVerdict';
import { ExchangeHeaders } from './ExchangeHeaders';
import { Findings } from './Findings';
import { HopRow } from './HopRow';

/** What the headers say: the message, its path, the EOP verdict, authentication and findings. */
export function AnalysisView({ analysis }: { analysis: HeaderAnalysis }) {
  return (
    <div className="ts-result" aria-label="Header analysis">
      {(analysis.subject !== null || analysis.from !== null) && (
        <dl className="ts-message">
          {analysis.subject !== null && (
            <>
              <dt>Subject</dt>
              <dd>{analysis.subject}</dd>
            </>
          )}
          {analysis.from !== null && (
            <>
              <dt>From</dt>
              <dd>{analysis.from}</dd>
            </>
          )}
          {analysis.to !== null && (
            <>
              <dt>To</dt>
              <dd>{analysis.to}</dd>
            </>
          )}
        </dl>
      )}
      <h3>Path of the message</h3>
      {analysis.hops.length === 0 ? (
        <p className="muted">No Received headers: these headers do not say which servers the message passed through.</p>
      ) : (
        <>
          <ol className="ts-hops" aria-label="Hops, oldest first">
            {analysis.hops.map((hop) => (
              <HopRow key={hop.index} hop={hop} />
            ))}
          </ol>
          <p className="ts-total">
            {analysis.totalDelayMs === null
              ? 'Total time on the way: unknown (fewer than two hops have a readable date).'
              : `Total time on the way: ${durationInWords(analysis.totalDelayMs)}, from the first to the last dated hop.`}
          </p>
        </>
      )}
      <EopVerdict eop={analysis.eop} />
      <h3>Authentication</h3>
      <AuthVerdicts auth={analysis.auth} />
      <h3>What this means</h3>
      <Findings findings={analysis.findings} />
      <ExchangeHeaders analysis={analysis} />
    </div>
  );
}

