/**
 * The scripts a report carries: the same generators as the app's Scripts step and `mailflow
 * scripts`, with the choices they were made with spelled out, or the reasons they could not be
 * made, so the reader knows which answer to complete.
 */
import type { ServerKind } from '../../../preload/vocabulary/engagement.js';
import { exchangeOnlineScript } from '../scripts/exchange-online.js';
import { generateScripts } from '../scripts/generate.js';
import type { ScriptInputs, ValidatedScriptInputs } from '../scripts/types.js';
import { validateScriptInputs } from '../scripts/validate-inputs.js';
import type { HandoverScripts } from './types.js';

export interface ReportScriptContext {
  /** The server as the engagement records it; 'other' gets the Exchange Online script only. */
  readonly serverKind: ServerKind;
  /** True when inputs.tenantMx was derived from the first domain rather than given. */
  readonly tenantMxDerived: boolean;
  /** Said after the choices, e.g. where to make other choices. */
  readonly notes: readonly string[];
}

/** The choices behind the scripts, in plain words, so the reader can tell what they will do. */
function choiceNotes(value: ValidatedScriptInputs, tenantMxDerived: boolean): string[] {
  const scope =
    value.scope === 'accepted-domains'
      ? `the outbound connector serves ${value.domains.join(', ')}`
      : 'a mail flow rule selects the messages for the outbound connector';
  const identity =
    value.inboundBy === 'certificate'
      ? `Office 365 recognises your server by its certificate${value.certificateName === null ? '' : ` (${value.certificateName})`}`
      : `Office 365 recognises your server by its IP addresses (${value.senderIpAddresses.join(', ')})`;
  return [
    `${value.mode === 'new' ? 'Creates new connectors' : 'Changes the existing connectors'}: ${scope}; ${identity}; certificate check ${value.tlsSettings}.`,
    `Office 365 MX host: ${value.tenantMx}${tenantMxDerived ? ' (derived from the first domain: compare it with the one shown in the Microsoft 365 admin center)' : ''}.`,
    `Validate-OutboundConnector sends its test messages to ${value.testAddresses.join(', ')}.`,
  ];
}

export function scriptsForReport(inputs: ScriptInputs, context: ReportScriptContext): HandoverScripts {
  const validated = validateScriptInputs(inputs);
  if (!validated.ok) {
    return {
      kind: 'not-generated',
      reason: 'The scripts could not be generated from these answers. Complete or correct the answers below, then make the report again.',
      // A derived MX host is only wrong because the first domain is, which is already listed.
      issues: validated.issues.filter((issue) => !context.tenantMxDerived || issue.field !== 'tenantMx'),
    };
  }
  const notes = [...choiceNotes(validated.value, context.tenantMxDerived), ...context.notes];
  if (context.serverKind === 'other') {
    return {
      kind: 'generated',
      scripts: [exchangeOnlineScript(validated.value)],
      notes: [
        ...notes,
        'Your server is neither Exchange nor Postfix, so only the Exchange Online script is included: relay its outgoing mail to the Office 365 MX host over TLS on port 25, and make it present a certificate Office 365 trusts.',
      ],
    };
  }
  return { kind: 'generated', scripts: generateScripts(inputs), notes };
}
