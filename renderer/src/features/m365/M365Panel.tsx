import { useEffect } from 'react';
import { CLOUD_LABELS, type Engagement } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useError } from '../../api/errors';
import { useAppStore } from '../app-shell/app-store';
import { DeviceCodeSignIn } from './DeviceCodeSignIn';
import { M365SettingsForm } from './M365SettingsForm';
import { TenantSummary } from './TenantSummary';
import { READ_TENANT, useM365Store } from './m365-store';

/** Sign in to Microsoft 365 and read what the tenant expects; everything read is kept for offline use. */
export function M365Panel({ engagement }: { engagement: Engagement }) {
  const { status, signingIn, load, signIn, cancel, signOut, readTenant } = useM365Store();
  const reading = useBusy(READ_TENANT);
  const problem = useError('m365');
  const online = useAppStore((state) => state.network.online);
  useEffect(() => {
    void load();
  }, [load]);
  const account = status?.account ?? null;
  const prompt = signingIn?.prompt ?? null;
  return (
    <section className="card section-card" aria-labelledby="m365-heading">
      <h2 id="m365-heading" tabIndex={-1}>Microsoft 365 tenant</h2>
      <p className="muted small">
        Signing in lets the checks compare DNS with the exact values Microsoft expects and confirm your domains are accepted domains. Tokens stay in the
        system keychain.
      </p>
      {status?.problem != null && <p className="inline-problem">{status.problem}</p>}
      {problem !== null && <p className="inline-problem">{problem.message}</p>}
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
      {signingIn?.method === 'device-code' && <DeviceCodeSignIn prompt={prompt} />}
      <TenantSummary engagement={engagement} />
      <M365SettingsForm key={JSON.stringify(status?.settings ?? null)} />
    </section>
  );
}
