/**
 * Choosing the certificate the relay test presents: the files wait here (read as base64) until the
 * core has opened them with the password and kept them in the keychain; a failure keeps them, so
 * the user can add the password or the key file and try again.
 */
import { create } from 'zustand';
import { LIMITS, type FileContent } from '../../../../preload/contract';
import { toActionError, useErrorsStore } from '../../api/errors';
import { toBase64 } from '../../ui/read-file';
import { useEngagementsStore } from '../engagements/engagements-store';

export const PLACE = 'relay-certificate';

interface RelayCertificateState {
  readonly certificate: FileContent | null;
  readonly key: FileContent | null;
  /** The core said the file (or key) needs its password. */
  readonly needsPassword: boolean;
  readonly busy: boolean;
  readonly pick: (role: 'certificate' | 'key', file: File) => Promise<void>;
  /** Opens the waiting files in the core; true when the certificate is now the one the relay test presents. */
  readonly use: (engagementId: string, password: string | null) => Promise<boolean>;
  readonly clear: (engagementId: string) => Promise<void>;
  readonly reset: () => void;
}

const idle = { certificate: null, key: null, needsPassword: false, busy: false };

export const useRelayCertificateStore = create<RelayCertificateState>((set, get) => ({
  ...idle,
  async pick(role, file) {
    const errors = useErrorsStore.getState();
    errors.dismiss(PLACE);
    if (file.size > LIMITS.certificateFileBytes) {
      errors.show(PLACE, { code: 'bad-input', message: `${file.name} is ${String(Math.round(file.size / 1024))} KB: a certificate or key file is much smaller.` });
      return;
    }
    try {
      const content = { name: file.name, contentBase64: await toBase64(file) };
      set(role === 'certificate' ? { certificate: content, needsPassword: false } : { key: content, needsPassword: false });
    } catch (error) {
      errors.show(PLACE, { code: 'bad-input', message: `${file.name} could not be read: ${toActionError(error).message}` });
    }
  },
  async use(engagementId, password) {
    const { certificate, key } = get();
    if (certificate === null) return false;
    set({ busy: true });
    const seen = { passwordRequired: false };
    const saved = await useEngagementsStore.getState().change(
      {
        label: 'setRelayCertificate',
        place: PLACE,
        quiet: (error) => {
          // Asked for in place rather than shown as a failure, unless a password was given and is wrong.
          seen.passwordRequired = error.code === 'password-required' && password === null;
          return seen.passwordRequired;
        },
      },
      (api) => api.setRelayCertificate(engagementId, certificate, key, password),
    );
    set(saved ? idle : { busy: false, needsPassword: seen.passwordRequired || get().needsPassword });
    return saved;
  },
  async clear(engagementId) {
    set({ busy: true });
    await useEngagementsStore.getState().change({ label: 'clearRelayCertificate', place: PLACE }, (api) => api.clearRelayCertificate(engagementId));
    set({ busy: false });
  },
  reset() {
    set(idle);
    useErrorsStore.getState().dismiss(PLACE);
  },
}));
