/**
 * The handshakes behind tls.protocols, shared through the run's memo so they can start as soon as
 * the smart host's address is known, beside the main SMTP probe, instead of after it.
 */
import type { CheckContext } from '../checks/types.js';
import { probeSmtp } from '../smtp/probe.js';
import type { SmtpProbeResult } from '../smtp/probe-types.js';
import { offerableWeakFamilies, profileOffers, WEAK_SUITE_FAMILIES } from '../smtp/tls-upgrade.js';
import { classifyFailure } from './protocol-profile.js';
import type { AttemptOutcome, ProfileAttempt } from './protocol-profile.js';

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

/** One handshake per offer, all at once, within the probe deadlines given. */
export function protocolProfile(
  ctx: CheckContext,
  address: string,
  deadlines: { readonly stageTimeoutMs: number; readonly totalTimeoutMs: number },
): Promise<readonly ProfileAttempt[]> {
  return ctx.memo('tls-protocol-profile', () =>
    Promise.all(
      profileOffers().map(async ({ name, offer }): Promise<ProfileAttempt> => {
        // Weak families this machine's OpenSSL cannot offer: the server is not asked about them.
        const notOffered = name === 'weak-ciphers' ? WEAK_SUITE_FAMILIES.map(({ family }) => family).filter((family) => !offerableWeakFamilies().includes(family)) : [];
        if (offer === null) {
          const detail = "this machine's TLS library has no NULL, anonymous, export, RC4 or 3DES suite to offer, so the server was not asked";
          return { name, outcome: { kind: 'not-offerable', detail }, notOffered };
        }
        const result = await probeSmtp({
          host: ctx.inputs.smartHost,
          address,
          port: ctx.inputs.smtpPort,
          connector: ctx.connector,
          extraCaPem: ctx.inputs.extraCaPem,
          ...deadlines,
          signal: ctx.signal,
          clock: ctx.clock,
          tlsOffer: offer,
          stopAfterTls: true,
        });
        return { name, outcome: outcomeOf(result), notOffered };
      }),
    ),
  );
}
