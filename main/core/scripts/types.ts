/**
 * What the script generators take and give. The input is an engagement's answers as the person gave
 * them; validate-inputs.ts turns it into ValidatedScriptInputs (normalised, defaults applied) or a
 * ScriptInputError listing every bad field, so no generator ever sees raw text.
 */
export {
  CONNECTOR_SCOPES,
  INBOUND_IDENTIFICATIONS,
  ON_PREM_SERVER_KINDS,
  OUTBOUND_TLS_SETTINGS,
  POSTFIX_TLS_LEVELS,
  SCRIPT_MODES,
  type ConnectorScope,
  type InboundIdentification,
  type OnPremServerKind,
  type OutboundTlsSettings,
  type PostfixTlsLevel,
  type ScriptMode,
} from '../../../preload/vocabulary/connectors.js';
import type { Inventory } from '../inventory/document.js';
import type {
  ConnectorScope,
  InboundIdentification,
  OnPremServerKind,
  OutboundTlsSettings,
  PostfixTlsLevel,
  ScriptMode,
} from '../../../preload/vocabulary/connectors.js';

export interface ScriptInputs {
  /** The accepted domains whose mail flows through the connectors. */
  readonly domains: readonly string[];
  /** Your server(s) that Office 365 delivers to: FQDN or IPv4. */
  readonly smartHosts: readonly string[];
  readonly scope: ConnectorScope;
  readonly inboundBy: InboundIdentification;
  /** The SMTP domain your certificate names (TlsSenderCertificateName); default: the first smart host name. */
  readonly certificateName?: string;
  /** IPv4 addresses or /24-/32 ranges your server sends from (inboundBy 'ip'). */
  readonly senderIpAddresses?: readonly string[];
  readonly serverKind: OnPremServerKind;
  /** Recipients for Validate-OutboundConnector; default: postmaster@ each domain (RFC 5321 requires it). */
  readonly testAddresses: readonly string[];
  /** The tenant's Office 365 MX host, e.g. contoso-com.mail.protection.outlook.com. */
  readonly tenantMx: string;
  /** How Office 365 checks your server's certificate; default CertificateValidation. */
  readonly tlsSettings?: OutboundTlsSettings;
  /** The name the certificate must match with DomainValidation (wildcard "*.domain" allowed). */
  readonly tlsDomain?: string;
  readonly connectorNames?: {
    readonly outbound?: string;
    readonly inbound?: string;
    /** The mail flow rule that selects the outbound connector (scope 'transport-rule'). */
    readonly transportRule?: string;
    /** The on-premises Exchange send connector to Office 365. */
    readonly sendConnector?: string;
  };
  /** The FQDN your server announces (Exchange -Fqdn); default: the first smart host name. */
  readonly onPremFqdn?: string;
  /** "<I>issuer<S>subject" of your certificate, as computed from the inspected certificate. */
  readonly tlsCertificateName?: string;
  /** Exchange receive connector that Office 365 connects to; default "<server>\Default Frontend <server>". */
  readonly receiveConnectorIdentity?: string;
  readonly postfix?: {
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly caFile?: string;
    readonly tlsLevel?: PostfixTlsLevel;
  };
  readonly mode: ScriptMode;
  /** What the inventory scripts read, when imported: edit scripts then target the real objects. */
  readonly inventory?: Inventory | null;
}

/**
 * What already exists where the scripts will run, from an imported inventory. null means unknown
 * (no inventory for that side): the script then finds out itself when it runs.
 */
export interface ScriptTargets {
  /** Whether the mail flow rule that routes to the outbound connector exists. */
  readonly ruleExists: boolean | null;
  /** Whether the Exchange send connector to Office 365 exists; an edit creates it when it does not. */
  readonly sendConnectorExists: boolean | null;
  /** Enabled "*" send connectors other than the one to Office 365: the script disables them. */
  readonly competingSendConnectors: readonly string[] | null;
  /** The engagement's domains that are Authoritative in Exchange Online: the script makes them InternalRelay. */
  readonly authoritativeDomains: readonly string[] | null;
  /** Objects the imported inventory found and the scripts now target, per side, for the scripts' comments. */
  readonly found: { readonly online: readonly string[]; readonly server: readonly string[] };
}

/** ScriptInputs after validation: every value normalised and safe to quote, every default filled in. */
export interface ValidatedScriptInputs {
  readonly domains: readonly string[];
  readonly smartHosts: readonly string[];
  readonly scope: ConnectorScope;
  readonly inboundBy: InboundIdentification;
  readonly certificateName: string | null;
  readonly senderIpAddresses: readonly string[];
  readonly serverKind: OnPremServerKind;
  readonly testAddresses: readonly string[];
  readonly tenantMx: string;
  readonly tlsSettings: OutboundTlsSettings;
  readonly tlsDomain: string | null;
  readonly names: {
    readonly outbound: string;
    readonly inbound: string;
    readonly transportRule: string;
    readonly sendConnector: string;
  };
  /** Null only when no smart host is a name and none was given (postfix does not need it). */
  readonly onPremFqdn: string | null;
  readonly tlsCertificateName: string | null;
  readonly receiveConnectorIdentity: string | null;
  /** Null unless serverKind is 'postfix'. */
  readonly postfix: {
    readonly certFile: string;
    readonly keyFile: string;
    readonly caFile: string;
    readonly tlsLevel: PostfixTlsLevel;
  } | null;
  readonly mode: ScriptMode;
  readonly targets: ScriptTargets;
}

export type ScriptLanguage = 'powershell' | 'shell' | 'postfix-main.cf';

/** One parameter the script sets, with a one-line explanation the app shows beside it. */
export interface ScriptParameter {
  readonly name: string;
  readonly explanation: string;
}

export interface GeneratedScript {
  readonly title: string;
  readonly language: ScriptLanguage;
  readonly filename: string;
  readonly content: string;
  readonly parameters: readonly ScriptParameter[];
}

export interface ScriptInputIssue {
  /** The input field, e.g. "senderIpAddresses[1]". */
  readonly field: string;
  readonly message: string;
}

/** Every problem with the inputs at once, so the person can fix them in one go. */
export class ScriptInputError extends Error {
  override readonly name = 'ScriptInputError';
  readonly issues: readonly ScriptInputIssue[];

  constructor(issues: readonly ScriptInputIssue[]) {
    super(`Cannot generate the scripts: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}
