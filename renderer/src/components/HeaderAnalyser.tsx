import type { AuthVerdict, Finding, FindingSeverity, HeaderAnalysis, Hop } from '../../../preload/contract';
import type { HopTls } from '../../../preload/contract';
import { useTestStepStore } from '../stores/test-step';
import { PasteInput } from './PasteInput';

/** "3 seconds", "4 minutes 12 seconds", "2 hours 5 minutes": delays read as words, not units. */
function durationInWords(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds === 0) return 'under a second';
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds % 60, 'second')}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? unit(days, 'day') : `${unit(days, 'day')} ${unit(hours % 24, 'hour')}`;
}

function delayText(hop: Hop): string {
  if (hop.date === null) return 'No readable date, so no delay can be worked out.';
  if (hop.delayMs === null) return hop.index === 1 ? 'The first server to receive the message.' : 'No earlier date to compare with.';
  if (hop.delayMs < 0) return `Stamped ${durationInWords(hop.delayMs)} before the previous hop: the two servers’ clocks disagree.`;
  return `${durationInWords(hop.delayMs)} after the previous hop.`;
}

const TLS_TEXT: Readonly<Record<HopTls['status'], string>> = {
  tls: 'Encrypted',
  plain: 'Not encrypted',
  local: 'Local hand-off',
  unknown: 'Encryption not recorded',
};

const TLS_TONE: Readonly<Record<HopTls['status'], string>> = { tls: 'ok', plain: 'bad', local: 'neutral', unknown: 'neutral' };

function TlsBadge({ tls }: { tls: HopTls }) {
  const detail = [tls.protocol, tls.cipher].filter((part): part is string => part !== null).join(', ');
  return (
    <span className={`ts-badge ${TLS_TONE[tls.status]}`} title={tls.evidence === null ? undefined : `From the header: ${tls.evidence}`}>
      {TLS_TEXT[tls.status]}
      {detail !== '' && <span className="ts-badge-detail"> ({detail})</span>}
    </span>
  );
}

const DATE_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};

/** The hop's time in the reader's own time zone, named, so hops from different zones line up. */
const readableDate = (iso: string): string => new Date(iso).toLocaleString(undefined, DATE_FORMAT);

function HopRow({ hop }: { hop: Hop }) {
  return (
    <li className={`ts-hop${hop.microsoft ? ' microsoft' : ''}`}>
      <div className="ts-hop-head">
        <span className="ts-hop-number" aria-hidden="true">
          {hop.index}
        </span>
        <span className="ts-hop-route">
          <span className="ts-host">{hop.from ?? 'unknown sender'}</span>
          {hop.fromAddress !== null && <span className="muted small"> [{hop.fromAddress}]</span>}
          <span className="ts-arrow">{' → '}</span>
          <span className="ts-host">{hop.by ?? 'unknown server'}</span>
        </span>
        {hop.microsoft && <span className="ts-badge accent">Microsoft / EOP</span>}
      </div>
      <div className="ts-hop-meta">
        <TlsBadge tls={hop.tls} />
        {hop.with !== null && <span>with {hop.with}</span>}
        <span>{hop.date === null ? (hop.dateText ?? 'no date') : readableDate(hop.date)}</span>
      </div>
      <p className="ts-hop-delay">{delayText(hop)}</p>
      {hop.dateNotes.length > 0 && <p className="muted small">{hop.dateNotes.join(' ')}</p>}
    </li>
  );
}

const AUTH_LABELS = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', compauth: 'compauth' } as const;

/** pass is good, fail-like results are bad, anything in between asks for a look. */
function verdictTone(result: string): string {
  if (result === 'pass') return 'ok';
  if (['fail', 'hardfail', 'permerror'].includes(result)) return 'bad';
  if (result === 'none') return 'neutral';
  return 'warn';
}

function AuthPill({ label, verdict }: { label: string; verdict: AuthVerdict | null }) {
  if (verdict === null) {
    return (
      <li className="ts-auth neutral">
        <span className="ts-auth-label">{label}</span> not recorded
      </li>
    );
  }
  return (
    <li className={`ts-auth ${verdictTone(verdict.result)}`} title={verdict.comments.join('; ') || undefined}>
      <span className="ts-auth-label">{label}</span> {verdict.result}
      {verdict.domain !== null && <span className="ts-auth-domain"> · {verdict.domain}</span>}
    </li>
  );
}

const SEVERITY_ORDER: readonly FindingSeverity[] = ['problem', 'warn', 'info'];
const SEVERITY_LABEL: Readonly<Record<FindingSeverity, string>> = { problem: 'Problem', warn: 'Check', info: 'Note' };

function Findings({ findings }: { findings: readonly Finding[] }) {
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

/** How many reasons for the EOP verdict to show before folding the rest away. */
const EVIDENCE_SHOWN = 3;

function EopVerdict({ eop }: { eop: HeaderAnalysis['eop'] }) {
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

function ExchangeHeaders({ analysis }: { analysis: HeaderAnalysis }) {
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

function AnalysisView({ analysis }: { analysis: HeaderAnalysis }) {
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
      <ul className="ts-auths" aria-label="Authentication verdicts">
        {(Object.keys(AUTH_LABELS) as (keyof typeof AUTH_LABELS)[]).map((method) => (
          <AuthPill key={method} label={AUTH_LABELS[method]} verdict={analysis.auth[method]} />
        ))}
      </ul>
      <h3>What this means</h3>
      <Findings findings={analysis.findings} />
      <ExchangeHeaders analysis={analysis} />
    </div>
  );
}

/** Paste a message's headers and see the way it took, how it was protected and how it was judged. */
export function HeaderAnalyser() {
  const analysis = useTestStepStore((state) => state.headers.result);
  const analyse = useTestStepStore((state) => state.analyse);
  return (
    <div className="ts-tool">
      <PasteInput
        tool="headers"
        label="Message headers"
        hint="In Outlook: open the message, File → Properties → Internet headers. In Outlook on the web: … → View → View message details."
        placeholder={'Received: from mail.contoso.com (mail.contoso.com [198.51.100.20])\n  by …mail.protection.outlook.com …'}
        actionLabel="Analyse"
        fileLabel="Open a message or headers file"
        onRun={analyse}
      />
      {analysis !== null && <AnalysisView analysis={analysis} />}
    </div>
  );
}
