/**
 * External links open in the user's browser only when they go to Microsoft's documentation, admin
 * and sign-in sites over https; anything else is refused.
 */
const ALLOWED_HOSTS: readonly string[] = [
  'learn.microsoft.com',
  'admin.microsoft.com',
  'admin.exchange.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'endpoints.office.com',
  'mxtoolbox.com',
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'microsoft.com',
  'www.microsoft.com',
  'login.microsoft.com',
  'www.rfc-editor.org',
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && ALLOWED_HOSTS.includes(url.hostname);
}
