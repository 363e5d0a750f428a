/**
 * onprem.receive-certificate: the receive connector Office 365 reaches on port 25 presents a
 * certificate Office 365 accepts: bound to SMTP, issued by a CA (not self-signed), naming the
 * smart host, and the very one the server presented to this computer's TLS probe.
 */
import { certificateNameCovers, certificateOfName, edgeTopology, internetReceiveConnector, usableCertificates } from '../../inventory/analysis.js';
import { finish, NOT_IMPORTED, type DraftOutcome, notImported } from '../inventory-outcome.js';
import type { CheckContext, CheckDefinition } from '../types.js';

export const onpremReceiveCertificateCheck: CheckDefinition<'onprem.receive-certificate'> = {
  id: 'onprem.receive-certificate',
  title: 'The receive connector Office 365 reaches has the right certificate',
  step: 'part1',
  dependsOn: [],
  after: ['tls.certificate.name'],
  perDomain: false,
  network: false,
  proves: 'The receive connector Office 365 reaches presents a CA-signed SMTP certificate that names the smart host.',
  statuses: { pass: 'The connector names a usable certificate, the one the server presented.', warn: 'The connector names no certificate; Exchange picks one by its FQDN.', fail: 'No usable certificate, a wrong one named, or another one presented.', skip: NOT_IMPORTED },
  run(ctx) {
    return finish(evaluate(ctx));
  },
};

function evaluate(ctx: CheckContext): DraftOutcome {
  const document = ctx.inputs.inventory?.exchangeServer ?? null;
  if (document === null) {
    return notImported('Exchange Server', 'the receive connector’s certificate is');
  }
  const { data } = document;
  // The inventory read one Exchange server: the one the first smart host names.
  const host = ctx.inputs.smartHosts[0] ?? '';
  const connector = internetReceiveConnector(data.receiveConnectors);
  const usable = usableCertificates(data.certificates, host, ctx.clock.now());
  const best = usable[0] ?? null;
  const presented = ctx.resultOf('tls.certificate.name', host)?.evidence['tlsCertificateName'];
  const presentedName = typeof presented === 'string' ? presented : null;
  const suggestion = best === null ? null : `<I>${best.Issuer}<S>${best.Subject}`;
  const evidence = {
    readAt: document.readAt,
    receiveConnector: connector?.Identity ?? null,
    tlsCertificateName: connector?.TlsCertificateName ?? null,
    usableCertificates: usable.map((certificate) => certificate.Thumbprint),
    presentedTlsCertificateName: presentedName,
    suggestedTlsCertificateName: suggestion,
    edge: edgeTopology(data).isEdge,
  };
  const fixWith = suggestion === null ? 'Enable a CA-signed certificate that names the smart host for SMTP (Enable-ExchangeCertificate -Services SMTP).' : `Set its TlsCertificateName to ${suggestion} (the generated Exchange Server script does it).`;
  if (connector === null) {
    return ({ status: 'fail', summary: 'No enabled receive connector listens on port 25, so Office 365 cannot deliver to this server.', evidence, advice: 'Enable the default frontend receive connector on port 25.' });
  }
  if (best === null) {
    const selfSigned = data.certificates.some((certificate) => certificate.IsSelfSigned === true && certificate.CertificateDomains.some((name) => certificateNameCovers(name, host)));
    return ({
      status: 'fail',
      summary: `No certificate on the server is bound to SMTP, CA-signed, unexpired and names ${host}${selfSigned ? ' (only a self-signed one does, which Office 365 refuses)' : ''}.`,
      evidence,
      advice: fixWith,
    });
  }
  if (connector.TlsCertificateName === null) {
    return ({
      status: 'warn',
      summary: `"${connector.Identity}" has no TlsCertificateName, so Exchange picks a certificate by its FQDN ${connector.Fqdn ?? ''}; Office 365 validates whichever it gets.`,
      evidence,
      advice: fixWith,
    });
  }
  const bound = certificateOfName(data.certificates, connector.TlsCertificateName);
  if (bound === null || !usable.includes(bound)) {
    return ({
      status: 'fail',
      summary: `"${connector.Identity}" names ${connector.TlsCertificateName}, ${bound === null ? 'which is no certificate on this server' : 'a certificate that is not bound to SMTP, is self-signed, expired or does not name the smart host'}.`,
      evidence,
      advice: fixWith,
    });
  }
  if (presentedName !== null && presentedName.replace(/\s*,\s*/g, ',').toLowerCase() !== connector.TlsCertificateName.replace(/\s*,\s*/g, ',').toLowerCase()) {
    return ({
      status: 'fail',
      summary: `"${connector.Identity}" names ${connector.TlsCertificateName}, but the server presented ${presentedName} to this computer: another connector or device answers on port 25.`,
      evidence,
      advice: 'Find what answers on port 25 (another receive connector, a load balancer or a firewall with SMTP inspection) and make it present the connector\u2019s certificate.',
    });
  }
  return ({
    status: 'pass',
    summary: `"${connector.Identity}" presents ${connector.TlsCertificateName}: bound to SMTP, CA-signed and naming ${host}.`,
    evidence,
  });
}
