import { recordToPublishOf, type Engagement } from '../../../../preload/contract';
import { CodeBlock } from '../../ui/CodeBlock';
import { CopyButton } from '../../ui/CopyButton';
import { StatusPill } from '../../ui/StatusPill';

const LABELS: Readonly<Record<string, string>> = { 'dns.mx': 'MX record', 'dns.spf': 'SPF record', 'dns.dmarc': 'DMARC record' };

/** The exact DNS records to publish, per domain, as the last checks worked them out. */
export function RecordsPanel({ engagement, checks }: { engagement: Engagement; checks: readonly string[] }) {
  const rows = engagement.checkResults
    .filter((result) => checks.includes(result.id))
    .map((result) => ({ result, record: recordToPublishOf(result) }))
    .filter((row): row is typeof row & { record: string } => row.record !== null);
  return (
    <section className="card section-card" aria-labelledby={`records-${checks.join('-')}`}>
      <h2 id={`records-${checks.join('-')}`} tabIndex={-1}>DNS records to publish</h2>
      {rows.length === 0 ? (
        <p className="muted small">Run the checks: they read each domain’s current records and work out exactly what to publish.</p>
      ) : (
        <ul className="records">
          {rows.map(({ result, record }) => (
            <li key={`${result.id}|${result.target ?? ''}`} className="record">
              <div className="check-head">
                <StatusPill status={result.status} />
                <span className="check-title">
                  {LABELS[result.id] ?? result.id} for {result.target}
                </span>
              </div>
              <CodeBlock label={`${LABELS[result.id] ?? result.id} for ${result.target ?? ''}`}>{record}</CodeBlock>
              <CopyButton text={record} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
