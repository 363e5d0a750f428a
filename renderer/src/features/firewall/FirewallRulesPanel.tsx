import { useEffect } from 'react';
import { CodeBlock } from '../../ui/CodeBlock';
import type { FirewallFormat } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useOwnError } from '../../api/errors';
import { CopyButton } from '../../ui/CopyButton';
import { formatDay } from '../../ui/format-time';
import { saveTextFile } from '../../ui/save-file';
import { useAppStore } from '../app-shell/app-store';
import { REFRESH_RANGES, useFirewallStore } from './firewall-store';

const FORMATS: readonly { readonly value: FirewallFormat; readonly label: string; readonly file: string }[] = [
  { value: 'cidr', label: 'Plain list (CIDR)', file: 'eop-ranges.txt' },
  { value: 'windows', label: 'Windows Firewall (PowerShell)', file: 'eop-firewall.ps1' },
  { value: 'iptables', label: 'iptables / ip6tables', file: 'eop-firewall.sh' },
  { value: 'nftables', label: 'nftables', file: 'eop-firewall.nft' },
  { value: 'json', label: 'JSON', file: 'eop-ranges.json' },
];

/** The Office 365 (EOP) address ranges for port 25, as rules for the customer's firewall. */
export function FirewallRulesPanel() {
  const online = useAppStore((state) => state.network.online);
  const { format, rules, note, open, setFormat, refresh } = useFirewallStore();
  const refreshing = useBusy(REFRESH_RANGES);
  const problem = useOwnError('firewall');

  useEffect(() => {
    void open();
  }, [open]);

  const file = FORMATS.find((candidate) => candidate.value === format)?.file ?? 'eop-ranges.txt';
  return (
    <section className="card section-card" aria-labelledby="firewall-heading">
      <h2 id="firewall-heading" tabIndex={-1}>Firewall rules for Office 365</h2>
      <p className="muted small">
        Let Exchange Online Protection reach your server on TCP port 25 from every one of its address ranges.
        {rules !== null && ` Microsoft 365 endpoints version ${rules.version} (${formatDay(rules.takenAt)}, ${rules.origin === 'bundled' ? 'bundled with the app' : rules.origin === 'cache' ? 'refreshed earlier' : 'just refreshed'}).`}
      </p>
      {rules?.notes.map((line) => (
        <p key={line} className="inline-problem">
          {line}
        </p>
      ))}
      {problem !== null && <p className="inline-problem">{problem.message}</p>}
      {note !== null && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      <div className="toolbar">
        <label className="field inline">
          <span className="field-label">Format</span>
          <select value={format} onChange={(event) => void setFormat(event.target.value as FirewallFormat)}>
            {FORMATS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" disabled={!online || refreshing} onClick={() => void refresh()} title={online ? '' : 'Needs a network connection'}>
          {refreshing ? 'Checking…' : 'Check for newer ranges'}
        </button>
        {rules !== null && (
          <>
            <CopyButton text={rules.text} />
            <button type="button" className="button small" onClick={() => saveTextFile(file, rules.text)}>
              Save as {file}
            </button>
          </>
        )}
      </div>
      {rules !== null && <CodeBlock label="Firewall rules">{rules.text}</CodeBlock>}
    </section>
  );
}
