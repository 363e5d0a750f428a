/** Inspects a certificate file in the core; the verdicts are saved in the engagement. */
import { create } from 'zustand';
import { LIMITS } from '../../../../preload/contract';
import { toActionError, useErrorsStore } from '../../api/errors';
import { useEngagementsStore } from '../engagements/engagements-store';

export const INSPECT = 'inspectCertificate';

/** The bytes of the file as base64, in slices small enough for String.fromCharCode. */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface CertificateState {
  readonly inspect: (engagementId: string, file: File) => Promise<void>;
}

export const useCertificateStore = create<CertificateState>(() => ({
  async inspect(engagementId, file) {
    const errors = useErrorsStore.getState();
    errors.dismiss('certificate');
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
    await useEngagementsStore.getState().change(INSPECT, (api) => api.inspectCertificate(engagementId, file.name, base64));
  },
}));
