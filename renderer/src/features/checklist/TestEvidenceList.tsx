import type { Engagement, TestEvidence, TestItemProof } from '../../../../preload/contract';
import { useBusy } from '../../api/actions';
import { formatTime } from '../../ui/format-time';
import { StatusPill } from '../../ui/StatusPill';
import { useEngagementsStore } from '../engagements/engagements-store';

const KIND_TEXT: Readonly<Record<TestEvidence['kind'], string>> = { message: 'Test message', headers: 'Delivered message’s headers', bounce: 'Bounce' };

/** The technical detail behind one piece of evidence: the SMTP transcript, the path, or the fix. */
function detailLines(evidence: TestEvidence): readonly string[] {
  if (evidence.kind === 'message') return evidence.transcript;
  if (evidence.kind === 'headers') return [...(evidence.subject === null ? [] : [`Subject: ${evidence.subject}`]), ...evidence.path];
  return [...(evidence.fix === null ? [] : [`Fix: ${evidence.fix}`]), `Recipients: ${evidence.recipients.join(', ')}`];
}

/** What the Test step kept for one Test item, newest first, each with its detail and a way to remove it. */
export function TestEvidenceList({ engagement, proof }: { engagement: Engagement; proof: TestItemProof }) {
  const change = useEngagementsStore((state) => state.change);
  const busy = useBusy('removeTestEvidence');
  if (proof.evidence.length === 0) return null;
  return (
    <>
      <p className="item-proof-source">From the Test step</p>
      <ul className="item-checks item-test-evidence" aria-label="Proof from the Test step">
        {proof.evidence.map((evidence) => (
          <li key={evidence.id} className="item-check item-evidence">
            <StatusPill status={evidence.status} />
            <div>
              <span>
                <strong>{KIND_TEXT[evidence.kind]}</strong>, {formatTime(evidence.at)}: {evidence.summary}
              </span>
              <details className="item-evidence-detail">
                <summary>{evidence.kind === 'message' ? 'Transcript' : evidence.kind === 'headers' ? 'Path' : 'Fix'}</summary>
                <pre tabIndex={0}>{detailLines(evidence).join('\n')}</pre>
              </details>
              <button
                type="button"
                className="link-button small"
                disabled={busy}
                onClick={() => void change({ label: 'removeTestEvidence' }, (api) => api.removeTestEvidence(engagement.id, evidence.id))}
              >
                Remove{evidence.kind === 'message' ? ' this test message' : evidence.kind === 'headers' ? ' these headers' : ' this bounce'}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
