import type { Json } from '../../../main/core/checks/types';

interface TranscriptLine {
  readonly atMs: number;
  readonly direction: string;
  readonly text: string;
}

const isTranscript = (value: Json): value is readonly TranscriptLine[] & Json =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((line) => typeof line === 'object' && line !== null && !Array.isArray(line) && 'direction' in line && 'text' in line);

const ARROWS: Readonly<Record<string, string>> = { client: 'C:', server: 'S:', note: '··' };

function Value({ value }: { value: Json }) {
  if (value === null) return <span className="muted">none</span>;
  if (typeof value === 'string') return <span className="evidence-text">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span>{String(value)}</span>;
  if (isTranscript(value)) {
    return (
      <pre className="transcript">
        {value.map((line) => `${String(line.atMs).padStart(6)} ms ${ARROWS[line.direction] ?? line.direction} ${line.text}`).join('\n')}
      </pre>
    );
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) return <span className="evidence-text">{value.map(String).join(', ')}</span>;
    return <pre className="evidence-json">{JSON.stringify(value, null, 2)}</pre>;
  }
  return <pre className="evidence-json">{JSON.stringify(value, null, 2)}</pre>;
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
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
