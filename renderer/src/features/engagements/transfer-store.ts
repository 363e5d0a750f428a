/**
 * Moving engagements between laptops: export to a file (saved through the browser's download),
 * and import in two stages, the plan (what collides with an engagement here) and then the import
 * with a choice for every collision. The file's text is kept until the import is done or dropped.
 */
import { create } from 'zustand';
import { LIMITS, type ImportOutcome, type ImportPlan, type TransferChoice } from '../../../../preload/contract';
import { runAction } from '../../api/actions';
import { useErrorsStore } from '../../api/errors';
import { readTextFile } from '../../ui/read-file';
import { saveTextFile } from '../../ui/save-file';
import { useEngagementsStore } from './engagements-store';

interface PendingImport {
  readonly fileName: string;
  readonly text: string;
  readonly plan: ImportPlan;
  readonly choices: Readonly<Record<string, TransferChoice>>;
}

interface TransferState {
  readonly pending: PendingImport | null;
  /** What the last import did, until dismissed: shown with the passwords to enter again. */
  readonly done: ImportOutcome | null;
  readonly exportEngagements: (ids: readonly string[]) => Promise<void>;
  readonly openFile: (file: File) => Promise<void>;
  readonly choose: (id: string, choice: TransferChoice) => void;
  readonly confirm: () => Promise<void>;
  readonly cancel: () => void;
  readonly dismissDone: () => void;
}

/** An export of many engagements is still small: 40 MB is far beyond any real one. */
const MAX_FILE_BYTES = LIMITS.pastedTextChars * 10;

export const useTransferStore = create<TransferState>((set, get) => ({
  pending: null,
  done: null,
  async exportEngagements(ids) {
    const file = await runAction({ label: 'exportEngagements', place: 'transfer' }, (api) => api.exportEngagements(ids));
    if (file.ok) saveTextFile(file.value.fileName, file.value.text, 'application/json');
  },
  async openFile(file) {
    const read = await readTextFile(file, MAX_FILE_BYTES);
    if (!read.ok) {
      useErrorsStore.getState().show('transfer', { code: 'bad-input', message: read.message });
      return;
    }
    const text = read.text;
    const plan = await runAction({ label: 'planEngagementsImport', place: 'transfer' }, (api) => api.planEngagementsImport(text));
    if (!plan.ok) return;
    // A collision starts on "keep both": nothing here is lost unless the user chooses so.
    const choices = Object.fromEntries(plan.value.entries.filter((entry) => entry.conflict !== null).map((entry) => [entry.id, 'copy' as const]));
    set({ pending: { fileName: file.name, text, plan: plan.value, choices }, done: null });
  },
  choose(id, choice) {
    const { pending } = get();
    if (pending !== null) set({ pending: { ...pending, choices: { ...pending.choices, [id]: choice } } });
  },
  async confirm() {
    const { pending } = get();
    if (pending === null) return;
    const outcome = await runAction({ label: 'importEngagements', place: 'transfer' }, (api) => api.importEngagements(pending.text, pending.choices));
    if (!outcome.ok) return;
    useEngagementsStore.setState({ engagements: outcome.value.engagements });
    set({ pending: null, done: outcome.value });
  },
  cancel() {
    set({ pending: null });
    useErrorsStore.getState().dismiss('transfer');
  },
  dismissDone() {
    set({ done: null });
  },
}));
