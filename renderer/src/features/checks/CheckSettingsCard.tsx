import { useState, type SyntheticEvent } from 'react';
import { LIMITS, type Engagement } from '../../../../preload/contract';
import { FileButton } from '../../ui/FileButton';
import { readTextFile } from '../../ui/read-file';
import { settingFieldId } from './advice';
import { RelayCertificateField } from './RelayCertificateField';
import { useChecksStore } from './checks-store';

const certificateCount = (pem: string): number => (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;

/** Extra roots for the checks (a private or test CA), pasted or read from a PEM file. */
function ExtraCaField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const count = certificateCount(value);
  const open = async (file: File): Promise<void> => {
    const read = await readTextFile(file, LIMITS.extraCaChars);
    if (!read.ok) {
      setProblem(read.message);
      return;
    }
    if (certificateCount(read.text) === 0) {
      setProblem(`${file.name} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
      return;
    }
    setProblem(null);
    onChange(value.trim() === '' ? read.text : `${value.trimEnd()}\n${read.text}`);
  };
  return (
    <div className="field wide">
      <label className="field-label" htmlFor={settingFieldId('extraCa')}>
        Extra trusted CA certificates (PEM)
      </label>
      <span className="field-hint" id="extra-ca-hint">
        Trusted by the checks besides the system roots: for a private or test CA. Office 365 trusts only public CAs, so the
        certificate inspector keeps judging by the public roots. {count === 0 ? 'None added.' : `${String(count)} ${count === 1 ? 'certificate' : 'certificates'} added.`}
      </span>
      <textarea
        id={settingFieldId('extraCa')}
        className="pem-input"
        rows={3}
        maxLength={LIMITS.extraCaChars}
        value={value}
        aria-describedby="extra-ca-hint"
        placeholder="-----BEGIN CERTIFICATE-----"
        onChange={(event) => {
          setProblem(null);
          onChange(event.target.value);
        }}
        spellCheck={false}
      />
      {problem !== null && (
        <p className="inline-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="toolbar">
        <FileButton small label="Open a CA file…" inputLabel="Open a CA certificate file (PEM)" accept=".pem,.crt,.cer,application/x-pem-file,text/plain" onFile={(file) => void open(file)} />
        {value !== '' && (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setProblem(null);
              onChange('');
            }}
          >
            Remove all
          </button>
        )}
      </div>
    </div>
  );
}

/** How the checks reach the customer's systems from this laptop: port, DNS server, firewall list, extra CAs. */
export function CheckSettingsCard({ engagement }: { engagement: Engagement }) {
  const saveSettings = useChecksStore((state) => state.saveSettings);
  const settings = engagement.checkSettings;
  const [smtpPort, setSmtpPort] = useState(String(settings.smtpPort));
  const [dnsServer, setDnsServer] = useState(settings.dnsServer ?? '');
  const [tenantMx, setTenantMx] = useState(settings.tenantMx ?? '');
  const [firewallAllow, setFirewallAllow] = useState(settings.firewallAllow);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(settings.timeoutMs / 1000));
  const [extraCaPem, setExtraCaPem] = useState(settings.extraCaPem);
  const [relayTo, setRelayTo] = useState(settings.relayTo ?? '');
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
      extraCaPem,
      relayTo: relayTo.trim() === '' ? null : relayTo.trim(),
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
        <label className="field">
          <span className="field-label">Outside recipient for the relay test</span>
          <span className="field-hint">An address outside your domains. Office 365 is asked to accept mail for it from this network; the test stops before the message, so nothing is sent. Empty: not tested.</span>
          <input id={settingFieldId('relayTo')} type="email" value={relayTo} onChange={(event) => setRelayTo(event.target.value)} spellCheck={false} />
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
        <ExtraCaField value={extraCaPem} onChange={setExtraCaPem} />
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
      <RelayCertificateField engagement={engagement} />
    </section>
  );
}
