import type { CertificateInspection, Json, ServerKind } from '../../../../preload/contract';
import { CodeBlock } from '../../ui/CodeBlock';
import { CopyButton } from '../../ui/CopyButton';
import { EvidenceView } from '../../ui/EvidenceView';
import { StatusPill } from '../../ui/StatusPill';
import { formatTime, localizeTimes } from '../../ui/format-time';
import { useCheckCatalogStore } from '../checks/check-catalog-store';
import { asResults, offersReceiveConnectorCommand } from './inspection-results';

/** The saved inspection: its verdicts, the receive connector command, the certificate's details. */
export function InspectionView({ inspection, serverKind }: { inspection: CertificateInspection; serverKind: ServerKind }) {
  const report = inspection.report;
  const results = asResults(report.results);
  const offerCommand = offersReceiveConnectorCommand(results, serverKind);
  // Each verdict by the name its check has in the Checks card (the saved report keeps a short label).
  const checks = useCheckCatalogStore((state) => state.checks);
  const titleOf = (id: string, label: string): string => checks.find((check) => check.id === id)?.title ?? label;
  const certificate = report.certificate;
  const tlsName = typeof report.tlsCertificateName === 'string' ? report.tlsCertificateName : null;
  const command = typeof report.setReceiveConnectorCommand === 'string' ? report.setReceiveConnectorCommand : null;
  return (
    <div className="inspection">
      <p className="small muted">
        {inspection.fileName}, inspected {formatTime(inspection.at)}
      </p>
      <ul className="check-results">
        {results.map((result) => (
          <li key={result.id} className={`check-result check-${result.status}`}>
            <div className="check-head">
              <StatusPill status={result.status} />
              <span className="check-title">{titleOf(result.id, result.label)}</span>
            </div>
            <p className="check-summary">{localizeTimes(result.summary)}</p>
            {result.advice !== undefined && <p className="check-advice">{result.advice}</p>}
          </li>
        ))}
      </ul>
      {offerCommand && tlsName !== null && command !== null && (
        <div className="receive-connector">
          <h3>Exchange receive connector</h3>
          <p className="small">TlsCertificateName for Set-ReceiveConnector (run in the Exchange Management Shell):</p>
          <CodeBlock label="Set-ReceiveConnector command">{command}</CodeBlock>
          <CopyButton text={command} label="Copy command" />
        </div>
      )}
      {certificate !== undefined && typeof certificate === 'object' && certificate !== null && !Array.isArray(certificate) && (
        <details className="check-details">
          <summary>Certificate details</summary>
          <EvidenceView evidence={certificate as Readonly<Record<string, Json>>} />
        </details>
      )}
    </div>
  );
}
