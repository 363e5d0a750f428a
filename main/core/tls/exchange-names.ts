/**
 * Names as Exchange wants them. The receive connector's TlsCertificateName is
 * `<I>issuer<S>subject`, each a distinguished name printed the Windows way: most specific RDN first,
 * ", " between RDNs, " + " inside a multi-valued RDN, values with special characters in double quotes.
 * Exchange compares these strings, so they must come out exactly as Windows prints them.
 */
import type { ParsedCertificate, Rdn } from './certificate.js';

/** Characters that make Windows quote an RDN value (CertNameToStr, X.500 style). */
const NEEDS_QUOTES = /[,+="<>#;\r\n]/;

function formatValue(value: string): string {
  const quoted = value === '' || NEEDS_QUOTES.test(value) || value.trim() !== value;
  return quoted ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A distinguished name as Windows prints it: `CN=mail.contoso.com, O=Contoso, C=US`. */
export function formatWindowsDn(name: readonly Rdn[]): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((attr) => `${attr.shortName}=${formatValue(attr.value)}`).join(' + '))
    .join(', ');
}

/** The value for `Set-ReceiveConnector -TlsCertificateName`. */
export function tlsCertificateName(cert: ParsedCertificate): string {
  return `<I>${formatWindowsDn(cert.issuer)}<S>${formatWindowsDn(cert.subject)}`;
}

/**
 * A PowerShell single-quoted string: nothing inside is expanded. PowerShell also treats the
 * typographic single quotes as quote characters, so they are doubled too.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/**
 * The ready-to-paste command binding the certificate to the default frontend receive connector.
 * Without a server name it uses $env:COMPUTERNAME, which is right when pasted into the Exchange
 * Management Shell on the mailbox server itself.
 */
export function setReceiveConnectorCommand(cert: ParsedCertificate, server: string | null): string {
  const identity =
    server === null
      ? '"$env:COMPUTERNAME\\Default Frontend $env:COMPUTERNAME"'
      : powerShellQuote(`${server}\\Default Frontend ${server}`);
  return `Set-ReceiveConnector ${identity} -TlsCertificateName ${powerShellQuote(tlsCertificateName(cert))}`;
}
