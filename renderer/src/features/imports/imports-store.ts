/**
 * Importing what really exists into the open engagement: inventory documents (one per side) and
 * Microsoft's proof pasted back from PowerShell. The text in a box stays there when the core
 * refuses it, so a person fixes it instead of finding it again; it is emptied once it was kept.
 */
import { create } from 'zustand';
import { LIMITS, type ImportInput, type InventorySide, type OfficeProofPart, type SavableScript } from '../../../../preload/contract';
import { runAction } from '../../api/actions';
import { useErrorsStore, type ErrorPlace } from '../../api/errors';
import { readTextFile } from '../../ui/read-file';
import { useEngagementsStore } from '../engagements/engagements-store';

export type ImportKind = 'inventory' | 'office-proof';

interface ImportsState {
  /** The read-only inventory scripts fetched so far, by side. */
  readonly scripts: Partial<Readonly<Record<InventorySide, SavableScript>>>;
  /** The side whose inventory script is open, or null. */
  readonly openScript: InventorySide | null;
  /** What is in each box, by kind and engagement: text pasted for one engagement never goes to another. */
  readonly texts: Readonly<Record<string, string>>;
  readonly toggleScript: (side: InventorySide) => Promise<void>;
  readonly setText: (kind: ImportKind, engagementId: string, text: string) => void;
  /** Imports the text now in the box (pasted: no file name). */
  readonly importText: (kind: ImportKind, engagementId: string) => Promise<void>;
  readonly importFile: (kind: ImportKind, engagementId: string, file: File) => Promise<void>;
  readonly clearText: (kind: ImportKind, engagementId: string) => void;
  readonly removeInventory: (engagementId: string, side: InventorySide) => Promise<void>;
  readonly clearOfficeProof: (engagementId: string, part: OfficeProofPart) => Promise<void>;
}

const PLACE: Readonly<Record<ImportKind, ErrorPlace>> = { inventory: 'inventory', 'office-proof': 'office-proof' };

/** The key of one box: its kind and its engagement. */
export const textKey = (kind: ImportKind, engagementId: string): string => `${kind}|${engagementId}`;

export const useImportsStore = create<ImportsState>((set, get) => {
  const problem = (kind: ImportKind, message: string): void => {
    useErrorsStore.getState().show(PLACE[kind], { code: 'bad-input', message });
  };

  const send = async (kind: ImportKind, engagementId: string, input: ImportInput): Promise<void> => {
    if (input.text.trim() === '') {
      problem(kind, kind === 'inventory' ? 'Paste the inventory document first, or open the file the inventory script wrote.' : 'Paste the cmdlet’s JSON output first, or open a file with it.');
      return;
    }
    if (input.text.length > LIMITS.pastedTextChars) {
      problem(kind, `That is ${input.text.length.toLocaleString('en')} characters; at most ${LIMITS.pastedTextChars.toLocaleString('en')} can be imported.`);
      return;
    }
    const kept = await useEngagementsStore
      .getState()
      .change({ label: kind === 'inventory' ? 'importInventory' : 'importOfficeProof', place: PLACE[kind] }, (api) =>
        kind === 'inventory' ? api.importInventory(engagementId, input) : api.importOfficeProof(engagementId, input),
      );
    if (kept) set((state) => ({ texts: { ...state.texts, [textKey(kind, engagementId)]: '' } }));
  };

  return {
    scripts: {},
    openScript: null,
    texts: {},
    async toggleScript(side) {
      if (get().openScript === side) {
        set({ openScript: null });
        return;
      }
      if (get().scripts[side] === undefined) {
        const answer = await runAction({ label: 'getInventoryScript', place: 'inventory' }, (api) => api.getInventoryScript(side));
        if (!answer.ok) return;
        set((state) => ({ scripts: { ...state.scripts, [side]: answer.value } }));
      }
      set({ openScript: side });
    },
    setText(kind, engagementId, text) {
      set((state) => ({ texts: { ...state.texts, [textKey(kind, engagementId)]: text } }));
    },
    importText(kind, engagementId) {
      return send(kind, engagementId, { fileName: null, text: get().texts[textKey(kind, engagementId)] ?? '' });
    },
    async importFile(kind, engagementId, file) {
      const read = await readTextFile(file, LIMITS.inputFileBytes);
      if (!read.ok) {
        problem(kind, read.message);
        return;
      }
      get().setText(kind, engagementId, read.text);
      await send(kind, engagementId, { fileName: file.name, text: read.text });
    },
    clearText(kind, engagementId) {
      set((state) => ({ texts: { ...state.texts, [textKey(kind, engagementId)]: '' } }));
      useErrorsStore.getState().dismiss(PLACE[kind]);
    },
    async removeInventory(engagementId, side) {
      await useEngagementsStore.getState().change({ label: 'removeInventory', place: 'inventory' }, (api) => api.removeInventory(engagementId, side));
    },
    async clearOfficeProof(engagementId, part) {
      await useEngagementsStore.getState().change({ label: 'clearOfficeProof', place: 'office-proof' }, (api) => api.clearOfficeProof(engagementId, part));
    },
  };
});
