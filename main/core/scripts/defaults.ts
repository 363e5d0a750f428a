/** Names used when the person does not choose their own; short enough for Exchange's 64-character limit. */
export const DEFAULT_NAMES = {
  outbound: 'Office 365 to on-premises mail server',
  inbound: 'On-premises mail server to Office 365',
  transportRule: 'Route to on-premises mail server',
  sendConnector: 'To Office 365',
} as const;

/** Debian/Ubuntu's bundle of trusted roots, which Postfix uses to verify the Office 365 certificate. */
export const DEFAULT_POSTFIX_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

/** Where certbot (Let's Encrypt) keeps the certificate for a name: the most common setup on Postfix hosts. */
export function defaultPostfixCertFiles(fqdn: string): { readonly certFile: string; readonly keyFile: string } {
  return { certFile: `/etc/letsencrypt/live/${fqdn}/fullchain.pem`, keyFile: `/etc/letsencrypt/live/${fqdn}/privkey.pem` };
}
