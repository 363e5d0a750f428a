/**
 * What Microsoft's own proof (pasted back from PowerShell) says about a checklist item. It stands
 * beside this computer's checks, never merged into them: a validation is Office 365 reaching the
 * server from the Internet, which a connection made from the consultant's laptop cannot show.
 */
import type { Engagement, StageResult, TraceEntry } from '../../../../preload/contract';
import { formatDay, formatTime } from '../../ui/format-time';
import { joinList } from '../checks/proof';

export interface OfficeProofLine {
  readonly status: 'pass' | 'warn' | 'fail';
  readonly text: string;
}

/** The items a connector validation proves: port 25 reachable from the Internet, delivery over TLS. */
const VALIDATED_ITEMS = new Set(['pre.port-25', 'p1.outbound-connector']);

const lower = (value: string): string => value.toLowerCase();

function stageLines(stages: readonly StageResult[], smartHosts: readonly string[], importedAt: string): OfficeProofLine[] {
  const hosts = [...new Set(stages.map((stage) => stage.smartHost ?? 'the smart host'))];
  const lines = hosts.flatMap((host): OfficeProofLine[] => {
    const own = stages.filter((stage) => (stage.smartHost ?? 'the smart host') === host);
    const failed = own.filter((stage) => stage.status === 'fail');
    if (failed.length > 0) {
      return failed.map((stage) => ({
        status: 'fail',
        text: `Office 365 could not complete ${stage.stage ?? 'a step'} for ${host}${stage.detail === '' ? '' : `: ${stage.detail}`}.${stage.fix === null ? '' : ` ${stage.fix}`}`,
      }));
    }
    const unread = own.filter((stage) => stage.status === 'unknown');
    if (unread.length > 0) {
      return [{ status: 'warn', text: `Office 365's answer for ${joinList(unread.map((stage) => stage.stage ?? 'a step'))} at ${host} could not be read as passed or failed.` }];
    }
    return [{ status: 'pass', text: `Office 365 reached ${host} on port 25 and delivered to it over TLS (Validate-OutboundConnector, imported ${formatDay(importedAt)}).` }];
  });
  const named = new Set(hosts.map(lower));
  const missing = smartHosts.filter((host) => !named.has(lower(host)));
  if (missing.length > 0 && !named.has('the smart host')) {
    lines.push({ status: 'warn', text: `Office 365's validation does not name ${joinList(missing)}: validate the connector that delivers to ${missing.length === 1 ? 'it' : 'them'} too.` });
  }
  return lines;
}

function validationLines(engagement: Engagement): OfficeProofLine[] {
  const validation = engagement.officeProof.validation;
  if (validation === null) return [];
  if (validation.stages.length > 0) return stageLines(validation.stages, engagement.smartHosts, validation.importedAt);
  return validation.connectors.map((connector) =>
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

const domainOf = (address: string): string => lower(address.slice(address.lastIndexOf('@') + 1));

function traceLine(entry: TraceEntry): OfficeProofLine {
  const what = `${entry.recipient}${entry.subject === null ? '' : ` ("${entry.subject}")`}`;
  const when = entry.received === null ? '' : `, received ${formatTime(entry.received)}`;
  if (entry.delivered) return { status: 'pass', text: `Message trace: delivered to ${what}${when}.` };
  const last = entry.events.at(-1);
  const detail = last === undefined ? '' : `: ${last.event}${last.detail === null ? '' : ` (${last.detail})`}`;
  return { status: entry.status.toLowerCase() === 'pending' ? 'warn' : 'fail', text: `Message trace: ${what} is ${entry.status}${detail}${when}.` };
}

/**
 * Office 365's proof for one item. A traced message to one of the engagement's domains proves the
 * path into the organisation (test.inbound); one to another domain proves that Office 365 relayed
 * the server's mail to the Internet (test.outbound).
 */
export function officeProofFor(engagement: Engagement, itemId: string): readonly OfficeProofLine[] {
  if (VALIDATED_ITEMS.has(itemId)) return validationLines(engagement);
  if (itemId !== 'test.inbound' && itemId !== 'test.outbound') return [];
  const domains = new Set(engagement.domains.map(lower));
  const entries = engagement.officeProof.trace?.entries ?? [];
  return entries.filter((entry) => domains.has(domainOf(entry.recipient)) === (itemId === 'test.inbound')).map(traceLine);
}
