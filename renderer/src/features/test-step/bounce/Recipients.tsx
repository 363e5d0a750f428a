import type { DsnRecipient } from '../../../../../preload/contract';

/** The delivery status notification's per-recipient lines. */
export function Recipients({ recipients }: { recipients: readonly DsnRecipient[] }) {
  if (recipients.length === 0) return null;
  return (
    <table className="ts-recipients">
      <caption>Recipients in the report</caption>
      <thead>
        <tr>
          <th scope="col">Recipient</th>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Remote server</th>
        </tr>
      </thead>
      <tbody>
        {recipients.map((recipient, index) => (
          <tr key={`${recipient.finalRecipient ?? ''}-${String(index)}`}>
            <td>{recipient.finalRecipient ?? recipient.originalRecipient ?? '—'}</td>
            <td>{recipient.action ?? '—'}</td>
            <td>{recipient.status ?? '—'}</td>
            <td>{recipient.remoteMta ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
