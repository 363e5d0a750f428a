/**
 * The words of a check run, shared by the core, both faces and the renderer: steps, statuses,
 * results, progress, the metadata of a check, and advice as data (what to fix, by kind, so each
 * face renders it in its own terms: the CLI as an option or command, the app as a control).
 */
export const STEP_IDS = ['prerequisites', 'part1', 'part2', 'test'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** JSON-serialisable value, so evidence survives IPC, JSON output and the saved engagement. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type Evidence = { readonly [key: string]: Json };

/** A setting of the engagement that a fix changes (the CLI has an option for each). */
export const FIX_SETTINGS = [
  'smartHosts',
  'domains',
  'smtpPort',
  'dnsServer',
  'tenantMx',
  'firewallAllow',
  'timeoutMs',
  'extraCa',
  'inboundBy',
  'certificateName',
  'relayTo',
] as const;
export type FixSetting = (typeof FIX_SETTINGS)[number];

/** Something the assistant itself can do for the user. */
export const FIX_ACTIONS = ['refresh-ranges', 'firewall-rules', 'records-to-publish', 'sign-in', 'read-tenant', 'import-validation', 'run-again'] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** Where a command is run by the admin. */
export const COMMAND_PLACES = ['exchange-online', 'exchange-server', 'postfix', 'dns', 'firewall', 'web-server'] as const;
export type CommandPlace = (typeof COMMAND_PLACES)[number];

/** One fix a piece of advice names. */
export type Fix =
  | { readonly kind: 'setting'; readonly setting: FixSetting }
  | { readonly kind: 'action'; readonly action: FixAction }
  | { readonly kind: 'command'; readonly place: CommandPlace; readonly command: string };

/** What to do about a result, in words that fit every face, and the fixes it names. */
export interface Advice {
  /** Plain words; never names a CLI option or an app control (the fixes do that, per face). */
  readonly text: string;
  readonly fixes: readonly Fix[];
}

/** Each setting a fix names, in the app's words: the card and the field's label (every one has a field in the app). */
export const FIX_SETTING_LABELS: Readonly<Record<FixSetting, { readonly place: string; readonly field: string }>> = {
  smartHosts: { place: 'Engagement details', field: 'Your server’s external name or IP (smart host)' },
  domains: { place: 'Engagement details', field: 'Email domains' },
  smtpPort: { place: 'Check settings', field: 'SMTP port of the smart host' },
  dnsServer: { place: 'Check settings', field: 'DNS server to ask' },
  tenantMx: { place: 'Check settings', field: 'Tenant’s Office 365 MX host' },
  firewallAllow: { place: 'Check settings', field: 'Firewall allow list for port 25' },
  timeoutMs: { place: 'Check settings', field: 'Timeout per check (seconds)' },
  extraCa: { place: 'Check settings', field: 'Extra trusted CA certificates (PEM)' },
  inboundBy: { place: 'Connector choices', field: 'How Office 365 recognises your server' },
  certificateName: { place: 'Connector choices', field: 'Domain the certificate names' },
  relayTo: { place: 'Check settings', field: 'Outside recipient for the relay test' },
};

/** Each action a fix names, as a person would ask for it. */
export const FIX_ACTION_LABELS: Readonly<Record<FixAction, string>> = {
  'refresh-ranges': 'Refresh the Office 365 address ranges',
  'firewall-rules': 'Get firewall rules for the Office 365 ranges',
  'records-to-publish': 'See the DNS records to publish',
  'sign-in': 'Sign in to Microsoft 365',
  'read-tenant': 'Read the tenant',
  'import-validation': 'Import Office 365’s connector validation',
  'run-again': 'Run the check again',
};

/** Where a command fix is run, in words. */
export const COMMAND_PLACE_LABELS: Readonly<Record<CommandPlace, string>> = {
  'exchange-online': 'In Exchange Online PowerShell',
  'exchange-server': 'In the Exchange Management Shell',
  postfix: 'On the Postfix server',
  dns: 'In the DNS zone',
  firewall: 'From this network',
  'web-server': 'As the file on the web server',
};

/** What a check's `run` returns. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One sentence a person can read: what was found. */
  readonly summary: string;
  readonly evidence: Evidence;
  /** What to do about it, in words for every face and the fixes it names; absent when there is nothing to do. */
  readonly advice?: Advice;
}

/** One row of the report: a check's outcome for one target. */
export interface CheckResult extends CheckOutcome {
  readonly id: string;
  readonly title: string;
  readonly step: StepId;
  /** The domain for per-domain checks, otherwise the smart host (or null when there is none). */
  readonly target: string | null;
  readonly durationMs: number;
}

/** The summary of a network check the runner did not run because this computer is offline. */
export const OFFLINE_SUMMARY = 'not run: this computer is offline';

/**
 * A result that only says this computer was offline (evidence `{ offline: true }`): not a verdict,
 * so it never replaces an earlier saved result of its check and target.
 */
export const isOfflineResult = (result: Pick<CheckResult, 'evidence'>): boolean => result.evidence.offline === true;

/** Progress reported while a run goes on. */
export type CheckProgress =
  | { readonly kind: 'started'; readonly id: string; readonly target: string | null; readonly done: number; readonly total: number }
  | { readonly kind: 'finished'; readonly result: CheckResult; readonly done: number; readonly total: number };

/** What a check is, for `mailflow checks`, docs/checks.md and the app. */
export interface CheckInfo {
  readonly id: string;
  readonly title: string;
  readonly step: StepId;
  readonly perDomain: boolean;
  /** Runs once for each smart host, with the host as target. */
  readonly perSmartHost: boolean;
  /** Needs the network from this computer; offline it is skipped as not run. */
  readonly network: boolean;
  /** What a pass proves, in one sentence. */
  readonly proves: string;
  readonly dependsOn: readonly string[];
  /** What each status this check can give means. */
  readonly statuses: Readonly<Partial<Record<CheckStatus, string>>>;
}
