import { useState, type SyntheticEvent } from 'react';
import type { Engagement, EngagementDetails } from '../../../../preload/contract';
import { SERVER_KINDS, type ServerKind } from '../../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { settingFieldId } from '../checks/advice';

export const SERVER_LABELS: Readonly<Record<ServerKind, string>> = {
  exchange: 'Exchange Server',
  postfix: 'Postfix',
  other: 'Another SMTP server',
};

/** Splits a list typed one per line or separated by commas or spaces. */
const splitList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

interface EngagementFormProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly initial: EngagementDetails;
  /** Only the name is asked for (rename). */
  readonly nameOnly?: boolean;
  readonly onSubmit: (details: EngagementDetails) => Promise<boolean>;
  readonly onCancel: () => void;
}

/** The editable part of an engagement. */
export const detailsOf = (engagement: Engagement): EngagementDetails => ({
  name: engagement.name,
  domains: engagement.domains,
  smartHosts: engagement.smartHosts,
  serverKind: engagement.serverKind,
  testAddresses: engagement.testAddresses,
  notes: engagement.notes,
});

export const emptyDetails: EngagementDetails = {
  name: '',
  domains: [],
  smartHosts: [],
  serverKind: 'exchange',
  testAddresses: [],
  notes: '',
};

export function EngagementForm({ title, submitLabel, initial, nameOnly = false, onSubmit, onCancel }: EngagementFormProps) {
  const [name, setName] = useState(initial.name);
  const [domains, setDomains] = useState(initial.domains.join('\n'));
  const [smartHosts, setSmartHosts] = useState(initial.smartHosts.join('\n'));
  const [serverKind, setServerKind] = useState<ServerKind>(initial.serverKind);
  const [testAddresses, setTestAddresses] = useState(initial.testAddresses.join('\n'));
  const [notes, setNotes] = useState(initial.notes);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem('Give the engagement a name, for example the customer’s.');
      return;
    }
    setBusy(true);
    const saved = await onSubmit({
      name: name.trim(),
      domains: splitList(domains),
      smartHosts: splitList(smartHosts),
      serverKind,
      testAddresses: splitList(testAddresses),
      notes,
    });
    setBusy(false);
    if (!saved) setProblem('Not saved: see the message at the top of the window.');
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field-label">Customer or engagement name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} autoFocus maxLength={200} required />
        </label>
        {!nameOnly && (
          <>
            <label className="field">
              <span className="field-label">Email domains</span>
              <span className="field-hint">One per line, for example contoso.com</span>
              <textarea id={settingFieldId('domains')} value={domains} onChange={(event) => setDomains(event.target.value)} rows={3} spellCheck={false} />
            </label>
            <label className="field">
              <span className="field-label">Your server’s external name or IP (smart host)</span>
              <span className="field-hint">The host Office 365 will deliver to, for example mail.contoso.com</span>
              <textarea id={settingFieldId('smartHosts')} value={smartHosts} onChange={(event) => setSmartHosts(event.target.value)} rows={2} spellCheck={false} />
            </label>
            <label className="field">
              <span className="field-label">On-premises server</span>
              <select value={serverKind} onChange={(event) => setServerKind(event.target.value as ServerKind)}>
                {SERVER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {SERVER_LABELS[kind]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Test addresses</span>
              <span className="field-hint">One mailbox per domain, used to validate and test</span>
              <textarea value={testAddresses} onChange={(event) => setTestAddresses(event.target.value)} rows={2} spellCheck={false} />
            </label>
            <label className="field">
              <span className="field-label">Notes</span>
              <textarea value={notes} onChange={(event) => setNotes(event.target.value)} rows={3} />
            </label>
          </>
        )}
        {problem !== null && (
          <p className="form-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

