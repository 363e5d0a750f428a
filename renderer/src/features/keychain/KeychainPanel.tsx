import { useEffect, useState, type SyntheticEvent } from 'react';
import { SECRET_TITLES, TYPED_SECRET_KINDS, type TypedSecretKind } from '../../../../preload/contract';
import { useError } from '../../api/errors';
import { useSecretsStore } from './secrets-store';

const LABELS: Readonly<Record<TypedSecretKind, { title: string; hint: string }>> = {
  'smtp-password': { title: SECRET_TITLES['smtp-password'], hint: 'For sending the test message through a server that asks for a login.' },
  'pfx-password': { title: SECRET_TITLES['pfx-password'], hint: 'To open the server certificate file for inspection.' },
};

function SecretRow({ engagementId, kind, saved }: { engagementId: string; kind: TypedSecretKind; saved: boolean }) {
  const { save, remove } = useSecretsStore();
  const [value, setValue] = useState('');
  const inputId = `secret-${kind}`;
  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (value === '') return;
    if (await save(engagementId, kind, value)) setValue('');
  };
  return (
    <form className="secret-row" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="secret-label">
        <span className="field-label">{LABELS[kind].title}</span>
        <span className="field-hint">
          {LABELS[kind].hint} {saved ? 'Saved in the keychain.' : 'Not saved.'}
        </span>
      </label>
      <input id={inputId} type="password" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} placeholder={saved ? '••••••••' : ''} />
      <button type="submit" className="button" disabled={value === ''}>
        Save
      </button>
      <button type="button" className="button danger-quiet" disabled={!saved} onClick={() => void remove(engagementId, kind)}>
        Remove
      </button>
    </form>
  );
}

/** Passwords go straight to the OS keychain; the app never shows them again. */
export function KeychainPanel({ engagementId }: { engagementId: string }) {
  const { status, load } = useSecretsStore();
  const problem = useError('keychain');
  useEffect(() => {
    void load(engagementId);
  }, [engagementId, load]);
  return (
    <div className="keychain">
      <h3>Passwords (kept in the system keychain)</h3>
      {problem !== null && (
        <p className="inline-problem" role="status">
          {problem.message}
        </p>
      )}
      {TYPED_SECRET_KINDS.map((kind) => (
        <SecretRow key={kind} engagementId={engagementId} kind={kind} saved={status?.[kind] === true} />
      ))}
    </div>
  );
}
