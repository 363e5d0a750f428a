/**
 * tls.protocols: which TLS versions and how weak a cipher suite the smart host accepts, from one
 * STARTTLS handshake per version (and one offering only weak suites), all at once within the check's
 * deadline. The verdict is in tls/protocol-profile.ts.
 */
import { probeSmtp } from '../../smtp/probe.js';
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import { offerableWeakCiphers, PROFILE_OFFERS } from '../../smtp/tls-upgrade.js';
import { classifyFailure, profileVerdict } from '../../tls/protocol-profile.js';
import type { AttemptOutcome, ProfileAttempt } from '../../tls/protocol-profile.js';
import { getSmtpProbe, probeDeadlines } from '../smtp-checks.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';

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

export const tlsProtocolsCheck: CheckDefinition = {
  id: 'tls.protocols',
  title: 'Only current TLS versions and strong cipher suites',
  step: 'prerequisites',
  dependsOn: ['smtp.starttls'],
  perDomain: false,
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const first = await getSmtpProbe(ctx);
    const attempts = await Promise.all(
      PROFILE_OFFERS.map(async ({ name, offer }): Promise<ProfileAttempt> => {
        if (name === 'weak-ciphers' && offerableWeakCiphers().length === 0) {
          const detail = "this machine's TLS library has no NULL, anonymous, export, RC4 or 3DES suite to offer, so the server was not asked";
          return { name, outcome: { kind: 'not-offerable', detail } };
        }
        const result = await probeSmtp({
          host: ctx.inputs.smartHost,
          address: first.address,
          port: first.port,
          connector: ctx.connector,
          extraCaPem: ctx.inputs.extraCaPem,
          ...probeDeadlines(ctx.inputs.timeoutMs),
          signal: ctx.signal,
          clock: ctx.clock,
          tlsOffer: offer,
          stopAfterTls: true,
        });
        return { name, outcome: outcomeOf(result) };
      }),
    );
    const verdict = profileVerdict(attempts);
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: { host: first.host, address: first.address, port: first.port, ...verdict.evidence },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};
