import { useState, type SyntheticEvent } from 'react';
import { useBusy } from '../../api/actions';
import { INSPECT, useCertificateStore } from './certificate-store';

/** Asks for the password of a PFX that needs one, in place; saving it in the keychain is a choice. */
export function PfxPasswordForm({ fileName }: { fileName: string }) {
  const unlock = useCertificateStore((state) => state.unlock);
  const forget = useCertificateStore((state) => state.forget);
  const busy = useBusy(INSPECT);
  const [password, setPassword] = useState('');
  const [save, setSave] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (password !== '') void unlock(password, save);
  };
  return (
    <form className="form pfx-password" onSubmit={submit}>
      <label className="field">
        <span className="field-label">Password of {fileName}</span>
        <span className="field-hint">The file is protected by a password and none is saved for this engagement.</span>
        <input type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} autoFocus />
      </label>
      <label className="choice">
        <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} /> Save it in this computer’s keychain for this engagement
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || password === ''}>
          {busy ? 'Opening…' : 'Open the file'}
        </button>
        <button type="button" className="button" onClick={forget}>
          Cancel
        </button>
      </div>
    </form>
  );
}
