/**
 * The script generators' input, from an engagement's answers: its domains and smart hosts, the
 * connector choices, the tenant MX host, and the TlsCertificateName of the inspected certificate.
 */
import { expectedTenantMx } from '../dns/office365-mx.js';
import { generateScripts } from '../scripts/generate.js';
import { scriptFile, type ScriptFile } from '../scripts/file.js';
import { ScriptInputError, type GeneratedScript, type ScriptInputs } from '../scripts/types.js';

import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { inventoryOfEngagement } from './inventory.js';

/** A script with the file it is saved as. */
export type SavableScript = GeneratedScript & { readonly file: ScriptFile };

export const savableScript = (script: GeneratedScript): SavableScript => ({ ...script, file: scriptFile(script) });

export type EngagementScripts =
  | { readonly ok: true; readonly scripts: readonly SavableScript[]; readonly note: string | null }
  | { readonly ok: false; readonly problems: readonly string[] };

function inspectedTlsCertificateName(engagement: Engagement): string | undefined {
  const value = engagement.certificateInspection?.report.tlsCertificateName;
  return typeof value === 'string' ? value : undefined;
}

export function scriptInputsFromEngagement(engagement: Engagement): ScriptInputs {
  const { connectorChoices: choices, checkSettings } = engagement;
  const firstDomain = engagement.domains[0];
  const tlsCertificateName = inspectedTlsCertificateName(engagement);
  return {
    domains: engagement.domains,
    smartHosts: engagement.smartHosts,
    scope: choices.scope,
    inboundBy: choices.inboundBy,
    ...(choices.certificateName === null ? {} : { certificateName: choices.certificateName }),
    senderIpAddresses: choices.senderIpAddresses,
    serverKind: engagement.serverKind === 'exchange' ? 'exchange' : 'postfix',
    testAddresses: engagement.testAddresses,
    tenantMx: checkSettings.tenantMx ?? (firstDomain === undefined ? '' : expectedTenantMx(firstDomain)),
    tlsSettings: choices.tlsSettings,
    ...(tlsCertificateName === undefined ? {} : { tlsCertificateName }),
    mode: choices.mode,
    inventory: inventoryOfEngagement(engagement),
  };
}

/** The scripts for an engagement, or every answer that is missing or wrong. */
export function scriptsForEngagement(engagement: Engagement): EngagementScripts {
  const missing = [
    ...(engagement.domains.length === 0 ? ['Add at least one email domain in Details.'] : []),
    ...(engagement.smartHosts.length === 0 ? ['Add the smart host (your server’s external name or IP) in Details.'] : []),
  ];
  if (missing.length > 0) return { ok: false, problems: missing };
  try {
    const scripts = generateScripts(scriptInputsFromEngagement(engagement)).map(savableScript);
    if (engagement.serverKind !== 'other') return { ok: true, scripts, note: null };
    return {
      ok: true,
      scripts: scripts.slice(0, 1),
      note: 'Your server is neither Exchange nor Postfix: relay its outgoing mail to the tenant’s Office 365 MX host over TLS on port 25, and make it present a certificate that Office 365 trusts.',
    };
  } catch (error) {
    if (error instanceof ScriptInputError) return { ok: false, problems: error.issues.map((issue) => `${issue.field}: ${issue.message}`) };
    throw error;
  }
}
