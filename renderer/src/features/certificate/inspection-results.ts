import type { CheckStatus, Json, ServerKind } from '../../../../preload/contract';

export interface InspectionResult {
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly advice?: string;
}

/** The inspection's verdicts, as saved (the report is stored as plain JSON in the engagement). */
export function asResults(value: Json | undefined): readonly InspectionResult[] {
  if (!Array.isArray(value)) return [];
  return (value as readonly Json[]).flatMap((item): InspectionResult[] => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
    const record = item as Readonly<Record<string, Json>>;
    const { id, label, status, summary, advice } = record;
    if (typeof id !== 'string' || typeof label !== 'string' || typeof summary !== 'string' || typeof status !== 'string') return [];
    if (!['pass', 'warn', 'fail', 'error', 'skip'].includes(status)) return [];
    return [{ id, label, status: status as CheckStatus, summary, ...(typeof advice === 'string' ? { advice } : {}) }];
  });
}

/**
 * Whether to offer the Set-ReceiveConnector command: only on Exchange, and only for a certificate
 * that fails no verdict (binding one Office 365 would refuse breaks mail flow).
 */
export function offersReceiveConnectorCommand(results: readonly InspectionResult[], serverKind: ServerKind): boolean {
  return serverKind === 'exchange' && !results.some((result) => result.status === 'fail');
}
