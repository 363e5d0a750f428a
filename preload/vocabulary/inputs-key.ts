/**
 * Which of an engagement's inputs a check's result depends on, as a short fingerprint saved with
 * the result: when the check settings, the imported inventory or the tenant read that the check
 * reads change, the fingerprint differs and the result is out of date until the check runs again.
 * The smart hosts and domains are not part of it: a result names its target, which is compared
 * with them directly. staleReason puts both together, once, for the app and the report.
 */
import type { Engagement, SavedCheckResult } from './engagement.js';

type KeyedEngagement = Pick<Engagement, 'checkSettings' | 'inventory' | 'tenantSnapshot' | 'connectorChoices' | 'relayCertificate'>;

/** The checks that run once per domain (the registry's perDomain, kept equal by a test). */
export const PER_DOMAIN_CHECKS: ReadonlySet<string> = new Set(['dns.mx', 'dns.dane', 'dns.spf', 'dns.dmarc', 'dns.dkim', 'dns.mta-sts', 'dns.tlsrpt', 'tenant.domains', 'tenant.mx', 'tenant.spf', 'tenant.cnames', 'tenant.accepted-domain-type']);

/** The checks that run once per smart host (the registry's perSmartHost, kept equal by a test); the others run once, named after the first. */
export const PER_SMART_HOST_CHECKS: ReadonlySet<string> = new Set([
  'dns.smarthost.resolve',
  'dns.smarthost.ptr',
  'dns.blocklist',
  'smtp.connect',
  'smtp.banner',
  'smtp.ehlo',
  'smtp.starttls',
  'tls.handshake',
  'tls.protocols',
  'tls.certificate.trusted',
  'tls.certificate.name',
  'tls.certificate.validity',
  'tls.certificate.strength',
  'tls.certificate.accepted-domain',
]);

const lower = (value: string): string => value.toLowerCase();

/** FNV-1a over the text: short, stable, and the same in the renderer and main. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const importedAt = (engagement: KeyedEngagement, side: string): string | null => engagement.inventory.find((document) => document.side === side)?.importedAt ?? null;

/** The inputs a check reads besides its target, by what the check's id starts with. */
function inputsOf(checkId: string, engagement: KeyedEngagement): readonly unknown[] {
  const settings = engagement.checkSettings;
  const ca = settings.extraCaPem.trim();
  if (checkId.startsWith('smtp.')) return [settings.smtpPort];
  if (checkId.startsWith('tls.')) return [settings.smtpPort, ca];
  if (checkId === 'eop.relay') return [settings.tenantMx, ca, settings.relayTo ?? null, engagement.connectorChoices.inboundBy, engagement.relayCertificate?.sha256 ?? null];
  if (checkId.startsWith('eop.')) return [settings.tenantMx, ca];
  if (checkId === 'dns.mx') return [settings.tenantMx, engagement.tenantSnapshot?.readAt ?? null];
  // The policy is checked against the tenant's MX (the tenant read, else the setting) and fetched over HTTPS.
  if (checkId === 'dns.mta-sts') return [settings.tenantMx, engagement.tenantSnapshot?.readAt ?? null, ca];
  if (checkId.startsWith('firewall.')) return [settings.firewallAllow.trim()];
  if (checkId.startsWith('tenant.')) return [engagement.tenantSnapshot?.readAt ?? null, importedAt(engagement, 'exchange-online')];
  if (checkId.startsWith('onprem.')) return [settings.tenantMx, importedAt(engagement, 'exchange-server'), importedAt(engagement, 'postfix')];
  return [];
}

/** The fingerprint of what a check's result depended on; every check also depends on the DNS server asked. */
export function checkInputsKey(checkId: string, engagement: KeyedEngagement): string {
  return fingerprint(JSON.stringify([engagement.checkSettings.dnsServer, ...inputsOf(checkId, engagement)]));
}

/**
 * Whether a result's target is one the engagement checks now: a current domain, one of the current
 * smart hosts, or (for a check run once) the first smart host it was named after.
 */
function targetIsCurrent(engagement: Pick<Engagement, 'domains' | 'smartHosts'>, result: SavedCheckResult): boolean {
  if (result.target === null) return !PER_DOMAIN_CHECKS.has(result.id) && !PER_SMART_HOST_CHECKS.has(result.id);
  const target = lower(result.target);
  if (PER_DOMAIN_CHECKS.has(result.id)) return engagement.domains.some((domain) => lower(domain) === target);
  if (PER_SMART_HOST_CHECKS.has(result.id)) return engagement.smartHosts.some((host) => lower(host) === target);
  if (engagement.domains.some((domain) => lower(domain) === target)) return true;
  const smartHost = engagement.smartHosts[0];
  return smartHost === undefined || lower(smartHost) === target;
}

/**
 * Why a saved result is out of date, or null when it is about the engagement as it is now:
 * `target` when it was run for a smart host or domain the engagement no longer checks, `inputs`
 * when the check settings, inventory or tenant read it depended on changed since it ran (results
 * saved before the app kept that fingerprint count as current).
 */
export function staleReason(engagement: KeyedEngagement & Pick<Engagement, 'domains' | 'smartHosts'>, result: SavedCheckResult): 'target' | 'inputs' | null {
  if (!targetIsCurrent(engagement, result)) return 'target';
  if (result.inputsKey !== undefined && result.inputsKey !== checkInputsKey(result.id, engagement)) return 'inputs';
  return null;
}

/** Whether a saved result is about the engagement as it is now (staleReason is null). */
export const isCurrent = (engagement: KeyedEngagement & Pick<Engagement, 'domains' | 'smartHosts'>, result: SavedCheckResult): boolean => staleReason(engagement, result) === null;
