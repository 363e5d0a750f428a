import { useState, type SyntheticEvent } from 'react';
import { LIMITS, type Engagement } from '../../../../preload/contract';
import { settingFieldId } from './advice';
import { useChecksStore } from './checks-store';

/** How the checks reach the customer's systems from this laptop: port, DNS server, firewall list. */
export function CheckSettingsCard({ engagement }: { engagement: Engagement }) {
  const saveSettings = useChecksStore((state) => state.saveSettings);
  const settings = engagement.checkSettings;
  const [smtpPort, setSmtpPort] = useState(String(settings.smtpPort));
  const [dnsServer, setDnsServer] = useState(settings.dnsServer ?? '');
  const [tenantMx, setTenantMx] = useState(settings.tenantMx ?? '');
  const [firewallAllow, setFirewallAllow] = useState(settings.firewallAllow);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(settings.timeoutMs / 1000));
  const [saved, setSaved] = useState(false);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setSaved(false);
    const ok = await saveSettings(engagement.id, {
      smtpPort: Number(smtpPort),
      dnsServer: dnsServer.trim() === '' ? null : dnsServer.trim(),
      tenantMx: tenantMx.trim() === '' ? null : tenantMx.trim(),
      firewallAllow,
      timeoutMs: Math.round(Number(timeoutSeconds) * 1000),
    });
    setSaved(ok);
  };

  return (
    <section className="card section-card" aria-labelledby="check-settings-heading">
      <h2 id="check-settings-heading">Check settings</h2>
      <p className="muted small">How the checks reach the server and DNS from this computer. The defaults suit most visits.</p>
      <form className="form settings-form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span className="field-label">SMTP port of the smart host</span>
          <input id={settingFieldId('smtpPort')} inputMode="numeric" value={smtpPort} onChange={(event) => setSmtpPort(event.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Timeout per check (seconds)</span>
          <span className="field-hint">
            {LIMITS.checkTimeoutMs.min / 1000} to {LIMITS.checkTimeoutMs.max / 1000} seconds
          </span>
          <input id={settingFieldId('timeoutMs')} inputMode="decimal" value={timeoutSeconds} onChange={(event) => setTimeoutSeconds(event.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">DNS server to ask</span>
          <span className="field-hint">Empty: this computer’s resolver. Or an address such as 1.1.1.1 or 192.0.2.53:53</span>
          <input id={settingFieldId('dnsServer')} value={dnsServer} onChange={(event) => setDnsServer(event.target.value)} spellCheck={false} />
        </label>
        <label className="field">
          <span className="field-label">Tenant’s Office 365 MX host</span>
          <span className="field-hint">
            {engagement.domains[0] === undefined
              ? 'Empty: derived from the engagement’s first domain, once it has one.'
              : `Empty: derived from ${engagement.domains[0]} (its dots become dashes, then .mail.protection.outlook.com). Copy the exact value from the Microsoft 365 admin center when the domain has dashes or is international.`}
          </span>
          <input id={settingFieldId('tenantMx')} value={tenantMx} onChange={(event) => setTenantMx(event.target.value)} spellCheck={false} />
        </label>
        <label className="field wide">
          <span className="field-label">Firewall allow list for port 25</span>
          <span className="field-hint">One IP address or CIDR block per line (at most {LIMITS.firewallAllowEntries.toLocaleString('en')}), # for comments. Compared with every Office 365 range.</span>
          <textarea
            id={settingFieldId('firewallAllow')}
            rows={4}
            maxLength={LIMITS.firewallAllowChars}
            value={firewallAllow}
            onChange={(event) => setFirewallAllow(event.target.value)}
            spellCheck={false}
          />
        </label>
        <div className="form-actions wide">
          <button type="submit" className="button">
            Save settings
          </button>
          {saved && (
            <span className="muted small" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
