/**
 * A decoded bounce in the engagement's own words: the known failures' fixes and commands name
 * placeholders (<outbound connector>, <smart host>, <tenant>.mail.protection.outlook.com, …) and
 * the guide's default connector names; with an engagement they read its own connector names,
 * hosts and addresses. A placeholder the engagement cannot fill stays, so it is never guessed.
 */
import type { BounceAnalysis, Diagnosis, KnownFailureView } from './decode.js';

/** What an engagement knows; null where it does not. */
export interface BounceNames {
  readonly outboundConnector: string | null;
  readonly inboundConnector: string | null;
  readonly sendConnector: string | null;
  readonly smartHost: string | null;
  readonly domain: string | null;
  readonly tenantMx: string | null;
  readonly publicIp: string | null;
  readonly testAddress: string | null;
  readonly certificateName: string | null;
  /** The address that bounced. */
  readonly recipient: string | null;
}

/** Each replacement: the text as the known failures write it, and the name that stands for it. */
function replacements(names: BounceNames): readonly (readonly [string, string | null])[] {
  return [
    ['<tenant>.mail.protection.outlook.com', names.tenantMx],
    ['<domain>.mail.protection.outlook.com', names.tenantMx],
    ['"<outbound connector>"', names.outboundConnector === null ? null : `"${names.outboundConnector}"`],
    ['"<inbound connector>"', names.inboundConnector === null ? null : `"${names.inboundConnector}"`],
    ['<outbound connector>', names.outboundConnector],
    ['<inbound connector>', names.inboundConnector],
    ['"To Office 365"', names.sendConnector === null ? null : `"${names.sendConnector}"`],
    ['"From on-premises"', names.inboundConnector === null ? null : `"${names.inboundConnector}"`],
    ['<smart host>', names.smartHost],
    ['<host>', names.smartHost],
    ['<domain>', names.domain],
    ['<your public IP>', names.publicIp],
    ['<test address>', names.testAddress],
    ['<name on the certificate>', names.certificateName],
    ['<address>', names.recipient],
  ];
}

export function fillNames(text: string, names: BounceNames): string {
  return replacements(names).reduce((current, [placeholder, name]) => (name === null ? current : current.split(placeholder).join(name)), text);
}

function fillKnown(known: KnownFailureView | null, names: BounceNames): KnownFailureView | null {
  if (known === null) return null;
  return { ...known, fix: fillNames(known.fix, names), commands: known.commands.map((command) => fillNames(command, names)) };
}

const fillDiagnosis = (diagnosis: Diagnosis, names: BounceNames): Diagnosis => ({ ...diagnosis, known: fillKnown(diagnosis.known, names) });

/** The bounce with every fix and command filled in from the engagement. */
export function withEngagementNames(analysis: BounceAnalysis, names: Omit<BounceNames, 'recipient'>): BounceAnalysis {
  const recipient = analysis.recipients.map((entry) => entry.finalRecipient ?? entry.originalRecipient).find((address) => address !== null) ?? null;
  const all = { ...names, recipient };
  return { ...analysis, primary: fillDiagnosis(analysis.primary, all), diagnoses: analysis.diagnoses.map((diagnosis) => fillDiagnosis(diagnosis, all)) };
}
