/**
 * What Microsoft's own proof (pasted back from PowerShell) says about a checklist item. It stands
 * beside this computer's checks, never merged into them: a validation is Office 365 reaching the
 * server from the Internet, which a connection made from the consultant's laptop cannot show.
 */
import { isOurAddress, VALIDATION_STAGES, type Engagement, type StageResult, type TraceEntry, type ValidationStage } from '../../../../preload/contract';
import { formatDay, formatTime } from '../../ui/format-time';
import { joinList } from '../checks/proof';

export interface OfficeProofLine {
  readonly status: 'pass' | 'warn' | 'fail';
  readonly text: string;
}

/** The validation stages each item rests on: reaching port 25 for the firewall, all four for the connector. */
const ITEM_STAGES: Readonly<Record<string, readonly ValidationStage[]>> = {
  'pre.port-25': ['Resolve', 'Connection'],
  'p1.outbound-connector': VALIDATION_STAGES,
};

const lower = (value: string): string => value.toLowerCase();
const UNNAMED = 'the smart host';

function hostLines(host: string, stages: readonly StageResult[], wanted: readonly ValidationStage[], itemId: string, importedAt: string): OfficeProofLine[] {
  const relevant = stages.filter((stage) => stage.stage === null || wanted.includes(stage.stage));
  const failed = relevant.filter((stage) => stage.status === 'fail');
  if (failed.length > 0) {
    return failed.map((stage) => ({
      status: 'fail',
      text: `Office 365 could not complete ${stage.stage ?? 'a step'} for ${host}${stage.detail === '' ? '' : `: ${stage.detail}`}.${stage.fix === null ? '' : ` ${stage.fix}`}`,
    }));
  }
  const passed = new Set(relevant.filter((stage) => stage.status === 'pass').map((stage) => stage.stage));
  const missing = wanted.filter((stage) => !passed.has(stage));
  if (missing.length > 0) {
    // A stage not shown (or not read as passed) proves nothing: say which, unless none of the item's stages are there.
    if (missing.length === wanted.length) return [];
    return [{ status: 'warn', text: `Office 365's validation of ${host} does not show ${joinList(missing)} as passed: run Validate-OutboundConnector again and paste all of its output.` }];
  }
  const what = itemId === 'pre.port-25' ? `connected to ${host} on port 25 from the Internet` : `reached ${host} on port 25 and delivered a test message to it over TLS`;
  return [{ status: 'pass', text: `Office 365 ${what} (Validate-OutboundConnector, imported ${formatDay(importedAt)}).` }];
}

function stageLines(engagement: Engagement, stages: readonly StageResult[], itemId: string, importedAt: string): OfficeProofLine[] {
  const wanted = ITEM_STAGES[itemId] ?? [];
  const hosts = [...new Set(stages.map((stage) => stage.smartHost ?? UNNAMED))];
  const lines = hosts.flatMap((host) => hostLines(host, stages.filter((stage) => (stage.smartHost ?? UNNAMED) === host), wanted, itemId, importedAt));
  const named = new Set(hosts.map(lower));
  const missing = engagement.smartHosts.filter((host) => !named.has(lower(host)));
  if (missing.length > 0 && !named.has(UNNAMED)) {
    lines.push({ status: 'warn', text: `Office 365's validation does not name ${joinList(missing)}: validate the connector that delivers to ${missing.length === 1 ? 'it' : 'them'} too.` });
  }
  return lines;
}

function validationLines(engagement: Engagement, itemId: string): OfficeProofLine[] {
  const validation = engagement.officeProof.validation;
  if (validation === null) return [];
  if (validation.stages.length > 0) return stageLines(engagement, validation.stages, itemId, validation.importedAt);
  // Get-OutboundConnector lists every connector: only those delivering to this engagement's smart hosts count.
  const ours = new Set(engagement.smartHosts.map(lower));
  const connectors = validation.connectors.filter((connector) => connector.smartHosts.length === 0 || connector.smartHosts.some((host) => ours.has(lower(host))));
  return connectors.map((connector) =>
    connector.isValidated === true
      ? {
          status: 'pass',
          text: `Office 365 lists the connector "${connector.name}" as validated${connector.lastValidationTimestamp === null ? '' : ` on ${formatDay(connector.lastValidationTimestamp)}`}.`,
        }
      : {
          status: 'warn',
          text: `Office 365 lists the connector "${connector.name}" as not validated${connector.lastValidationTimestamp === null ? ' (never validated)' : ` (last tried ${formatDay(connector.lastValidationTimestamp)})`}: run Validate-OutboundConnector and paste its output.`,
        },
  );
}

function traceLine(entry: TraceEntry): OfficeProofLine {
  const what = `${entry.recipient}${entry.subject === null ? '' : ` ("${entry.subject}")`}`;
  const when = entry.received === null ? '' : `, received ${formatTime(entry.received)}`;
  if (entry.delivered) return { status: 'pass', text: `Message trace: delivered to ${what}${when}.` };
  const last = entry.events.at(-1);
  const detail = last === undefined ? '' : `: ${last.event}${last.detail === null ? '' : ` (${last.detail})`}`;
  return { status: entry.status.toLowerCase() === 'pending' ? 'warn' : 'fail', text: `Message trace: ${what} is ${entry.status}${detail}${when}.` };
}

/**
 * Office 365's proof for one item. A traced message from outside to one of the engagement's
 * domains proves the way in (test.inbound); one from the engagement's domains to outside proves
 * that Office 365 relayed the server's mail to the Internet (test.outbound). Other messages (within
 * the organisation, or without a sender) prove neither.
 */
export function officeProofFor(engagement: Engagement, itemId: string): readonly OfficeProofLine[] {
  if (itemId in ITEM_STAGES) return validationLines(engagement, itemId);
  if (itemId !== 'test.inbound' && itemId !== 'test.outbound') return [];
  const entries = engagement.officeProof.trace?.entries ?? [];
  const inbound = itemId === 'test.inbound';
  return entries
    .filter((entry) => {
      const from = isOurAddress(entry.sender, engagement.domains);
      const to = isOurAddress(entry.recipient, engagement.domains);
      return from !== null && to !== null && (inbound ? !from && to : from && !to);
    })
    .map(traceLine);
}
