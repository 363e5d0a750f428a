import type { Diagnosis } from '../../../../../preload/contract';
import { sentence } from '../../../ui/sentence';
import { codeText } from './code-text';

/** The bounce's other codes, folded away: the main one usually names the cause. */
export function OtherDiagnoses({ diagnoses }: { diagnoses: readonly Diagnosis[] }) {
  if (diagnoses.length === 0) return null;
  return (
    <details className="ts-more">
      <summary>Also in this bounce ({diagnoses.length})</summary>
      <ul className="ts-other">
        {diagnoses.map((diagnosis, index) => (
          <li key={`${diagnosis.code ?? 'words'}-${String(index)}`}>
            <strong>{codeText(diagnosis)}</strong>
            {' — '}
            {diagnosis.known?.title ?? (diagnosis.generic === null ? '' : sentence(diagnosis.generic))}
            {diagnosis.line !== '' && <code className="ts-value ts-other-line">{diagnosis.line}</code>}
          </li>
        ))}
      </ul>
    </details>
  );
}
