/**
 * tls.protocols: which TLS versions and how weak a cipher suite the smart host accepts, from one
 * STARTTLS handshake per version (and one offering only weak suites), all at once within the check's
 * deadline; TLS 1.3 is answered by the main probe's handshake, which offered it. The handshakes are in tls/protocol-probe.ts, the verdict in tls/protocol-profile.ts.
 */
import { protocolProfile } from './protocol-probe.js';
import { profileVerdict } from '../../tls/protocol-profile.js';
import { adviceOf } from '../advice.js';
import { smartHostOf } from '../dns/shared.js';
import { acrossAddresses, forEveryAddress } from '../per-address.js';
import type { CheckContext, CheckDefinition, EvidenceOf, TypedOutcome } from '../types.js';

export const tlsProtocolsCheck: CheckDefinition<'tls.protocols'> = {
  id: 'tls.protocols',
  title: 'Only current TLS versions and strong cipher suites',
  step: 'prerequisites',
  dependsOn: ['smtp.starttls'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves:
    'Which of TLS 1.0, 1.1, 1.2 and 1.3 the server accepts, and whether it accepts weak cipher suites, each from its own STARTTLS handshake (TLS 1.3 from the main probe, which offers it: a server that speaks TLS 1.3 chooses it).',
  statuses: {
    pass: 'Only TLS 1.2 or newer with strong cipher suites was accepted.',
    warn: 'TLS 1.2 or newer works, but TLS 1.0/1.1 or a weak suite (NULL, anonymous, export, RC4, 3DES) was accepted too.',
    fail: 'Neither TLS 1.2 nor TLS 1.3 was accepted.',
    error: 'The handshakes for TLS 1.2 and 1.3 got no answer (timeout or connection failure).',
  },
  // The handshakes start with the run, beside the main probe, instead of after STARTTLS passed.
  prefetch: (ctx) => forEveryAddress(ctx, (at) => protocolProfile(ctx, at)),
  run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'tls.protocols'>>> {
    return acrossAddresses(ctx, smartHostOf('tls.protocols', target), async (at) => {
      const attempts = await protocolProfile(ctx, at);
      if (attempts === null) throw new Error('this machine’s TLS library cannot offer TLS 1.2, so the protocols were not probed');
      const verdict = profileVerdict(attempts);
      return {
        status: verdict.status,
        summary: verdict.summary,
        evidence: { host: at.host, address: at.address, port: ctx.inputs.smtpPort, ...verdict.evidence },
        ...adviceOf(verdict.advice),
      };
    });
  },
};
