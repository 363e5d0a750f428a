/**
 * Advice in the command line's terms: a setting fix is the option that changes it, an action is the
 * command that does it, a command is shown as is. The check's words stay face-neutral; this is the
 * one place the CLI's names are attached to them.
 */
import type { Advice, CheckResult, Fix, FixAction, FixSetting } from '../../preload/vocabulary/checks.js';

/** The option of `mailflow preflight` (or `mailflow scripts`) that changes each setting. */
export const SETTING_OPTIONS: Readonly<Record<FixSetting, string>> = {
  smartHosts: '--smart-host HOST',
  domains: '--domain DOMAIN',
  smtpPort: '--smtp-port N',
  dnsServer: '--dns IP[:PORT]',
  tenantMx: '--tenant-mx HOST',
  firewallAllow: '--firewall-allow FILE',
  timeoutMs: '--timeout-ms N',
  extraCa: '--ca-file PEM',
  inboundBy: 'mailflow scripts --inbound-by certificate|ip',
  certificateName: 'mailflow scripts --certificate-name NAME',
  relayTo: '--relay-to ADDRESS',
};

export const ACTION_COMMANDS: Readonly<Record<FixAction, string>> = {
  'refresh-ranges': 'mailflow ranges --refresh',
  'firewall-rules': 'mailflow ranges --format iptables|nftables|windows|cidr',
  'records-to-publish': 'mailflow preflight --json (recordToPublish in the evidence)',
  'sign-in': 'sign in to Microsoft 365 in the Mailflow Assistant app (the command line does not sign in)',
  'read-tenant': 'read the tenant in the Mailflow Assistant app',
  'import-validation': 'run Validate-OutboundConnector in Exchange Online PowerShell and import its output in the Mailflow Assistant app (Part 1)',
  'run-again': 'run mailflow preflight again',
};

export function renderFix(fix: Fix): string {
  switch (fix.kind) {
    case 'setting':
      return SETTING_OPTIONS[fix.setting];
    case 'action':
      return ACTION_COMMANDS[fix.action];
    case 'command':
      return fix.command;
  }
}

/** The advice as one line of the terminal: its words, then the fixes in CLI terms. */
export function renderAdvice(advice: Advice): string {
  if (advice.fixes.length === 0) return advice.text;
  return `${advice.text} [${advice.fixes.map(renderFix).join('; ')}]`;
}

/** A result for `--json`: "advice" stays the CLI-rendered string (as before) and "fixes" is added. */
export type JsonCheckResult = Omit<CheckResult, 'advice'> & { readonly advice?: string; readonly fixes?: readonly Fix[] };

export function jsonResult(result: CheckResult): JsonCheckResult {
  const { advice, ...rest } = result;
  return advice === undefined ? rest : { ...rest, advice: renderAdvice(advice), fixes: advice.fixes };
}
