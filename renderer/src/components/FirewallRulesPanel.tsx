import { useEffect, useState } from 'react';
import type { FirewallFormat } from '../../../preload/contract';
import type { FirewallRules } from '../../../preload/contract';
import { saveTextFile } from '../save-file';
import { useAppStore } from '../stores/app';
import { CopyButton } from './CopyButton';

const FORMATS: readonly { readonly value: FirewallFormat; readonly label: string; readonly file: string }[] = [
  { value: 'cidr', label: 'Plain list (CIDR)', file: 'eop-ranges.txt' },
  { value: 'windows', label: 'Windows Firewall (PowerShell)', file: 'eop-firewall.ps1' },
  { value: 'iptables', label: 'iptables / ip6tables', file: 'eop-firewall.sh' },
  { value: 'nftables', label: 'nftables', file: 'eop-firewall.nft' },
  { value: 'json', label: 'JSON', file: 'eop-ranges.json' },
];

/** The Office 365 (EOP) address ranges for port 25, as rules for the customer's firewall. */
export function FirewallRulesPanel() {
  const api = useAppStore((state) => state.api);
  const online = useAppStore((state) => state.network.online);
  const [format, setFormat] = useState<FirewallFormat>('cidr');
  const [rules, setRules] = useState<FirewallRules | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [refresh, setRefresh] = useState<{ readonly busy: boolean; readonly message: string | null; readonly generation: number }>({
    busy: false,
    message: null,
    generation: 0,
  });

  const checkForNewer = async (): Promise<void> => {
    if (api === null) return;
    setRefresh({ ...refresh, busy: true, message: null });
    try {
      const result = await api.refreshFirewallRanges();
      const what =
        result.contacted === 'none'
          ? 'Checked less than an hour ago: Microsoft asks clients not to ask more often.'
          : result.contacted === 'version'
            ? `No newer ranges: version ${result.version ?? 'unknown'} is current.`
            : `Updated to version ${result.version ?? 'unknown'}.`;
      setRefresh({ busy: false, message: [what, ...result.notes].join(' '), generation: refresh.generation + 1 });
    } catch (error) {
      setRefresh({ busy: false, message: error instanceof Error ? error.message : String(error), generation: refresh.generation });
    }
  };

  useEffect(() => {
    if (api === null) return;
    let current = true;
    api.getFirewallRules(format).then(
      (loaded) => {
        if (current) setRules(loaded);
      },
      (error: unknown) => {
        if (current) setProblem(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      current = false;
    };
  }, [api, format, refresh.generation]);

  const file = FORMATS.find((candidate) => candidate.value === format)?.file ?? 'eop-ranges.txt';
  return (
    <section className="card section-card" aria-labelledby="firewall-heading">
      <h2 id="firewall-heading">Firewall rules for Office 365</h2>
      <p className="muted small">
        Let Exchange Online Protection reach your server on TCP port 25 from every one of its address ranges.
        {rules !== null && ` Microsoft 365 endpoints version ${rules.version} (${rules.takenAt.slice(0, 10)}, ${rules.origin === 'bundled' ? 'bundled with the app' : rules.origin === 'cache' ? 'refreshed earlier' : 'just refreshed'}).`}
      </p>
      {rules?.notes.map((note) => (
        <p key={note} className="inline-problem">
          {note}
        </p>
      ))}
      {problem !== null && <p className="inline-problem">{problem}</p>}
      {refresh.message !== null && (
        <p className="muted small" role="status">
          {refresh.message}
        </p>
      )}
      <div className="toolbar">
        <label className="field inline">
          <span className="field-label">Format</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as FirewallFormat)}>
            {FORMATS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" disabled={!online || refresh.busy} onClick={() => void checkForNewer()} title={online ? '' : 'Needs a network connection'}>
          {refresh.busy ? 'Checking…' : 'Check for newer ranges'}
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
      {rules !== null && <pre className="code-block">{rules.text}</pre>}
    </section>
  );
}
