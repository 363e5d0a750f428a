import type { HeaderAnalysis } from '../../../../../preload/contract';

export function ExchangeHeaders({ analysis }: { analysis: HeaderAnalysis }) {
  const { exchange, forefront } = analysis;
  if (exchange.length === 0 && forefront === null) return null;
  return (
    <details className="ts-exchange">
      <summary>Exchange organisation headers ({exchange.length + (forefront === null ? 0 : 1)})</summary>
      <dl className="ts-exchange-list">
        {exchange.map((header, index) => (
          <div key={`${header.name}-${String(index)}`} className="ts-exchange-row">
            <dt>{header.name}</dt>
            <dd>
              <code className="ts-value">{header.value}</code>
              <span className="ts-explanation">{header.explanation}</span>
            </dd>
          </div>
        ))}
        {forefront !== null && (
          <div className="ts-exchange-row">
            <dt>X-Forefront-Antispam-Report</dt>
            <dd>
              <ul className="ts-evidence">
                {forefront.explanations.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </details>
  );
}

