import type { Json } from '../../../preload/contract';
import { CodeBlock } from './CodeBlock';
import { localizeTimes } from './format-time';

/** Evidence keys whose lines read best as a terminal log (the SMTP conversation). */
const LOG_KEYS: ReadonlySet<string> = new Set(['transcript']);

function Structured({ name, value }: { name: string; value: Json }) {
  return (
    <CodeBlock label={name} className="evidence-json">
      {JSON.stringify(value, null, 2)}
    </CodeBlock>
  );
}

function Value({ name, value }: { name: string; value: Json }) {
  if (value === null) return <span className="muted">none</span>;
  if (typeof value === 'string') return <span className="evidence-text">{localizeTimes(value)}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span>{String(value)}</span>;
  if (LOG_KEYS.has(name) && Array.isArray(value)) {
    return (
      <CodeBlock label={name} className="transcript">
        {value.map(String).join('\n')}
      </CodeBlock>
    );
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) return <span className="evidence-text">{value.map(String).join(', ')}</span>;
    return <Structured name={name} value={value} />;
  }
  return <Structured name={name} value={value} />;
}

/** Evidence as a readable key/value list: words for values, the SMTP transcript as a terminal log. */
export function EvidenceView({ evidence }: { evidence: Readonly<Record<string, Json>> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p className="muted small">No evidence recorded.</p>;
  return (
    <dl className="evidence">
      {entries.map(([key, value]) => (
        <div key={key} className="evidence-row">
          <dt>{key}</dt>
          <dd>
            <Value name={key} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
