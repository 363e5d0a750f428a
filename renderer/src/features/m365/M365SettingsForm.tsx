import { useState, type SyntheticEvent } from 'react';
import { CLOUD_LABELS, CLOUD_NAMES, type CloudName } from '../../../../preload/contract';
import { useM365Store } from './m365-store';

/** The app registration and cloud the sign-in uses; open when they are what stops it. */
export function M365SettingsForm() {
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
