import { SECRET_TITLES, type ImportPlanEntry, type TransferChoice } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useError } from '../../api/errors';
import { Dialog } from '../../ui/Dialog';
import { FileButton } from '../../ui/FileButton';
import { formatTime } from '../../ui/format-time';
import { joinList } from '../checks/proof';
import { useTransferStore } from './transfer-store';

const CHOICES: readonly { readonly value: TransferChoice; readonly label: string }[] = [
  { value: 'copy', label: 'Keep both (the imported one is renamed)' },
  { value: 'replace', label: 'Replace the one here with the imported one' },
  { value: 'skip', label: 'Skip: keep the one here, do not import this one' },
];

/** The list page's export and import buttons. */
export function TransferButtons({ count }: { count: number }) {
  const { exportEngagements, openFile } = useTransferStore();
  return (
    <div className="toolbar transfer-buttons">
      <button type="button" className="button" disabled={count === 0} onClick={() => void exportEngagements([])}>
        Export all
      </button>
      <FileButton label="Import…" inputLabel="Import engagements from a file" accept=".json,application/json" onFile={(file) => void openFile(file)} />
    </div>
  );
}

function PlanRow({ entry, choice }: { entry: ImportPlanEntry; choice: TransferChoice | undefined }) {
  const choose = useTransferStore((state) => state.choose);
  return (
    <li className="transfer-entry">
      <p>
        <strong>{entry.name}</strong> <span className="muted small">({entry.domains.length > 0 ? entry.domains.join(', ') : 'no domains'}; changed {formatTime(entry.updatedAt)})</span>
      </p>
      {entry.conflict === null ? (
        <p className="muted small">New on this computer.</p>
      ) : (
        <fieldset className="transfer-choice">
          <legend>
            “{entry.conflict.name}” is already here (changed {formatTime(entry.conflict.updatedAt)}). What should happen?
          </legend>
          {CHOICES.map((option) => (
            <label key={option.value} className="choice">
              <input type="radio" name={`transfer-${entry.id}`} value={option.value} checked={choice === option.value} onChange={() => choose(entry.id, option.value)} />
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
    </li>
  );
}

/** What an import file holds and, for each engagement already here, the user's choice. */
export function ImportDialog() {
  const { pending, confirm, cancel } = useTransferStore();
  const busy = useBusy('importEngagements');
  const error = useError('transfer');
  if (pending === null) return null;
  const count = pending.plan.entries.length;
  return (
    <Dialog title="Import engagements" onClose={cancel}>
      <p>
        {pending.fileName}: {count} {count === 1 ? 'engagement' : 'engagements'}
        {pending.plan.exportedAt === '' ? '' : `, exported ${formatTime(pending.plan.exportedAt)}`}. Passwords are never in the file.
      </p>
      <ul className="transfer-entries">
        {pending.plan.entries.map((entry) => (
          <PlanRow key={entry.id} entry={entry} choice={pending.choices[entry.id]} />
        ))}
      </ul>
      {error !== null && (
        <p className="inline-problem" role="alert">
          {error.message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Dialog>
  );
}

/** After an import: how many came in, and which passwords to enter again on this machine. */
export function ImportDoneNotice() {
  const { done, dismissDone } = useTransferStore();
  const error = useError('transfer');
  const pending = useTransferStore((state) => state.pending);
  return (
    <>
      {error !== null && pending === null && (
        <p className="inline-problem" role="alert">
          {error.message}
        </p>
      )}
      {done !== null && (
        <div className="card transfer-done" role="status" aria-label="Import result">
          <p>
            Imported {done.imported} {done.imported === 1 ? 'engagement' : 'engagements'}
            {done.skipped > 0 ? `, skipped ${String(done.skipped)}` : ''}.
          </p>
          {done.reenter.length > 0 && (
            <>
              <p>Enter these passwords again on this computer (Prerequisites → Details → Passwords): they stayed in the other computer’s keychain.</p>
              <ul className="list">
                {done.reenter.map((note) => (
                  <li key={note.engagementId}>
                    {note.engagement}: {joinList(note.secrets.map((kind) => SECRET_TITLES[kind]))}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="button small" onClick={dismissDone}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
