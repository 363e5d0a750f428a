/**
 * Inspects a certificate file in the core; the verdicts are saved in the engagement. A PFX that
 * needs its password (none saved) waits here for the user to type it, and can save it.
 */
import { create } from 'zustand';
import { LIMITS } from '../../../../preload/contract';
import { runAction } from '../../api/actions';
import { toActionError, useErrorsStore } from '../../api/errors';
import { toBase64 } from '../../ui/read-file';
import { useEngagementsStore } from '../engagements/engagements-store';

export const INSPECT = 'inspectCertificate';

/** The file being inspected, or waiting for its password. */
export interface PendingFile {
  readonly engagementId: string;
  readonly name: string;
  readonly base64: string;
  /** A PFX that needs its password: the inspector asks for it in place. */
  readonly needsPassword: boolean;
}

interface CertificateState {
  /** While set, the engagement's saved inspection (of an earlier file) is not shown. */
  readonly pending: PendingFile | null;
  readonly inspect: (engagementId: string, file: File) => Promise<void>;
  /** Tries the waiting PFX with this password; saves it in the keychain when asked and it worked. */
  readonly unlock: (password: string, save: boolean) => Promise<void>;
  readonly forget: () => void;
}

export const useCertificateStore = create<CertificateState>((set, get) => {
  /** One attempt; true when the file was read and the inspection saved. */
  const attempt = async (pending: PendingFile, password: string | null): Promise<boolean> => {
    const seen = { passwordRequired: false };
    const saved = await useEngagementsStore.getState().change(
      {
        label: INSPECT,
        place: 'certificate',
        // Not a failure to show: the inspector asks for the password instead.
        quiet: (error) => {
          seen.passwordRequired = error.code === 'password-required' && password === null;
          return seen.passwordRequired;
        },
      },
      (api) => api.inspectCertificate(pending.engagementId, pending.name, pending.base64, password),
    );
    set({ pending: saved ? null : { ...pending, needsPassword: seen.passwordRequired || (password !== null && pending.needsPassword) } });
    return saved;
  };
  return {
    pending: null,
    async inspect(engagementId, file) {
      const errors = useErrorsStore.getState();
      errors.dismiss('certificate');
      set({ pending: { engagementId, name: file.name, base64: '', needsPassword: false } });
      if (file.size > LIMITS.certificateFileBytes) {
        errors.show('certificate', {
          code: 'bad-input',
          message: `${file.name} is ${Math.round(file.size / 1024)} KB: a certificate file is much smaller. Choose the .pem, .cer, .crt or .pfx file.`,
        });
        return;
      }
      let base64: string;
      try {
        base64 = await toBase64(file);
      } catch (error) {
        errors.show('certificate', { code: 'bad-input', message: `${file.name} could not be read: ${toActionError(error).message}` });
        return;
      }
      await attempt({ engagementId, name: file.name, base64, needsPassword: false }, null);
    },
    async unlock(password, save) {
      const pending = get().pending;
      if (pending === null) return;
      const worked = await attempt(pending, password);
      if (worked && save) {
        await runAction({ label: 'saveSecret', place: 'certificate' }, (api) => api.saveSecret(pending.engagementId, 'pfx-password', password));
      }
    },
    forget() {
      set({ pending: null });
      useErrorsStore.getState().dismiss('certificate');
    },
  };
});
