import { useState, type DragEvent } from 'react';
import type { Engagement } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useOwnError } from '../../api/errors';
import { InspectionView } from './InspectionView';
import { PfxPasswordForm } from './PfxPasswordForm';
import { INSPECT, useCertificateStore } from './certificate-store';

/** Inspect the server's certificate file (PEM, DER, PFX) before or without a live connection. */
export function CertificateInspector({ engagement }: { engagement: Engagement }) {
  const inspectFile = useCertificateStore((state) => state.inspect);
  const pending = useCertificateStore((state) => (state.pending?.engagementId === engagement.id ? state.pending : null));
  const busy = useBusy(INSPECT);
  const problem = useOwnError('certificate');
  const [dragging, setDragging] = useState(false);
  const inspection = engagement.certificateInspection;
  const inspect = (file: File): Promise<void> => inspectFile(engagement.id, file);

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) void inspect(file);
  };

  return (
    <section className="card section-card" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">Certificate file</h2>
      <p className="muted small">
        Check the certificate the server will present: PEM, DER (.cer/.crt) or PFX. A PFX is opened with its password saved in the keychain (Details), or asks for it.
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
      {problem !== null && <p className="inline-problem">{problem.message}</p>}
      {pending?.needsPassword === true && <PfxPasswordForm fileName={pending.name} />}
      {/* A new file replaces the result of the last one at once, also when it cannot be read. */}
      {inspection !== null && pending === null && <InspectionView inspection={inspection} serverKind={engagement.serverKind} />}
    </section>
  );
}
