import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Engagement } from '../../../preload/contract';
import { CLOUD_LABELS, CLOUD_NAMES, type CloudName } from '../../../preload/contract';
import { formatTime } from '../progress';
import { useAppStore } from '../stores/app';
import { useM365Store } from '../stores/m365';
import { CopyButton } from './CopyButton';

function SettingsForm() {
  const { status, saveSettings } = useM365Store();
  const settings = status?.settings;
  const [cloud, setCloud] = useState<CloudName>(settings?.cloud ?? 'Worldwide');
  const [clientId, setClientId] = useState(settings?.clientId ?? '');
  const [tenant, setTenant] = useState(settings?.tenant ?? 'organizations');
  const [saved, setSaved] = useState(false);
  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setSaved(await saveSettings({ cloud, clientId: clientId.trim() === '' ? null : clientId.trim(), tenant: tenant.trim() }));
  };
  return (
    <details className="check-details" open={status?.problem != null}>
      <summary>Sign-in settings (app registration and cloud)</summary>
      <form className="form settings-form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span className="field-label">Application (client) ID</span>
          <span className="field-hint">From your Entra ID app registration (see the README)</span>
          <input value={clientId} onChange={(event) => setClientId(event.target.value)} spellCheck={false} />
        </label>
        <label className="field">
          <span className="field-label">Cloud</span>
          <select value={cloud} onChange={(event) => setCloud(event.target.value as CloudName)}>
            {CLOUD_NAMES.map((name) => (
              <option key={name} value={name}>
                {CLOUD_LABELS[name]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Tenant</span>
          <span className="field-hint">organizations, the tenant ID, or one of its domains</span>
          <input value={tenant} onChange={(event) => setTenant(event.target.value)} spellCheck={false} />
        </label>
        <div className="form-actions wide">
          <button type="submit" className="button">
            Save sign-in settings
          </button>
          {saved && (
            <span className="muted small" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

function TenantSummary({ engagement }: { engagement: Engagement }) {
  const snapshot = engagement.tenantSnapshot;
  if (snapshot === null) return <p className="muted small">Not read yet: sign in, then read the tenant to compare it with DNS and this engagement.</p>;
  const accepted = new Set((snapshot.acceptedDomains ?? []).map((domain) => domain.domainName.toLowerCase()));
  const tenantDomains = new Map((snapshot.domains ?? []).map((domain) => [domain.id.toLowerCase(), domain]));
  return (
    <div className="tenant-summary">
      <p className="small muted">
        Read {formatTime(snapshot.readAt)} as {snapshot.account} (tenant {snapshot.tenantId}).
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Your domain</th>
            <th scope="col">In the tenant</th>
            <th scope="col">Verified</th>
            <th scope="col">Email</th>
            <th scope="col">Accepted domain</th>
          </tr>
        </thead>
        <tbody>
          {engagement.domains.map((name) => {
            const domain = tenantDomains.get(name);
            const cell = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{snapshot.domains === null ? 'unknown' : cell(domain !== undefined)}</td>
                <td>{domain === undefined ? '—' : cell(domain.isVerified)}</td>
                <td>{domain === undefined ? '—' : cell(domain.supportedServices.includes('Email'))}</td>
                <td>{snapshot.acceptedDomains === null ? 'unknown' : cell(accepted.has(name))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot.errors.map((error) => (
        <p key={`${error.source}|${error.domain ?? ''}`} className="inline-problem">
          {error.message}
        </p>
      ))}
    </div>
  );
}

/** Sign in to Microsoft 365 and read what the tenant expects; everything read is kept for offline use. */
export function M365Panel({ engagement }: { engagement: Engagement }) {
  const { status, signingIn, reading, problem, load, signIn, cancel, signOut, readTenant } = useM365Store();
  const online = useAppStore((state) => state.network.online);
  useEffect(() => {
    void load();
  }, [load]);
  const account = status?.account ?? null;
  const prompt = signingIn?.prompt ?? null;
  return (
    <section className="card section-card" aria-labelledby="m365-heading">
      <h2 id="m365-heading">Microsoft 365 tenant</h2>
      <p className="muted small">
        Signing in lets the checks compare DNS with the exact values Microsoft expects and confirm your domains are accepted domains. Tokens stay in the
        system keychain.
      </p>
      {status?.problem != null && <p className="inline-problem">{status.problem}</p>}
      {problem !== null && <p className="inline-problem">{problem}</p>}
      <div className="toolbar">
        {account !== null ? (
          <>
            <span>
              Signed in as <strong>{account.username}</strong> ({CLOUD_LABELS[account.cloud]})
            </span>
            <button type="button" className="button primary" disabled={reading || !online} onClick={() => void readTenant(engagement.id)}>
              {reading ? 'Reading…' : engagement.tenantSnapshot === null ? 'Read the tenant' : 'Read again'}
            </button>
            <button type="button" className="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : signingIn !== null ? (
          <button type="button" className="button" onClick={() => void cancel()}>
            Cancel sign-in
          </button>
        ) : (
          <>
            <button type="button" className="button primary" disabled={status?.problem != null || !online} onClick={() => void signIn('browser')}>
              Sign in with the browser
            </button>
            <button type="button" className="button" disabled={status?.problem != null || !online} onClick={() => void signIn('device-code')}>
              Sign in with a code
            </button>
          </>
        )}
      </div>
      {signingIn?.method === 'browser' && <p className="small" role="status">Finish signing in in your browser; this window continues by itself.</p>}
      {signingIn?.method === 'device-code' && (
        <div className="device-code" role="status">
          {prompt === null ? (
            <p className="small">Asking Microsoft for a code…</p>
          ) : (
            <>
              <p>
                On any device, open{' '}
                <a href={prompt.verificationUri} target="_blank" rel="noreferrer">
                  {prompt.verificationUri}
                </a>{' '}
                and enter:
              </p>
              <p className="code">{prompt.userCode}</p>
              <CopyButton text={prompt.userCode} label="Copy code" />
              <p className="muted small">The code works until {formatTime(prompt.expiresOn)}.</p>
            </>
          )}
        </div>
      )}
      <TenantSummary engagement={engagement} />
      <SettingsForm key={JSON.stringify(status?.settings ?? null)} />
    </section>
  );
}
