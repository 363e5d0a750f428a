import { useState, type SyntheticEvent } from 'react';
import type { ConnectorChoices, Engagement } from '../../../../preload/contract';
import type { ConnectorScope, InboundIdentification, OutboundTlsSettings, ScriptMode } from '../../../../preload/contract';
import { settingFieldId } from '../checks/advice';
import { useScriptsStore } from './scripts-store';

const splitList = (text: string): string[] => text.split(/[\s,;]+/).filter((part) => part !== '');

/** The choices of Part 1 and Part 2 that decide what the scripts contain. */
export function ConnectorChoicesCard({ engagement }: { engagement: Engagement }) {
  const saveChoices = useScriptsStore((state) => state.saveChoices);
  const initial = engagement.connectorChoices;
  const [scope, setScope] = useState<ConnectorScope>(initial.scope);
  const [inboundBy, setInboundBy] = useState<InboundIdentification>(initial.inboundBy);
  const [senderIps, setSenderIps] = useState(initial.senderIpAddresses.join('\n'));
  const [certificateName, setCertificateName] = useState(initial.certificateName ?? '');
  const [tlsSettings, setTlsSettings] = useState<OutboundTlsSettings>(initial.tlsSettings);
  const [mode, setMode] = useState<ScriptMode>(initial.mode);
  const [saved, setSaved] = useState(false);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const choices: ConnectorChoices = {
      scope,
      inboundBy,
      senderIpAddresses: splitList(senderIps),
      certificateName: certificateName.trim() === '' ? null : certificateName.trim(),
      tlsSettings,
      mode,
    };
    setSaved(await saveChoices(engagement.id, choices));
  };

  return (
    <section className="card section-card" aria-labelledby="choices-heading">
      <h2 id="choices-heading">Connector choices</h2>
      <form className="form settings-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="field">
          <legend className="field-label">Which mail goes to your server</legend>
          <label className="choice">
            <input type="radio" name="scope" checked={scope === 'accepted-domains'} onChange={() => setScope('accepted-domains')} /> Everything for your domains (most businesses)
          </label>
          <label className="choice">
            <input type="radio" name="scope" checked={scope === 'transport-rule'} onChange={() => setScope('transport-rule')} /> Only what a mail flow rule selects
          </label>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">How Office 365 recognises your server</legend>
          <label className="choice">
            <input id={settingFieldId('inboundBy')} type="radio" name="inbound" checked={inboundBy === 'certificate'} onChange={() => setInboundBy('certificate')} /> By its certificate (recommended)
          </label>
          <label className="choice">
            <input type="radio" name="inbound" checked={inboundBy === 'ip'} onChange={() => setInboundBy('ip')} /> By its public IPv4 address
          </label>
        </fieldset>
        {inboundBy === 'certificate' ? (
          <label className="field">
            <span className="field-label">Domain the certificate names</span>
            <span className="field-hint">Empty: the smart host name. It must be one of your accepted domains to relay to the Internet.</span>
            <input id={settingFieldId('certificateName')} value={certificateName} onChange={(event) => setCertificateName(event.target.value)} spellCheck={false} />
          </label>
        ) : (
          <label className="field">
            <span className="field-label">Your server’s public IPv4 addresses</span>
            <span className="field-hint">One per line; a single address or a range from /24 to /32.</span>
            <textarea rows={2} value={senderIps} onChange={(event) => setSenderIps(event.target.value)} spellCheck={false} />
          </label>
        )}
        <label className="field">
          <span className="field-label">How Office 365 checks your certificate</span>
          <select value={tlsSettings} onChange={(event) => setTlsSettings(event.target.value as OutboundTlsSettings)}>
            <option value="CertificateValidation">Trusted certificate (recommended)</option>
            <option value="DomainValidation">Trusted certificate naming a given domain</option>
            <option value="EncryptionOnly">Encryption only, any certificate</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Connectors</span>
          <select value={mode} onChange={(event) => setMode(event.target.value as ScriptMode)}>
            <option value="new">Create new connectors</option>
            <option value="edit">Edit existing connectors (old settings work until saved)</option>
          </select>
        </label>
        <div className="form-actions wide">
          <button type="submit" className="button">
            Save choices
          </button>
          {saved && (
            <span className="muted small" role="status">
              Saved: the scripts below use them.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
