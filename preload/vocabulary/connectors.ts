/** The connector choices of the guide's Part 1 and Part 2, as data. */
/** The allowed values as data, so the CLI and IPC can check a raw string before it is typed. */
export const CONNECTOR_SCOPES = ['accepted-domains', 'transport-rule'] as const;
export const INBOUND_IDENTIFICATIONS = ['certificate', 'ip'] as const;
export const ON_PREM_SERVER_KINDS = ['exchange', 'postfix'] as const;
export const OUTBOUND_TLS_SETTINGS = ['EncryptionOnly', 'CertificateValidation', 'DomainValidation'] as const;
export const SCRIPT_MODES = ['new', 'edit'] as const;
export const POSTFIX_TLS_LEVELS = ['secure', 'verify'] as const;

export type ConnectorScope = (typeof CONNECTOR_SCOPES)[number];
export type InboundIdentification = (typeof INBOUND_IDENTIFICATIONS)[number];
export type OnPremServerKind = (typeof ON_PREM_SERVER_KINDS)[number];
export type OutboundTlsSettings = (typeof OUTBOUND_TLS_SETTINGS)[number];
export type ScriptMode = (typeof SCRIPT_MODES)[number];
export type PostfixTlsLevel = (typeof POSTFIX_TLS_LEVELS)[number];

