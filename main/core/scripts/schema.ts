import { z } from 'zod';
import {
  CONNECTOR_SCOPES,
  INBOUND_IDENTIFICATIONS,
  ON_PREM_SERVER_KINDS,
  OUTBOUND_TLS_SETTINGS,
  POSTFIX_TLS_LEVELS,
  SCRIPT_MODES,
  type ScriptInputs,
} from './types.js';

/** Upper bounds that no real engagement reaches, so a hostile IPC payload cannot make us build huge scripts. */
const text = z.string().max(1024);
const list = (max: number) => z.array(text).max(max);

/**
 * The shape of ScriptInputs for IPC payloads: it checks structure and sizes only; the field-level
 * rules (and their messages) stay in validateScriptInputs, which generateScripts always runs.
 */
export const scriptInputsSchema: z.ZodType<ScriptInputs> = z.strictObject({
  domains: list(100),
  smartHosts: list(20),
  scope: z.enum(CONNECTOR_SCOPES),
  inboundBy: z.enum(INBOUND_IDENTIFICATIONS),
  certificateName: text.exactOptional(),
  senderIpAddresses: list(100).exactOptional(),
  serverKind: z.enum(ON_PREM_SERVER_KINDS),
  testAddresses: list(100),
  tenantMx: text,
  tlsSettings: z.enum(OUTBOUND_TLS_SETTINGS).exactOptional(),
  tlsDomain: text.exactOptional(),
  connectorNames: z
    .strictObject({
      outbound: text.exactOptional(),
      inbound: text.exactOptional(),
      transportRule: text.exactOptional(),
      sendConnector: text.exactOptional(),
    })
    .exactOptional(),
  onPremFqdn: text.exactOptional(),
  tlsCertificateName: text.exactOptional(),
  receiveConnectorIdentity: text.exactOptional(),
  postfix: z
    .strictObject({
      certFile: text.exactOptional(),
      keyFile: text.exactOptional(),
      caFile: text.exactOptional(),
      tlsLevel: z.enum(POSTFIX_TLS_LEVELS).exactOptional(),
    })
    .exactOptional(),
  mode: z.enum(SCRIPT_MODES),
});
