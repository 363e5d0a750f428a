import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import './RelayCertificateField.css';
import type { Engagement, RelayCertificate } from '../../../../preload/contract';
import { useOwnError } from '../../api/errors';
import { FileButton } from '../../ui/FileButton';
import { formatDay } from '../../ui/format-time';
import { PLACE, useRelayCertificateStore } from './relay-certificate-store';

const CERTIFICATE_TYPES = '.pfx,.p12,.pem,.crt,.cer,application/x-pkcs12,application/x-pem-file';
const KEY_TYPES = '.key,.pem,application/x-pem-file,text/plain';

function ChosenCertificate({ engagementId, certificate }: { engagementId: string; certificate: RelayCertificate }) {
  const { clear, busy } = useRelayCertificateStore();
  return (
    <div className="relay-certificate-chosen">
      <p>
        Presents <strong>{certificate.subject}</strong> ({certificate.fileName}), valid until {formatDay(certificate.notAfter)}
        {certificate.names.length > 0 && <>, for {certificate.names.join(', ')}</>}. The certificate and its key are kept in this computer’s keychain.
      </p>
      <button type="button" className="button small danger-quiet" disabled={busy} onClick={() => void clear(engagementId)}>
        Remove the certificate
      </button>
    </div>
  );
}

function CertificateChooser({ engagementId }: { engagementId: string }) {
  const { certificate, key, needsPassword, busy, pick, use } = useRelayCertificateStore();
  const [password, setPassword] = useState('');
  const passwordInput = useRef<HTMLInputElement>(null);
  // Asked for in place: the field the user must type into next gets the focus.
  useEffect(() => {
    if (needsPassword) passwordInput.current?.focus();
  }, [needsPassword]);
  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (await use(engagementId, password === '' ? null : password)) setPassword('');
  };
  return (
    <form className="relay-certificate-form" onSubmit={(event) => void submit(event)}>
      <div className="toolbar">
        <FileButton small label="Choose the certificate…" inputLabel="Choose the server certificate (PFX, or PEM with its key)" accept={CERTIFICATE_TYPES} onFile={(file) => void pick('certificate', file)} />
        <span className="muted small">{certificate?.name ?? 'No file chosen.'}</span>
      </div>
      <div className="toolbar">
        <FileButton small label="Its key file…" inputLabel="Choose the certificate’s private key (PEM)" accept={KEY_TYPES} onFile={(file) => void pick('key', file)} />
        <span className="muted small">{key?.name ?? 'Only for a PEM certificate whose key is in another file.'}</span>
      </div>
      <label className="field">
        <span className="field-label">Password of the PFX or key</span>
        <span className="field-hint">{needsPassword ? 'This file is protected: type its password.' : 'Empty when the file has none. It is used once, to open the file, and not kept.'}</span>
        <input ref={passwordInput} id="relay-certificate-password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      <button type="submit" className="button small" disabled={certificate === null || busy}>
        Present this certificate in the relay test
      </button>
    </form>
  );
}

/**
 * The certificate the relay test presents when the inbound connector recognises the server by its
 * certificate: Office 365 attributes the connection only when it sees the server's own certificate.
 */
export function RelayCertificateField({ engagement }: { engagement: Engagement }) {
  const reset = useRelayCertificateStore((state) => state.reset);
  const problem = useOwnError(PLACE);
  useEffect(() => reset, [engagement.id, reset]);
  return (
    <section className="field wide relay-certificate" aria-labelledby="relay-certificate-heading">
      <h3 id="relay-certificate-heading" className="field-label">
        Certificate for the relay test
      </h3>
      <p className="field-hint">
        When the inbound connector recognises your server by its certificate, the relay test presents that certificate (a PFX, or a PEM certificate with its key), as your server will. Without one it tests
        this network’s address only.
      </p>
      {engagement.relayCertificate === null ? <CertificateChooser engagementId={engagement.id} /> : <ChosenCertificate engagementId={engagement.id} certificate={engagement.relayCertificate} />}
      {problem !== null && (
        <p className="inline-problem" role="alert">
          {problem.message}
        </p>
      )}
    </section>
  );
}
