import type { SavableScript } from '../../../../preload/contract';
import { CopyButton } from '../../ui/CopyButton';
import { saveTextFile } from '../../ui/save-file';

/** Copy a script, or save it as the file it is meant to be run from (encoding decided by the core). */
export function ScriptActions({ script }: { script: SavableScript }) {
  return (
    <div className="toolbar">
      <CopyButton text={script.content} />
      <button type="button" className="button small" onClick={() => saveTextFile(script.file.name, script.file.text)}>
        Save as {script.filename}
      </button>
    </div>
  );
}
