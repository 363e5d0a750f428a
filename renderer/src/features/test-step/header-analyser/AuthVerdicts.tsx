import type { AuthVerdict, HeaderAnalysis } from '../../../../../preload/contract';

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

/** The four verdicts Office 365 records, each in words and a tone. */
export function AuthVerdicts({ auth }: { auth: HeaderAnalysis['auth'] }) {
  return (
    <ul className="ts-auths" aria-label="Authentication verdicts">
      {(Object.keys(AUTH_LABELS) as (keyof typeof AUTH_LABELS)[]).map((method) => (
        <AuthPill key={method} label={AUTH_LABELS[method]} verdict={auth[method]} />
      ))}
    </ul>
  );
}
