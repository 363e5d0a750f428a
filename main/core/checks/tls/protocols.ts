/**
 * tls.protocols: which TLS versions and how weak a cipher suite the smart host accepts, from one
 * STARTTLS handshake per version (and one offering only weak suites), all at once within the check's
 * deadline. The handshakes are in tls/protocol-probe.ts, the verdict in tls/protocol-profile.ts.
 */
import { protocolProfile } from '../../tls/protocol-probe.js';
import { profileVerdict } from '../../tls/protocol-profile.js';
import { getSmtpProbe, probeDeadlines } from '../smtp-checks.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types.js';

export const tlsProtocolsCheck: CheckDefinition = {
  id: 'tls.protocols',
  title: 'Only current TLS versions and strong cipher suites',
  step: 'prerequisites',
  dependsOn: ['smtp.starttls'],
  perDomain: false,
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const first = await getSmtpProbe(ctx);
    const verdict = profileVerdict(await protocolProfile(ctx, first.address, probeDeadlines(ctx.inputs.timeoutMs)));
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: { host: first.host, address: first.address, port: first.port, ...verdict.evidence },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};
