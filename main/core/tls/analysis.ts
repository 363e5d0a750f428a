/**
 * The verdicts on one certificate chain, shared by the tls.certificate.* checks and `mailflow cert`:
 * trusted, names the host, inside its validity window, strong enough, names an engagement domain.
 * Each verdict is already worded for a person (summary, advice) and carries its own evidence.
 */
import { isIP } from 'node:net';
import type { Evidence, Json } from '../../../preload/vocabulary/checks.js';
import { describeKey, parseCertificateBase64 } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import { describeProblem, validatePath } from './chain.js';
import type { ChainVerdict, PathAttempt, TrustAnchors } from './chain.js';
import { formatWindowsDn, setReceiveConnectorCommand, tlsCertificateName } from './exchange-names.js';
import { matchDomains, matchHost } from './name-match.js';

export type VerdictStatus = 'pass' | 'warn' | 'fail';

/** A check outcome without skip/error: those belong to the runner, not to the certificate. */
export interface Verdict {
  readonly status: VerdictStatus;
  readonly summary: string;
  readonly evidence: Evidence;
  readonly advice?: string;
}

export interface AnalyseOptions {
  /** The name a client connects to (the smart host); null skips the name verdict. */
  readonly host: string | null;
  /** The engagement's SMTP domains; empty skips the accepted-domain verdict. */
  readonly domains: readonly string[];
  readonly anchors: TrustAnchors;
  /** The validation time, ms since the epoch: the Clock port's now, or the --at date. */
  readonly now: number;
  /** Where the certificates came from, for wording: the server's handshake, or a file. */
  readonly source?: 'server' | 'file';
  /** OpenSSL's own verdict from the TLS handshake, when the chain came from one. */
  readonly handshake?: HandshakeVerdict | null;
  /** Exchange server name for the Set-ReceiveConnector command; null uses $env:COMPUTERNAME. */
  readonly exchangeServer?: string | null;
}

/** What Node (OpenSSL) said of the chain during the handshake, against the same trust anchors. */
export interface HandshakeVerdict {
  readonly authorized: boolean;
  /** OpenSSL's error code (e.g. UNABLE_TO_GET_ISSUER_CERT_LOCALLY) or Node's host name error. */
  readonly error: string | null;
}

export interface CertificateAnalysis {
  readonly leaf: ParsedCertificate;
  /** As sent (or as in the file), leaf first. */
  readonly sent: readonly ParsedCertificate[];
  readonly chain: ChainVerdict;
  /** Every path the builder tried, in order. */
  readonly attempts: readonly PathAttempt[];
  readonly trusted: Verdict;
  readonly name: Verdict | null;
  readonly validity: Verdict;
  readonly strength: Verdict;
  readonly acceptedDomain: Verdict | null;
  /** `<I>issuer<S>subject` for Set-ReceiveConnector -TlsCertificateName. */
  readonly tlsCertificateName: string;
  readonly setReceiveConnectorCommand: string;
}

/** Fewer days left than this is a warning: renewals take time, and EOP rejects an expired one. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 256;
const STRONG_HASHES: ReadonlySet<string> = new Set(['sha256', 'sha384', 'sha512', 'intrinsic']);

/** The facts about one certificate every verdict shows. */
export function certificateEvidence(cert: ParsedCertificate): Evidence {
  return {
    subject: formatWindowsDn(cert.subject),
    issuer: formatWindowsDn(cert.issuer),
    dnsNames: [...cert.dnsNames],
    ipAddresses: [...cert.ipAddresses],
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    fingerprintSha256: cert.fingerprintSha256,
    serialNumber: cert.serialNumber,
    key: describeKey(cert.key),
    signatureAlgorithm: cert.signatureAlgorithm.name,
  };
}

function chainEvidence(certs: readonly ParsedCertificate[]): Json {
  return certs.map((cert) => ({
    subject: formatWindowsDn(cert.subject),
    issuer: formatWindowsDn(cert.issuer),
    fingerprintSha256: cert.fingerprintSha256,
  }));
}

/** OpenSSL errors about the host name or the dates are other verdicts' business (name, validity). */
const NOT_TRUST_ERRORS: ReadonlySet<string> = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function attemptsEvidence(attempts: readonly PathAttempt[]): Json {
  return attempts.map((attempt) => ({
    path: attempt.path.map((cert) => formatWindowsDn(cert.subject)),
    outcome: attempt.outcome,
    ...(attempt.reason === null ? {} : { reason: attempt.reason }),
  }));
}

function pathVerdict(leaf: ParsedCertificate, chain: ChainVerdict, source: 'server' | 'file'): Omit<Verdict, 'evidence'> {
  const subject = formatWindowsDn(leaf.subject);
  const sender = source === 'server' ? 'the server sent' : 'the file holds';
  switch (chain.kind) {
    case 'trusted':
      return { status: 'pass', summary: `The chain builds to the trusted root ${formatWindowsDn(chain.anchor.subject)}.` };
    case 'invalid':
      return {
        status: 'fail',
        summary: `The chain reaches the trusted root ${formatWindowsDn(chain.anchor.subject)}, but ${describeProblem(chain.problem)}.`,
        advice: problemAdvice(chain),
      };
    case 'self-signed':
      return {
        status: 'fail',
        summary: `The certificate ${subject} is self-signed.`,
        advice:
          'Office 365 does not trust self-signed certificates. Get a certificate from a public certification authority for the smart host name, install it on the server and bind it to SMTP.',
      };
    case 'unknown-ca':
      return {
        status: 'fail',
        summary: `The chain ends at ${formatWindowsDn(chain.root.subject)}, a root that is not trusted.`,
        advice:
          'The certificate comes from a private or unknown certification authority, which Office 365 does not trust. Replace it with one from a public certification authority. (If this root is yours and you only test locally, add it to the extra trusted root certificates.)',
      };
    case 'missing-intermediate':
      return {
        status: 'fail',
        summary: `The issuer ${chain.missingIssuer} is not among the certificates ${sender} and is not a trusted root.`,
        advice:
          'The server most likely does not send its intermediate certificate. Install the certification authority\'s intermediate certificate on the server (for Exchange: import it into the computer\'s "Intermediate Certification Authorities" store) so the full chain is sent. If the issuer is a private certification authority, replace the certificate with a public one.',
      };
    case 'bad-signature':
      return {
        status: 'fail',
        summary: `The certificate names ${formatWindowsDn(chain.issuer.subject)} as issuer, but that issuer's key did not sign it.`,
        advice:
          'The chain does not belong together (often an old intermediate left after a renewal). Install the intermediate certificate that your certification authority issued with this certificate.',
      };
    case 'too-long':
      return {
        status: 'fail',
        summary: 'The chain is longer than any real certificate chain (possibly a loop).',
        advice: 'Clean up the certificates the server sends: the leaf and its intermediates only.',
      };
  }
}

function problemAdvice(chain: ChainVerdict & { readonly kind: 'invalid' }): string {
  switch (chain.problem.kind) {
    case 'ca-as-leaf':
    case 'leaf-eku':
      return 'Office 365 refuses a certificate that is not issued for TLS servers. Request a server certificate (extended key usage "Server Authentication") for the smart host name, install it and bind it to SMTP.';
    case 'not-ca':
    case 'no-cert-sign':
    case 'issuer-eku':
    case 'path-length':
      return 'A certificate in the chain may not issue the one below it. Install the intermediate certificates your certification authority publishes for this certificate and remove any others from the server.';
    case 'issuer-expired':
      return 'Replace the intermediate certificate on the server with the current one from your certification authority.';
    case 'critical-extension':
    case 'name-constraint':
    case 'library':
      return 'No client will accept this certificate through this chain. Get a certificate from a public certification authority whose chain validates, install it with its intermediates and bind it to SMTP.';
  }
}

function trustedVerdict(analysis: {
  readonly leaf: ParsedCertificate;
  readonly sent: readonly ParsedCertificate[];
  readonly chain: ChainVerdict;
  readonly attempts: readonly PathAttempt[];
  readonly options: AnalyseOptions;
}): Verdict {
  const { leaf, sent, chain, attempts, options } = analysis;
  const handshake = options.handshake ?? null;
  const evidence: Evidence = {
    certificate: certificateEvidence(leaf),
    sentChain: chainEvidence(sent),
    validatedPath: chainEvidence(chain.path),
    pathsTried: attemptsEvidence(attempts),
    trustAnchors: options.anchors.description,
    validatedAt: new Date(options.now).toISOString(),
    verdict: chain.kind,
    ...(handshake === null ? {} : { handshakeVerdict: { authorized: handshake.authorized, error: handshake.error } }),
  };
  const own = pathVerdict(leaf, chain, options.source ?? 'server');
  const refused = handshake !== null && handshake.error !== null && !NOT_TRUST_ERRORS.has(handshake.error) ? handshake.error : null;
  if (refused !== null && own.status === 'pass') {
    return {
      status: 'fail',
      summary: `OpenSSL refused the chain during the TLS handshake (${refused}), although the path validation here built a path to a trusted root. ${own.summary}`,
      evidence,
      advice:
        'Two validators disagree, and a sending server may be as strict as the stricter one. Read the OpenSSL error: it usually names a purpose, usage or constraint of one certificate in the chain; replace that certificate.',
    };
  }
  return {
    ...own,
    summary: refused !== null ? `${own.summary} OpenSSL refused it during the TLS handshake too (${refused}).` : own.summary,
    evidence,
  };
}

function nameVerdict(leaf: ParsedCertificate, host: string): Verdict {
  const match = matchHost(leaf, host);
  const evidence: Evidence = {
    host,
    dnsNames: [...leaf.dnsNames],
    ipAddresses: [...leaf.ipAddresses],
    commonNames: [...leaf.commonNames],
    ...(match.matched ? { matchedName: match.name, matchedBy: match.by } : { reason: match.reason }),
  };
  if (!match.matched) {
    return {
      status: 'fail',
      summary: `The certificate does not name ${host}: ${match.reason}.`,
      evidence,
      advice: isIP(host) === 0
        ? `Office 365 checks that the certificate names the smart host. Use a certificate whose subject alternative names include ${host} (or a wildcard that covers it), or point the connector at a name the certificate has.`
        : `Public certificates rarely name IP addresses, so Office 365 cannot validate a smart host given by address. Give the connector the server's DNS name (one the certificate has) instead of ${host}.`,
    };
  }
  const how =
    match.by === 'dns-san'
      ? 'a DNS name'
      : match.by === 'wildcard-san'
        ? 'a wildcard DNS name'
        : match.by === 'ip-san'
          ? 'an IP address name'
          : 'its common name (it has no DNS names)';
  return {
    status: match.by === 'common-name' ? 'warn' : 'pass',
    summary: `The certificate names ${host} through ${how}: ${match.name}.`,
    evidence,
    ...(match.by === 'common-name'
      ? {
          advice: CN_ONLY_ADVICE,
        }
      : {}),
  };
}

/**
 * Why a name found only in the common name is a warning, not a failure or a pass: Office 365 and
 * the web PKI disagree on it, and this says which one decides here.
 */
export const CN_ONLY_ADVICE =
  'Office 365 accepts this: Exchange Online matches the name against the certificate’s subject (its common name) as well as its subject alternative names, as Windows does, so mail flows. ' +
  'That is why this is a warning and not a failure. It is not a pass because the web PKI ignores the common name (RFC 6125, and browsers since 2017): other mail servers, the checks of tools like this one and every public CA treat the certificate as naming nothing, and no public CA issues such a certificate any more. ' +
  'At the next renewal, request the name as a DNS subject alternative name.';

function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

function validityVerdict(leaf: ParsedCertificate, path: readonly ParsedCertificate[], now: number): Verdict {
  const daysLeft = daysBetween(now, leaf.notAfter.getTime());
  const evidence: Evidence = {
    certificate: certificateEvidence(leaf),
    checkedAt: new Date(now).toISOString(),
    daysLeft,
  };
  if (leaf.notBefore.getTime() > now) {
    return {
      status: 'fail',
      summary: `The certificate is not valid yet: it starts on ${leaf.notBefore.toISOString()}.`,
      evidence,
      advice: 'Check the clock of this computer and of the server; if both are right, wait until the start date or reissue the certificate.',
    };
  }
  if (leaf.notAfter.getTime() < now) {
    return {
      status: 'fail',
      summary: `The certificate expired on ${leaf.notAfter.toISOString()}.`,
      evidence,
      advice:
        'Renew the certificate, install it on the server, bind it to SMTP, and update the receive connector (TlsCertificateName) and any inbound connector that names it.',
    };
  }
  const expiredCa = path.slice(1).find((cert) => cert.notAfter.getTime() < now || cert.notBefore.getTime() > now);
  if (expiredCa !== undefined) {
    return {
      status: 'fail',
      summary: `The issuing certificate ${formatWindowsDn(expiredCa.subject)} is outside its validity period (until ${expiredCa.notAfter.toISOString()}).`,
      evidence: { ...evidence, expiredIssuer: certificateEvidence(expiredCa) },
      advice: 'Replace the intermediate certificate on the server with the current one from your certification authority.',
    };
  }
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    return {
      status: 'warn',
      summary: `The certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${leaf.notAfter.toISOString()}).`,
      evidence,
      advice:
        'Renew it now. After installing the new certificate, update the receive connector (TlsCertificateName) so Office 365 keeps delivering.',
    };
  }
  return { status: 'pass', summary: `The certificate is valid until ${leaf.notAfter.toISOString()} (${daysLeft} days left).`, evidence };
}

function keyProblem(cert: ParsedCertificate): string | null {
  const { type, bits } = cert.key;
  if (type === 'ed25519' || type === 'ed448') return null;
  if (type === 'rsa' || type === 'rsa-pss') return bits !== null && bits >= MIN_RSA_BITS ? null : `an RSA key of ${bits ?? 'unknown'} bits (minimum ${MIN_RSA_BITS})`;
  if (type === 'ec') return bits !== null && bits >= MIN_EC_BITS ? null : `an EC key of ${bits ?? 'unknown'} bits (minimum ${MIN_EC_BITS})`;
  return `a ${describeKey(cert.key)} key, which is not accepted`;
}

/**
 * Signatures that matter are those a client checks: the leaf's and each intermediate's on the built
 * path. A root's self-signature is not checked by anyone, nor is the trust anchor's.
 */
function strengthVerdict(leaf: ParsedCertificate, chain: ChainVerdict): Verdict {
  const anchor = chain.kind === 'trusted' ? chain.anchor : null;
  const signed = [leaf, ...chain.path.slice(1).filter((cert) => !cert.selfIssued && cert !== anchor)];
  const weakSignatures = signed.filter((cert) => !STRONG_HASHES.has(cert.signatureAlgorithm.hash));
  const keyIssue = keyProblem(leaf);
  const evidence: Evidence = {
    key: describeKey(leaf.key),
    signatureAlgorithm: leaf.signatureAlgorithm.name,
    chainSignatures: signed.map((cert) => ({ subject: formatWindowsDn(cert.subject), signatureAlgorithm: cert.signatureAlgorithm.name })),
  };
  const problems = [
    ...(keyIssue === null ? [] : [`the certificate has ${keyIssue}`]),
    ...weakSignatures.map(
      (cert) => `${cert === leaf ? 'the certificate' : formatWindowsDn(cert.subject)} is signed with ${cert.signatureAlgorithm.name}`,
    ),
  ];
  if (problems.length === 0) {
    return { status: 'pass', summary: `${describeKey(leaf.key)}, signed with ${leaf.signatureAlgorithm.name}.`, evidence };
  }
  return {
    status: 'fail',
    summary: `Too weak: ${problems.join('; ')}.`,
    evidence,
    advice:
      'Current clients reject such certificates. Request a new certificate with an RSA key of at least 2048 bits (or an EC P-256 key) signed with SHA-256 or better.',
  };
}

function acceptedDomainVerdict(leaf: ParsedCertificate, domains: readonly string[]): Verdict {
  const matches = matchDomains(leaf, domains);
  const best = matches[0];
  const evidence: Evidence = {
    domains: [...domains],
    certificateNames: [...new Set([...leaf.dnsNames, ...leaf.commonNames])],
    matches: matches.map((m) => ({ domain: m.domain, certName: m.certName, kind: m.kind })),
    ...(best === undefined ? {} : { tlsSenderCertificateName: best.certName }),
  };
  if (best === undefined) {
    return {
      status: 'warn',
      summary: `The certificate names none of the domains (${domains.join(', ')}).`,
      evidence,
      advice:
        'An inbound connector that identifies your server by certificate, and relaying your mail to the Internet, need a certificate whose name is one of your accepted domains (or a name under one). Get such a certificate, or identify the server by its IP address instead.',
    };
  }
  const named = [...new Set(matches.map((m) => `${m.certName} (${m.kind === 'exact' ? m.domain : `${m.kind} of ${m.domain}`})`))];
  return {
    status: 'pass',
    summary: `The certificate names ${named.join(', ')}; use -TlsSenderCertificateName ${best.certName}.`,
    evidence,
  };
}

/**
 * Analyses a chain as sent (base64 DER, leaf first). Rejects with CertificateParseError when an entry
 * is not a certificate, RangeError when the chain is empty.
 */
export async function analyseChain(chainDer: readonly string[], options: AnalyseOptions): Promise<CertificateAnalysis> {
  const sent = chainDer.map((der) => parseCertificateBase64(der));
  const leaf = sent[0];
  if (leaf === undefined) throw new RangeError('the server sent no certificate');
  const { verdict: chain, attempts } = await validatePath(sent, options.anchors, options.now);
  return {
    leaf,
    sent,
    chain,
    attempts,
    trusted: trustedVerdict({ leaf, sent, chain, attempts, options }),
    name: options.host === null ? null : nameVerdict(leaf, options.host),
    validity: validityVerdict(leaf, chain.path, options.now),
    strength: strengthVerdict(leaf, chain),
    acceptedDomain: options.domains.length === 0 ? null : acceptedDomainVerdict(leaf, options.domains),
    tlsCertificateName: tlsCertificateName(leaf),
    setReceiveConnectorCommand: setReceiveConnectorCommand(leaf, options.exchangeServer ?? null),
  };
}
