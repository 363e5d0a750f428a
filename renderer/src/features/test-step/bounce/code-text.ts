import type { Diagnosis } from '../../../../../preload/contract';

/** "550 5.7.64", "5.7.64", or the failure's name when it was recognised by its words only. */
export function codeText(diagnosis: Diagnosis): string {
  if (diagnosis.code === null) return 'No status code';
  return diagnosis.reply === null ? diagnosis.code : `${String(diagnosis.reply)} ${diagnosis.code}`;
}
