import type { Engagement, ImportedInventory, InventorySide } from '../../../../preload/contract';
import { INVENTORY_SIDE_LABELS, INVENTORY_SIDES, inventorySidesFor } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { useOwnError } from '../../api/errors';
import { CodeBlock } from '../../ui/CodeBlock';
import { formatTime } from '../../ui/format-time';
import { PasteInput } from '../../ui/PasteInput';
import { ScriptActions } from '../scripts/ScriptActions';
import { textKey, useImportsStore } from './imports-store';

/** How to run each side's script and where its document ends up. */
const HOW_TO_RUN: Readonly<Record<InventorySide, string>> = {
  'exchange-online': 'Run it in PowerShell after Connect-ExchangeOnline (View-Only Organization Management is enough); it writes mailflow-inventory-exchange-online.json in the current folder.',
  'exchange-server': 'Run it in the Exchange Management Shell on a Mailbox server; it writes mailflow-inventory-exchange-server.json in the current folder.',
  postfix: 'Run it on the Postfix server: sh mailflow-inventory-postfix.sh > mailflow-inventory-postfix.json',
};

function ImportedSide({ imported }: { imported: ImportedInventory }) {
  return (
    <>
      <p className="small">
        Read {formatTime(imported.readAt)}
        {imported.source === null ? '' : ` from ${imported.source}`} · imported {formatTime(imported.importedAt)}
        {imported.fileName === null ? ' (pasted)' : ` from ${imported.fileName}`}
      </p>
      <ul className="list small">
        {imported.contents.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}

function InventorySideRow({ engagement, side, applies }: { engagement: Engagement; side: InventorySide; applies: boolean }) {
  const { scripts, openScript, toggleScript, removeInventory } = useImportsStore();
  const imported = engagement.inventory.find((document) => document.side === side);
  const script = openScript === side ? scripts[side] : undefined;
  const label = INVENTORY_SIDE_LABELS[side];
  return (
    <li className="inventory-side">
      <div className="card-header">
        <h3>{label}</h3>
        <div className="toolbar">
          {applies && (
            <button type="button" className="button small" aria-expanded={script !== undefined} aria-label={`${script === undefined ? 'Show' : 'Hide'} the script for ${label}`} onClick={() => void toggleScript(side)}>
              {script === undefined ? 'Show the script' : 'Hide the script'}
            </button>
          )}
          {imported !== undefined && (
            <button type="button" className="button small" aria-label={`Remove this inventory (${label})`} onClick={() => void removeInventory(engagement.id, side)}>
              Remove this inventory
            </button>
          )}
        </div>
      </div>
      {!applies && <p className="inline-problem">This engagement’s server is no longer {label}: the checks and scripts ignore this inventory. Remove it, or change the server back in Details.</p>}
      {imported === undefined ? (
        <p className="muted small">Not imported: the checks cannot see what already exists here, and the scripts cannot target the real {side === 'postfix' ? 'settings' : 'connectors'}.</p>
      ) : (
        <ImportedSide imported={imported} />
      )}
      {script !== undefined && (
        <div className="inventory-script">
          <p className="small">
            Read-only: it changes nothing. {HOW_TO_RUN[side]}
          </p>
          <ScriptActions script={script} />
          <CodeBlock label={script.title}>{script.content}</CodeBlock>
        </div>
      )}
    </li>
  );
}

const INVENTORY_FILES = { words: 'the .json file the script wrote (up to 4 MB)', accept: '.json,application/json,text/plain' } as const;

/**
 * What already exists, read by the read-only inventory scripts and imported here: the checks then
 * compare it with what the engagement needs, and the edit scripts target the real objects.
 */
export function InventoryPanel({ engagement }: { engagement: Engagement }) {
  const { texts, setText, importText, importFile, clearText } = useImportsStore();
  const busy = useBusy('importInventory');
  const error = useOwnError('inventory');
  const applicable = inventorySidesFor(engagement.serverKind);
  return (
    <section className="card section-card" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">What already exists</h2>
      <p className="muted">
        Connectors made by the Hybrid Configuration Wizard, an older send connector or an accepted domain of the wrong type change what the scripts must do. Run each side’s
        read-only inventory script and import what it writes: the checks then say what exists, and the scripts edit it instead of duplicating it.
      </p>
      <ul className="inventory-sides">
        {INVENTORY_SIDES.filter((side) => applicable.includes(side) || engagement.inventory.some((document) => document.side === side)).map((side) => (
          <InventorySideRow key={side} engagement={engagement} side={side} applies={applicable.includes(side)} />
        ))}
      </ul>
      <PasteInput
        label="Import an inventory document"
        hint="Paste the JSON document an inventory script wrote; it says which side it is. A newer import of a side replaces the earlier one."
        placeholder='{ "format": "mailflow-inventory", "version": 1, "side": … }'
        actionLabel="Import"
        fileLabel="Open an inventory file"
        fileKinds={INVENTORY_FILES}
        text={texts[textKey('inventory', engagement.id)] ?? ''}
        error={error?.message ?? null}
        busy={busy}
        hasResult={false}
        onText={(value) => setText('inventory', engagement.id, value)}
        onRun={() => void importText('inventory', engagement.id)}
        onFile={(file) => void importFile('inventory', engagement.id, file)}
        onClear={() => clearText('inventory', engagement.id)}
      />
    </section>
  );
}
