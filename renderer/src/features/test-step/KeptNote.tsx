import { checklist, TEST_ITEM_DIRECTION, type EvidenceKept } from '../../../../preload/contract';

const itemTitle = (itemId: string): string => checklist.flatMap((step) => step.items).find((item) => item.id === itemId)?.title ?? itemId;

/** Says whether a Test tool's result was kept as evidence for a Test item (with a way there), or why not. */
export function KeptNote({ kept }: { kept: EvidenceKept | null }) {
  if (kept === null) return null;
  if (kept.item === null) {
    return (
      <p className="muted small ts-kept" role="status">
        {kept.reason}
      </p>
    );
  }
  const item = kept.item;
  return (
    <p className="small ts-kept" role="status">
      Kept as proof of {TEST_ITEM_DIRECTION[item]} on the item “{itemTitle(item)}”.{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => window.requestAnimationFrame(() => document.getElementById(`item-${item}`)?.closest('li')?.scrollIntoView({ block: 'center' }))}
      >
        Show it in the checklist
      </button>
    </p>
  );
}
