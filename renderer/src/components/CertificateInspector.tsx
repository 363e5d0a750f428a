import { useState, type DragEvent } from 'react';
import type { Json } from '../../../preload/contract';
import type { Engagement } from '../../../preload/contract';
import type { CheckStatus } from '../../../preload/contract';
import { formatTime } from '../progress';
import { useEngagementsStore } from '../stores/engagements';
import { CopyButton } from './CopyButton';
import { EvidenceView } from './EvidenceView';
import { StatusPill } from './StatusPill';

const MAX_BYTES = 1_000_000;

interface InspectionResult {
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly advice?: string;
}

/** The inspection's verdicts, as saved (the report is stored as plain JSON in the engagement). */
function asResults(value: Json | undefined): readonly InspectionResult[] {
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

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Inspect the server's certificate file (PEM, DER, PFX) before or without a live connection. */
export function CertificateInspector({ engagement }: { engagement: Engagement }) {
  const change = useEngagementsStore((state) => state.change);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const inspection = engagement.certificateInspection;

  const inspect = async (file: File): Promise<void> => {
    setProblem(null);
    if (file.size > MAX_BYTES) {
      setProblem(`${file.name} is ${Math.round(file.size / 1024)} KB: a certificate file is much smaller. Choose the .pem, .cer, .crt or .pfx file.`);
      return;
    }
    setBusy(true);
    try {
      const base64 = await toBase64(file);
      await change((api) => api.inspectCertificate(engagement.id, file.name, base64));
    } catch (error) {
      setProblem(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) void inspect(file);
  };

  const report = inspection?.report;
  const certificate = report?.certificate;
  const tlsName = typeof report?.tlsCertificateName === 'string' ? report.tlsCertificateName : null;
  const command = typeof report?.setReceiveConnectorCommand === 'string' ? report.setReceiveConnectorCommand : null;

  return (
    <section className="card section-card" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">Certificate file</h2>
      <p className="muted small">
        Check the certificate the server will present: PEM, DER (.cer/.crt) or PFX. A PFX is opened with the PFX password saved in the keychain (Details).
      </p>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="button">
          {busy ? 'Inspecting…' : 'Choose a certificate file'}
          <input
            type="file"
            className="visually-hidden"
            accept=".pem,.crt,.cer,.der,.pfx,.p12"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file !== undefined) void inspect(file);
            }}
          />
        </label>
        <span className="muted small">or drop it here</span>
      </div>
      {problem !== null && <p className="inline-problem">{problem}</p>}
      {inspection !== null && (
        <div className="inspection">
          <p className="small muted">
            {inspection.fileName}, inspected {formatTime(inspection.at)}
          </p>
          <ul className="check-results">
            {asResults(report?.results).map((result) => (
              <li key={result.id} className={`check-result check-${result.status}`}>
                <div className="check-head">
                  <StatusPill status={result.status} />
                  <span className="check-title">{result.label}</span>
                </div>
                <p className="check-summary">{result.summary}</p>
                {result.advice !== undefined && <p className="check-advice">{result.advice}</p>}
              </li>
            ))}
          </ul>
          {tlsName !== null && command !== null && (
            <div className="receive-connector">
              <h3>Exchange receive connector</h3>
              <p className="small">TlsCertificateName for Set-ReceiveConnector (run in the Exchange Management Shell):</p>
              <pre className="code-block">{command}</pre>
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
      )}
    </section>
  );
}
