import { exchangeOnlineScript } from './exchange-online.js';
import { exchangeServerScript } from './exchange-server.js';
import { postfixScripts } from './postfix.js';
import type { GeneratedScript, ScriptInputs } from './types.js';
import { assertScriptInputs } from './validate-inputs.js';

/**
 * Everything the admin must run, for both sides: Exchange Online first (it works before the MX
 * changes), then the on-premises server. Throws ScriptInputError listing every bad field.
 */
export function generateScripts(input: ScriptInputs): readonly GeneratedScript[] {
  const inputs = assertScriptInputs(input);
  const onPremises = inputs.serverKind === 'exchange' ? [exchangeServerScript(inputs)] : postfixScripts(inputs);
  return [exchangeOnlineScript(inputs), ...onPremises];
}
