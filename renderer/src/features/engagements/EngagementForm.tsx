import { useState, type ReactNode, type SyntheticEvent } from 'react';
import type { Engagement, EngagementDetails } from '../../../../preload/contract';
import { LIMITS, SERVER_KINDS, type ServerKind } from '../../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { useOwnError } from '../../api/errors';
import { settingFieldId } from '../checks/advice';
import { DETAILS_FIELDS, detailsProblems, hasProblems, splitList, type DetailsField } from './details-problems';

export const SERVER_LABELS: Readonly<Record<ServerKind, string>> = {
  exchange: 'Exchange Server',
  postfix: 'Postfix',
  other: 'Another SMTP server',
};

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

interface FieldProps {
  readonly field: DetailsField;
  readonly label: string;
  readonly hint?: string;
  /** The problems shown under the field (those of a field not yet left stay hidden until a save is tried). */
  readonly problems: readonly string[];
  readonly children: (props: { readonly id: string; readonly 'aria-describedby': string | undefined; readonly 'aria-invalid': boolean; readonly onBlur: () => void }) => ReactNode;
  readonly onBlur: () => void;
  readonly id?: string;
}

/** One field with its hint and, under it, every problem it has now. */
function FormField({ field, label, hint, problems, children, onBlur, id = `details-${field}` }: FieldProps) {
  const hintId = hint === undefined ? null : `${id}-hint`;
  const problemsId = problems.length === 0 ? null : `${id}-problems`;
  const describedBy = [hintId, problemsId].filter((part) => part !== null).join(' ');
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <span className="field-hint" id={hintId ?? undefined}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': problems.length > 0, onBlur })}
      {problemsId !== null && (
        <ul className="field-problems" id={problemsId}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EngagementForm({ title, submitLabel, initial, nameOnly = false, onSubmit, onCancel }: EngagementFormProps) {
  const [name, setName] = useState(initial.name);
  const [domains, setDomains] = useState(initial.domains.join('\n'));
  const [smartHosts, setSmartHosts] = useState(initial.smartHosts.join('\n'));
  const [serverKind, setServerKind] = useState<ServerKind>(initial.serverKind);
  const [testAddresses, setTestAddresses] = useState(initial.testAddresses.join('\n'));
  const [notes, setNotes] = useState(initial.notes);
  const [busy, setBusy] = useState(false);
  /** Fields the user has left (or all, once a save was tried): their problems are shown as they type. */
  const [touched, setTouched] = useState<ReadonlySet<DetailsField>>(new Set());
  const refused = useOwnError('engagement-form');

  const all = detailsProblems({ name, domains, smartHosts, testAddresses, notes });
  const fields: readonly DetailsField[] = nameOnly ? ['name'] : DETAILS_FIELDS;
  const shown = (field: DetailsField): readonly string[] => (touched.has(field) ? all[field] : []);
  const leave = (field: DetailsField) => () => {
    setTouched((before) => new Set([...before, field]));
  };

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setTouched(new Set(fields));
    const relevant = Object.fromEntries(fields.map((field) => [field, all[field]])) as typeof all;
    if (nameOnly ? all.name.length > 0 : hasProblems(relevant)) {
      const first = fields.find((field) => all[field].length > 0);
      if (first !== undefined) document.getElementById(first === 'domains' || first === 'smartHosts' ? settingFieldId(first) : `details-${first}`)?.focus();
      return;
    }
    setBusy(true);
    await onSubmit({
      name: name.trim(),
      domains: splitList(domains),
      smartHosts: splitList(smartHosts),
      serverKind,
      testAddresses: splitList(testAddresses),
      notes,
    });
    setBusy(false);
  };

  const count = fields.filter((field) => shown(field).length > 0).length;
  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <FormField field="name" label="Customer or engagement name" problems={shown('name')} onBlur={leave('name')}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} autoFocus maxLength={LIMITS.engagementName} required />}
        </FormField>
        {!nameOnly && (
          <>
            <FormField field="domains" id={settingFieldId('domains')} label="Email domains" hint="One per line, for example contoso.com" problems={shown('domains')} onBlur={leave('domains')}>
              {(props) => <textarea {...props} value={domains} onChange={(event) => setDomains(event.target.value)} rows={3} spellCheck={false} />}
            </FormField>
            <FormField
              field="smartHosts"
              id={settingFieldId('smartHosts')}
              label="Your server’s external name or IP (smart host)"
              hint="The host Office 365 will deliver to, for example mail.contoso.com; one per line when there are several."
              problems={shown('smartHosts')}
              onBlur={leave('smartHosts')}
            >
              {(props) => <textarea {...props} value={smartHosts} onChange={(event) => setSmartHosts(event.target.value)} rows={2} spellCheck={false} />}
            </FormField>
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
            <FormField field="testAddresses" label="Test addresses" hint="One mailbox per domain, used to validate and test" problems={shown('testAddresses')} onBlur={leave('testAddresses')}>
              {(props) => <textarea {...props} value={testAddresses} onChange={(event) => setTestAddresses(event.target.value)} rows={2} spellCheck={false} />}
            </FormField>
            <FormField field="notes" label="Notes" problems={shown('notes')} onBlur={leave('notes')}>
              {(props) => <textarea {...props} value={notes} onChange={(event) => setNotes(event.target.value)} rows={3} />}
            </FormField>
          </>
        )}
        {count > 0 && (
          <p className="form-problem" role="alert">
            {count === 1 ? 'One field needs a change' : `${String(count)} fields need a change`}: see under {count === 1 ? 'it' : 'each'}.
          </p>
        )}
        {refused !== null && (
          <p className="form-problem" role="alert">
            Not saved: {refused.message}
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
