import { useEffect, useState } from 'react';
import type { Engagement } from '../../../../preload/contract';
import { useEngagementsStore } from './engagements-store';
import { EngagementForm, SERVER_LABELS, detailsOf } from './EngagementForm';
import { KeychainPanel } from '../keychain/KeychainPanel';
import { useFixStore } from '../checks/fix-store';

const listOrNone = (values: readonly string[]): string => (values.length > 0 ? values.join(', ') : 'not set');

export function EngagementDetailsCard({ engagement }: { engagement: Engagement }) {
  const update = useEngagementsStore((state) => state.update);
  const [editing, setEditing] = useState(false);
  // A fix that names the domains or the smart host opens this form; the field is then focused.
  const fixWantsForm = useFixStore((state) => state.pending?.opens === 'engagement-details');
  useEffect(() => {
    if (fixWantsForm) setEditing(true);
  }, [fixWantsForm]);
  return (
    <section className="card details" aria-labelledby="details-heading">
      <div className="card-header">
        <h2 id="details-heading">Details</h2>
        <button type="button" className="button" onClick={() => setEditing(true)}>
          Edit details
        </button>
      </div>
      <dl className="details-list">
        <dt>Domains</dt>
        <dd>{listOrNone(engagement.domains)}</dd>
        <dt>Smart host</dt>
        <dd>{listOrNone(engagement.smartHosts)}</dd>
        <dt>Server</dt>
        <dd>{SERVER_LABELS[engagement.serverKind]}</dd>
        <dt>Test addresses</dt>
        <dd>{listOrNone(engagement.testAddresses)}</dd>
        {engagement.notes !== '' && (
          <>
            <dt>Notes</dt>
            <dd className="notes">{engagement.notes}</dd>
          </>
        )}
      </dl>
      <KeychainPanel engagementId={engagement.id} />
      {editing && (
        <EngagementForm
          title="Edit details"
          submitLabel="Save"
          initial={detailsOf(engagement)}
          onCancel={() => setEditing(false)}
          onSubmit={async (details) => {
            const saved = await update(engagement.id, details);
            if (saved) setEditing(false);
            return saved;
          }}
        />
      )}
    </section>
  );
}
