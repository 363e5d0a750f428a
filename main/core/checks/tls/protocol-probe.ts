/**
 * The handshakes behind tls.protocols, shared through the run's memo so they can start as soon as
 * each smart host's addresses are known, beside the main SMTP probe of each address, instead of after it.
 */
import type { ProbeAt } from '../per-address.js';
import { getSmtpProbe, probeDeadlines } from '../smtp/shared.js';
import type { CheckContext } from '../types.js';
import { probeSmtp } from '../../smtp/probe.js';
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import { offerableWeakFamilies, profileOffers, WEAK_SUITE_FAMILIES, type ProfileAttemptName, type TlsOffer } from '../../smtp/tls-upgrade.js';
import { classifyFailure } from '../../tls/protocol-profile.js';
import type { AttemptOutcome, ProfileAttempt } from '../../tls/protocol-profile.js';

function outcomeOf(result: SmtpProbeResult): AttemptOutcome {
  const tls = result.stages.find((stage) => stage.name === 'tls');
  if (tls === undefined) {
    const last = result.stages.at(-1);
    return classifyFailure('earlier', last?.outcome ?? 'unknown', last === undefined ? 'no stage reached' : `${last.name}: ${last.detail}`);
  }
  if (tls.outcome === 'ok' && result.tls !== null) {
    return { kind: 'accepted', protocol: result.tls.protocol ?? 'unknown', cipher: result.tls.cipher ?? 'unknown' };
  }
  return classifyFailure('tls', tls.outcome, tls.detail);
}

/** One STARTTLS handshake with this offer at one address of a smart host. */
async function handshake(ctx: CheckContext, at: ProbeAt, name: ProfileAttemptName, offer: TlsOffer): Promise<ProfileAttempt> {
  const result = await probeSmtp({
    host: at.host,
    address: at.address,
    port: ctx.inputs.smtpPort,
    connector: ctx.connector,
    extraCaPem: ctx.inputs.extraCaPem,
    ...probeDeadlines(ctx.inputs.timeoutMs),
    signal: ctx.signal,
    clock: ctx.clock,
    tlsOffer: offer,
    stopAfterTls: true,
    // TLS 1.2 shows the certificates as sent, which a TLS 1.3 main probe cannot read.
    recordSentChain: name === 'TLSv1.2',
    // Only the protocol and cipher count here: the main probe verifies the certificate.
    verifyPeer: false,
  });
  return { name, outcome: outcomeOf(result), notOffered: [], sentChainDer: result.tls?.sentChainDer ?? null };
}

/**
 * The TLS 1.2 handshake, memoised apart from the rest: tls.protocols judges it, and the
 * tls.certificate.* checks read the certificates as sent from it when the main probe spoke TLS 1.3.
 * Both prefetch it, so it runs beside the main probe whichever of them is in the run.
 */
export function tls12Handshake(ctx: CheckContext, at: ProbeAt): Promise<ProfileAttempt | null> {
  return ctx.memo(`tls-1.2-handshake\u0000${at.host.toLowerCase()}\u0000${at.address}`, () => {
    const offer = profileOffers().find((entry) => entry.name === 'TLSv1.2')?.offer ?? null;
    return offer === null ? Promise.resolve(null) : handshake(ctx, at, 'TLSv1.2', offer);
  });
}

/**
 * TLS 1.3 from the main probe where it can answer: the probe offers TLS 1.0 up to 1.3, and a server
 * that speaks TLS 1.3 must choose it (RFC 8446 §4.2.1 and the downgrade protection of §4.1.3: the server
 * picks the highest version both support), so the version it chose says whether TLS 1.3 is accepted without a handshake of its own.
 * When the main probe's handshake failed, TLS 1.3 gets its own handshake like the other versions.
 */
async function tls13Attempt(ctx: CheckContext, at: ProbeAt, offer: TlsOffer): Promise<ProfileAttempt> {
  const probe = await getSmtpProbe(ctx, at);
  const tls = probe.tls;
  if (tls === null || tls.protocol === null) return handshake(ctx, at, 'TLSv1.3', offer);
  const outcome: AttemptOutcome =
    tls.protocol === 'TLSv1.3'
      ? { kind: 'accepted', protocol: tls.protocol, cipher: tls.cipher ?? 'unknown' }
      : { kind: 'refused', detail: `offered TLS 1.0 to 1.3 in the main probe, the server chose ${tls.protocol}: a server that accepts TLS 1.3 chooses it` };
  return { name: 'TLSv1.3', outcome, notOffered: [], sentChainDer: null };
}

/**
 * One handshake per offer, all at once, at one address of a smart host, within the probe deadlines
 * (TLS 1.3 read from that address's main probe where it can be); null when this machine cannot
 * offer TLS 1.2. Memoised for the run, so tls.protocols can start it when the run starts (prefetch)
 * and read it after STARTTLS passed.
 */
export function protocolProfile(ctx: CheckContext, at: ProbeAt): Promise<readonly ProfileAttempt[] | null> {
  return ctx.memo(`tls-protocol-profile\u0000${at.host.toLowerCase()}\u0000${at.address}`, async () => {
    const attempts = await Promise.all(
      profileOffers().map(({ name, offer }): Promise<ProfileAttempt | null> => {
        if (name === 'TLSv1.2') return tls12Handshake(ctx, at);
        if (name === 'TLSv1.3' && offer !== null) return tls13Attempt(ctx, at, offer);
        if (offer !== null) return handshake(ctx, at, name, offer);
        const detail = "this machine's TLS library has no NULL, anonymous, export, RC4 or 3DES suite to offer, so the server was not asked";
        return Promise.resolve({ name, outcome: { kind: 'not-offerable', detail }, notOffered: [], sentChainDer: null });
      }),
    );
    const made = attempts.filter((attempt): attempt is ProfileAttempt => attempt !== null);
    if (made.length < attempts.length) return null;
    // Weak families this machine's OpenSSL cannot offer: the server is not asked about them.
    const notOffered = WEAK_SUITE_FAMILIES.map(({ family }) => family).filter((family) => !offerableWeakFamilies().includes(family));
    return made.map((attempt) => (attempt.name === 'weak-ciphers' ? { ...attempt, notOffered } : attempt));
  });
}
