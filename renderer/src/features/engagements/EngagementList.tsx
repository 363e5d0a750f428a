import { useEffect, useState } from 'react';
import type { Engagement } from '../../../../preload/contract';
import { useEngagementsStore } from './engagements-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EngagementCard } from './EngagementCard';
import { ImportDialog, ImportDoneNotice, TransferButtons } from './EngagementTransfer';
import { EngagementForm, detailsOf, emptyDetails } from './EngagementForm';

type Editing = { readonly kind: 'create' } | { readonly kind: 'rename'; readonly engagement: Engagement } | { readonly kind: 'delete'; readonly engagement: Engagement } | null;

export function EngagementList() {
  const { engagements, loaded, create, update, remove, open } = useEngagementsStore();
  const [editing, setEditing] = useState<Editing>(null);
  const close = (): void => setEditing(null);
  useEffect(() => {
    // Read by `npm run budgets`: when the list, loaded from the core, is on screen.
    if (loaded && performance.getEntriesByName('mailflow:engagements-shown').length === 0) performance.mark('mailflow:engagements-shown');
  }, [loaded]);

  return (
    <section className="page" aria-labelledby="engagements-heading">
      <div className="page-header">
        <div>
          <h1 id="engagements-heading">Engagements</h1>
          <p className="muted">One per customer: their domains, their server, and how far the connector setup has come.</p>
        </div>
        <div className="toolbar">
          <TransferButtons count={engagements.length} />
          <button type="button" className="button primary" onClick={() => setEditing({ kind: 'create' })}>
            New engagement
          </button>
        </div>
      </div>
      <ImportDoneNotice />
      <ImportDialog />
      {loaded && engagements.length === 0 && (
        <div className="empty card">
          <h2>No engagements yet</h2>
          <p>Create one for the customer you are working with. Everything is saved on this computer and works offline.</p>
        </div>
      )}
      <ul className="engagement-list">
        {engagements.map((engagement) => (
          <EngagementCard
            key={engagement.id}
            engagement={engagement}
            onRename={() => setEditing({ kind: 'rename', engagement })}
            onDelete={() => setEditing({ kind: 'delete', engagement })}
          />
        ))}
      </ul>
      {editing?.kind === 'create' && (
        <EngagementForm
          title="New engagement"
          submitLabel="Create"
          initial={emptyDetails}
          onCancel={close}
          onSubmit={async (details) => {
            const created = await create(details);
            if (created === null) return false;
            close();
            open(created.id);
            return true;
          }}
        />
      )}
      {editing?.kind === 'rename' && (
        <EngagementForm
          title="Rename engagement"
          submitLabel="Rename"
          nameOnly
          initial={detailsOf(editing.engagement)}
          onCancel={close}
          onSubmit={async (details) => {
            const saved = await update(editing.engagement.id, { ...detailsOf(editing.engagement), name: details.name });
            if (saved) close();
            return saved;
          }}
        />
      )}
      {editing?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete engagement?"
          message={`“${editing.engagement.name}” and its progress will be removed from this computer, with any passwords saved for it in the keychain. This cannot be undone.`}
          confirmLabel="Delete"
          onCancel={close}
          onConfirm={() => {
            close();
            void remove(editing.engagement.id);
          }}
        />
      )}
    </section>
  );
}
