/** Configuration script generators: an engagement's answers in, ready-to-run scripts out. */
export { generateScripts } from './generate.js';
export { scriptInputsSchema } from './schema.js';
export { assertScriptInputs, validateScriptInputs } from './validate-inputs.js';
export { DEFAULT_NAMES } from './defaults.js';
export {
  CONNECTOR_SCOPES,
  INBOUND_IDENTIFICATIONS,
  ON_PREM_SERVER_KINDS,
  OUTBOUND_TLS_SETTINGS,
  POSTFIX_TLS_LEVELS,
  SCRIPT_MODES,
  ScriptInputError,
  type ConnectorScope,
  type GeneratedScript,
  type InboundIdentification,
  type OnPremServerKind,
  type OutboundTlsSettings,
  type PostfixTlsLevel,
  type ScriptInputIssue,
  type ScriptInputs,
  type ScriptLanguage,
  type ScriptMode,
  type ScriptParameter,
  type ValidatedScriptInputs,
} from './types.js';
