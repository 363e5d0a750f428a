/**
 * The TLS protocol profile of a server: which of TLS 1.0, 1.1, 1.2 and 1.3 it accepts and whether
 * it accepts weak cipher suites, each learnt from its own handshake. Microsoft 365 has deprecated
 * TLS 1.0/1.1 and needs TLS 1.2 or later, so the verdict is worded around that.
 */
import type { Json } from '../../../preload/vocabulary/checks.js';
import type { EvidenceOf } from '../../../preload/vocabulary/evidence.js';
import { WEAK_SUITE_FAMILIES, type ProfileAttemptName } from '../smtp/tls-upgrade.js';
import type { Verdict } from './analysis.js';

export type { ProfileAttemptName } from '../smtp/tls-upgrade.js';

/** What one handshake showed. */
export type AttemptOutcome =
  /** The handshake completed with this protocol and cipher. */
  | { readonly kind: 'accepted'; readonly protocol: string; readonly cipher: string }
  /** The server answered the offer with a TLS refusal (no common version or cipher). */
  | { readonly kind: 'refused'; readonly detail: string }
  /** This machine's TLS library cannot offer it, so the server was not asked. */
  | { readonly kind: 'not-offerable'; readonly detail: string }
  /** Nothing to learn: the connection, SMTP or the deadline failed before the handshake said anything. */
  | { readonly kind: 'unknown'; readonly detail: string };

export interface ProfileAttempt {
  readonly name: ProfileAttemptName;
  readonly outcome: AttemptOutcome;
  /** Suite families this machine could not offer, so the server was not asked about them (weak suites only). */
  readonly notOffered: readonly string[];
  /** The certificates as sent, when this handshake recorded them (the TLS 1.2 one does). */
  readonly sentChainDer: readonly string[] | null;
}

const LABELS: Readonly<Record<ProfileAttemptName, string>> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
  'weak-ciphers': 'weak cipher suites',
};

/**
 * Sorts a failed handshake: a TLS alert or "no ciphers/protocols" from this side means refused or
 * not offerable; anything else (timeouts, resets before TLS) teaches nothing.
 */
export function classifyFailure(stage: 'tls' | 'earlier', outcome: string, detail: string): AttemptOutcome {
  if (stage === 'earlier') return { kind: 'unknown', detail };
  if (/no ciphers available|no protocols available|unsupported protocol/i.test(detail) && !/alert/i.test(detail)) {
    return { kind: 'not-offerable', detail };
  }
  if (outcome === 'tls-failed' || outcome === 'closed') return { kind: 'refused', detail };
  return { kind: 'unknown', detail };
}

function evidenceOf(attempts: readonly ProfileAttempt[]): Json {
  return Object.fromEntries(
    attempts.map((attempt) => [
      attempt.name,
      {
        ...(attempt.outcome.kind === 'accepted'
          ? { result: 'accepted', protocol: attempt.outcome.protocol, cipher: attempt.outcome.cipher }
          : { result: attempt.outcome.kind, detail: attempt.outcome.detail }),
        ...(attempt.notOffered.length === 0 ? {} : { notOffered: attempt.notOffered }),
      },
    ]),
  );
}

/** What the profile adds to tls.protocols evidence (the check adds where it connected). */
type ProfileEvidence = Pick<EvidenceOf<'tls.protocols'>, 'accepted' | 'attempts'>;

/** "a, b and c" */
const inWords = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`);

/**
 * What a pass can say about weak suites: only what was asked. Families this machine cannot offer
 * were not tried, and a pass must not claim the server refuses them.
 */
function weakCoverage(weak: AttemptOutcome | undefined, notOffered: readonly string[]): string {
  if (weak === undefined || weak.kind === 'not-offerable') return '; weak cipher suites could not be tried (this machine’s TLS library has none to offer)';
  if (weak.kind !== 'refused') return '';
  const tried = WEAK_SUITE_FAMILIES.map(({ family }) => family).filter((family) => !notOffered.includes(family));
  const untried = notOffered.length === 0 ? '' : ` (${inWords(notOffered)} suites could not be tried: this machine’s TLS library no longer has them)`;
  return notOffered.length === 0 ? ', and refuses every weak cipher suite' : `, and refuses the ${inWords(tried)} suites${untried}`;
}

/** A verdict, or `error` when the test itself could not finish. */
export type ProfileVerdict = Omit<Verdict, 'status' | 'evidence'> & { readonly status: Verdict['status'] | 'error'; readonly evidence: ProfileEvidence };

/** The verdict on a profile: fail without TLS 1.2+, warn for old versions or weak suites besides, else pass. */
export function profileVerdict(attempts: readonly ProfileAttempt[]): ProfileVerdict {
  const outcome = (name: ProfileAttemptName): AttemptOutcome | undefined => attempts.find((a) => a.name === name)?.outcome;
  const accepted = attempts.filter((a) => a.outcome.kind === 'accepted');
  const acceptedNames = accepted.map((a) => a.name);
  const modern = acceptedNames.filter((name) => name === 'TLSv1.2' || name === 'TLSv1.3');
  const legacy = acceptedNames.filter((name) => name === 'TLSv1' || name === 'TLSv1.1');
  const weak = outcome('weak-ciphers');
  const unknown = attempts.filter((a) => a.outcome.kind === 'unknown').map((a) => LABELS[a.name]);
  const evidence: ProfileEvidence = {
    accepted: accepted.map((a) => (a.outcome.kind === 'accepted' ? `${a.outcome.protocol} ${a.outcome.cipher}` : '')),
    attempts: evidenceOf(attempts),
  };
  const list = (names: readonly ProfileAttemptName[]): string => names.map((name) => LABELS[name]).join(', ');
  if (modern.length === 0) {
    if (unknown.length > 0) {
      return {
        status: 'error',
        summary: `The protocol test did not finish: no answer for ${unknown.join(', ')}.`,
        evidence,
        advice: 'Run the checks again; if it keeps failing, check that the server allows several connections at once.',
      };
    }
    return {
      status: 'fail',
      summary: `The server accepts neither TLS 1.2 nor TLS 1.3${legacy.length > 0 ? ` (only ${list(legacy)})` : ''}.`,
      evidence,
      advice: 'Microsoft 365 needs TLS 1.2 or later. Enable TLS 1.2 (and 1.3 where the system has it) on the server, then restart its mail service.',
    };
  }
  const weakCipher = weak?.kind === 'accepted' ? weak.cipher : null;
  if (legacy.length > 0 || weakCipher !== null) {
    const problems = [
      ...(legacy.length > 0 ? [`still accepts ${list(legacy)}`] : []),
      ...(weakCipher !== null ? [`accepts the weak cipher suite ${weakCipher}`] : []),
    ];
    return {
      status: 'warn',
      summary: `The server speaks ${list(modern)}, but ${problems.join(' and ')}.`,
      evidence,
      advice:
        'Microsoft 365 has deprecated TLS 1.0 and 1.1 and never uses weak suites; servers that keep them invite downgrade attacks. Disable TLS 1.0/1.1 and the NULL, anonymous, export, RC4 and 3DES suites on the server.',
    };
  }
  return {
    status: 'pass',
    summary: `The server accepts only ${list(modern)}${weakCoverage(weak, attempts.find((a) => a.name === 'weak-ciphers')?.notOffered ?? [])}.${unknown.length > 0 ? ` (No answer for ${unknown.join(', ')}.)` : ''}`,
    evidence,
  };
}
